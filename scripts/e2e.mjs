// Browser tests: builds the viewer, makes sure the e2e phantom exists, runs Playwright in Debian chromium.
import { spawnSync } from 'node:child_process';

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

run('npx', ['webpack', '--mode', 'production', '--no-stats']);
const phantom = spawnSync('node', ['bin/run-ts.mjs', 'scripts/prepare-phantom.ts', '--size', '128x128x40', '--print-dir'], { encoding: 'utf8' });
if (phantom.status !== 0) {
  process.stderr.write(phantom.stderr);
  process.exit(1);
}
const demoDir = phantom.stdout.trim().split('\n').pop();
run('npx', ['playwright', 'test', '--config', 'e2e/playwright.config.ts', ...process.argv.slice(2)], { HCC_E2E_DEMO_DIR: demoDir });
