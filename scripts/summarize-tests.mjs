// Reads the JSON results of vitest and Playwright and prints one line: "tests: N passed, N failed, N skipped".
import { readFileSync, existsSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];

if (existsSync('.test-results/vitest.json')) {
  const v = JSON.parse(readFileSync('.test-results/vitest.json', 'utf8'));
  passed += v.numPassedTests ?? 0;
  failed += (v.numFailedTests ?? 0) + (v.numFailedTestSuites ?? 0) - countFailedSuitesWithTests(v);
  skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
} else missing.push('unit');

if (existsSync('.test-results/e2e.json')) {
  const p = JSON.parse(readFileSync('.test-results/e2e.json', 'utf8'));
  const s = p.stats ?? {};
  passed += (s.expected ?? 0) + (s.flaky ?? 0);
  failed += s.unexpected ?? 0;
  skipped += s.skipped ?? 0;
  failed += (p.errors ?? []).length;
} else missing.push('e2e');

// A suite that failed to load has no test results; count it once as a failure.
function countFailedSuitesWithTests(v) {
  return (v.testResults ?? []).filter((r) => r.status === 'failed' && (r.assertionResults ?? []).some((a) => a.status === 'failed')).length;
}

if (missing.length) {
  failed += missing.length;
  console.log(`(no results from: ${missing.join(', ')})`);
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
