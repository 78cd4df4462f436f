// `npm start`: generate the demo study (cached), build the viewer, serve both on http://localhost:8080.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { serve } from './serve.mjs';

const size = process.env.HCC_DEMO_SIZE ?? '192x192x60';
const phantom = spawnSync('node', ['bin/run-ts.mjs', 'scripts/prepare-phantom.ts', '--size', size, '--print-dir'], {
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
});
if (phantom.status !== 0) process.exit(phantom.status ?? 1);
const demoDir = phantom.stdout.trim().split('\n').pop();

const build = spawnSync('npx', ['webpack', '--mode', 'production', '--no-stats'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const port = Number(process.env.PORT ?? 8080);
await serve({ distDir: path.resolve('dist'), demoDir: path.resolve(demoDir), port, dicomweb: process.env.HCC_DICOMWEB ?? null });
console.log(`hcc-response viewer: http://localhost:${port}/  (demo study ${size} from ${demoDir})\n  with the demo lesions measured: http://localhost:${port}/?seg=1   (Ctrl+C to stop)`);
