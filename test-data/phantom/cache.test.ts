import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensurePhantom, generatorHash } from './cache';

const cacheRoot = mkdtempSync(path.join(os.tmpdir(), 'hcc-phantom-cache-'));
afterAll(() => rmSync(cacheRoot, { recursive: true, force: true }));

describe('ensurePhantom', () => {
  it('generates once for concurrent callers and leaves no temporary folders', async () => {
    const options = { seed: 3, size: [32, 32, 12] as [number, number, number], variants: false, cacheRoot };
    const [a, b] = await Promise.all([ensurePhantom(options), ensurePhantom(options)]);
    expect(a.dir).toBe(path.join(cacheRoot, 'phantom-s3-32x32x12-novariants'));
    expect(b.dir).toBe(a.dir);
    expect(b.truth).toEqual(a.truth);
    expect(readdirSync(cacheRoot)).toEqual(['phantom-s3-32x32x12-novariants']);
    const stamp = JSON.parse(readFileSync(path.join(a.dir, '.complete.json'), 'utf8')) as { generator: string };
    expect(stamp.generator).toBe(generatorHash());
  });

  it('regenerates a study written by another generator version', async () => {
    const options = { seed: 3, size: [32, 32, 12] as [number, number, number], variants: false, cacheRoot };
    const { dir } = await ensurePhantom(options);
    writeFileSync(path.join(dir, '.complete.json'), JSON.stringify({ generator: 'older' }));
    writeFileSync(path.join(dir, 'leftover.txt'), 'from the old study');
    const again = await ensurePhantom(options);
    expect(again.dir).toBe(dir);
    expect(existsSync(path.join(dir, 'leftover.txt'))).toBe(false);
    expect(readdirSync(cacheRoot)).toEqual(['phantom-s3-32x32x12-novariants']);
  });

  it('serves a no-variants request from a complete study with variants', async () => {
    const full = await ensurePhantom({ seed: 4, size: [32, 32, 12], variants: true, cacheRoot });
    const lean = await ensurePhantom({ seed: 4, size: [32, 32, 12], variants: false, cacheRoot });
    expect(lean.dir).toBe(full.dir);
    expect(existsSync(path.join(full.dir, 'variants', 'broken', 'expected.json'))).toBe(true);
  });
});
