import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Vec3 } from '../../src/core/types/volume';
import { DEFAULT_SEED, DEFAULT_SIZE, generatePhantom } from './generate';
import type { PhantomTruth } from './truth';

/**
 * Generate-once cache: test-data/.cache/phantom-s<seed>-<NX>x<NY>x<NZ>[-novariants]/.
 * A study is written into a private temporary folder and renamed into place when complete, so
 * parallel test processes never see half a study; a lock folder makes the others wait instead of
 * generating the same study again. A stamp of the generator's source invalidates old caches.
 */

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const CACHE_ROOT = path.resolve(HERE, '..', '.cache');
const STAMP = '.complete.json';
const LOCK_STALE_MS = 15 * 60_000;

export interface EnsureOptions {
  seed?: number;
  size?: Vec3;
  variants?: boolean;
  /** Defaults to test-data/.cache. */
  cacheRoot?: string;
}

export interface EnsureResult {
  dir: string;
  truth: PhantomTruth;
}

/** Hash of the generator's own sources: a changed generator never reuses an old study. */
export function generatorHash(): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(HERE).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort()) {
    hash.update(name).update(readFileSync(path.join(HERE, name)));
  }
  return hash.digest('hex').slice(0, 16);
}

const cacheName = (seed: number, size: Vec3, variants: boolean): string => `phantom-s${seed}-${size.join('x')}${variants ? '' : '-novariants'}`;

function readIfComplete(dir: string, stamp: string): PhantomTruth | null {
  try {
    const done = JSON.parse(readFileSync(path.join(dir, STAMP), 'utf8')) as { generator?: string };
    if (done.generator !== stamp) return null;
    return JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')) as PhantomTruth;
  } catch {
    return null;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function lockIsStale(lock: string): boolean {
  try {
    const owner = JSON.parse(readFileSync(path.join(lock, 'owner.json'), 'utf8')) as { pid?: number };
    if (owner.pid !== undefined) process.kill(owner.pid, 0);
    return Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS;
  } catch (error) {
    // ESRCH: the owner died. A lock without owner.json is being created: give it the stale timeout.
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return true;
    try {
      return Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS;
    } catch {
      return false;
    }
  }
}

export async function ensurePhantom(options: EnsureOptions = {}): Promise<EnsureResult> {
  const seed = options.seed ?? DEFAULT_SEED;
  const size = options.size ?? DEFAULT_SIZE;
  const variants = options.variants ?? true;
  const root = options.cacheRoot ?? CACHE_ROOT;
  const stamp = generatorHash();
  const full = path.join(root, cacheName(seed, size, true));
  const dir = variants ? full : path.join(root, cacheName(seed, size, false));
  mkdirSync(root, { recursive: true });

  for (;;) {
    // A study with variants also serves callers that do not need them.
    for (const candidate of variants ? [full] : [full, dir]) {
      const truth = readIfComplete(candidate, stamp);
      if (truth) return { dir: candidate, truth };
    }
    const lock = `${dir}.lock`;
    try {
      mkdirSync(lock);
    } catch {
      if (lockIsStale(lock)) rmSync(lock, { recursive: true, force: true });
      else await sleep(250);
      continue;
    }
    try {
      writeFileSync(path.join(lock, 'owner.json'), JSON.stringify({ pid: process.pid }));
      const tmp = `${dir}.tmp-${process.pid}-${randomUUID()}`;
      try {
        await generatePhantom({ seed, size, out: tmp, variants });
      } catch (error) {
        rmSync(tmp, { recursive: true, force: true });
        throw error;
      }
      writeFileSync(path.join(tmp, STAMP), `${JSON.stringify({ generator: stamp, seed, size, variants })}\n`);
      if (existsSync(dir)) {
        // An outdated study: move it aside first (rename is atomic, removal is not).
        const old = `${dir}.old-${process.pid}-${randomUUID()}`;
        renameSync(dir, old);
        rmSync(old, { recursive: true, force: true });
      }
      renameSync(tmp, dir);
      // Read back, so every caller gets the same JSON truth (null where unknown, as on disk).
      return { dir, truth: readIfComplete(dir, stamp)! };
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}
