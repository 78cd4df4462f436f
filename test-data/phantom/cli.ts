/**
 * npm run phantom -- --size 256x256x80 --seed 42 --out <dir> [--no-variants]
 * (run through bin/run-ts.mjs). Writes the study, truth.json and manifest.json into <dir>.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_SEED, DEFAULT_SIZE, generatePhantom } from './generate';
import { parseSize } from './grids';

function usage(message?: string): never {
  if (message) console.error(`phantom: ${message}`);
  console.error('usage: npm run phantom -- [--size NXxNYxNZ (default 128x128x40)] [--seed N (default 42)] --out DIR [--no-variants]');
  process.exit(2);
}

async function main(argv: string[]): Promise<void> {
  let size = DEFAULT_SIZE;
  let seed = DEFAULT_SEED;
  let out: string | undefined;
  let variants = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => argv[++i] ?? usage(`${arg} needs a value`);
    if (arg === '--size') size = parseSize(value());
    else if (arg === '--seed') seed = Number(value());
    else if (arg === '--out') out = value();
    else if (arg === '--no-variants') variants = false;
    else if (arg === '--help' || arg === '-h') usage();
    else usage(`unknown argument "${arg}"`);
  }
  if (!out) usage('--out is required');
  if (!Number.isSafeInteger(seed) || seed < 0) usage('--seed must be a non-negative integer');
  const dir = path.resolve(out);
  if (existsSync(dir) && readdirSync(dir).length > 0) usage(`${dir} is not empty (files would mix with an older study)`);
  const started = performance.now();
  const { truth, manifest } = await generatePhantom({ seed, size, out: dir, variants, log: (m) => console.log(`phantom: ${m}`) });
  const files = manifest.timePoints.reduce((n, tp) => n + tp.series.reduce((m, s) => m + s.files.length, 0), 0);
  console.log(`phantom: ${files} study files (+ variants: ${variants ? 'yes' : 'no'}) in ${dir}, ${((performance.now() - started) / 1000).toFixed(1)} s`);
  for (const [key, result] of Object.entries(truth.response[0]?.criteria.measured ?? {})) {
    console.log(`phantom: follow-up ${key}: ${result.category} (${result.changeFromBaselinePct.toFixed(1)} %)`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`phantom: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
