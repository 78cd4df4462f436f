#!/usr/bin/env bash
# `npm test`: type-check, unit tests (vitest, node), browser tests (Playwright + Debian chromium).
# Ends with one summary line "tests: N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p .test-results
rm -f .test-results/*.json

bash scripts/ensure-system-deps.sh || exit 1
[ -d node_modules ] || npm ci --no-audit --no-fund || exit 1

echo "== type-check"
npx tsc --noEmit -p tsconfig.json || { echo "tests: 0 passed, 1 failed (type-check)"; exit 1; }

echo "== unit tests"
npx vitest run --reporter=default --reporter=json --outputFile.json=.test-results/vitest.json
unit=$?

echo "== browser tests"
node scripts/e2e.mjs
e2e=$?

node scripts/summarize-tests.mjs
[ $unit -eq 0 ] && [ $e2e -eq 0 ]
