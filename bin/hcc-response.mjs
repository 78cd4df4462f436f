#!/usr/bin/env node
// The hcc-response command line: runs src/cli/main.ts through tsx, so it works right after `npm ci`.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';

register();
const main = new URL('../src/cli/main.ts', import.meta.url);
const { runCli } = await import(main.href);
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  cwd: process.cwd(),
  self: fileURLToPath(import.meta.url),
});
