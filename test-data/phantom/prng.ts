import { createHash } from 'node:crypto';

/**
 * Seeded randomness for the phantom. Never Math.random: the same seed must give the same bytes.
 * Noise is seeded per (time point, series, slice) so any slice can be regenerated on its own
 * (the enhanced multi-frame variant reuses the classic series' exact pixels that way).
 */

/** 32-bit FNV-1a over the parts' text, then a murmur3 finaliser to spread the bits. */
export function hash32(...parts: ReadonlyArray<string | number>): number {
  let h = 0x811c9dc5;
  const text = parts.join('\u001f');
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** mulberry32: tiny, fast, good enough for image noise; returns uniform [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function rngFor(...parts: ReadonlyArray<string | number>): () => number {
  return mulberry32(hash32(...parts));
}

/** Fisher-Yates permutation of 0..n-1 driven by a seeded generator. */
export function permutation(n: number, rng: () => number): Uint32Array {
  const p = new Uint32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = p[i]!;
    p[i] = p[j]!;
    p[j] = t;
  }
  return p;
}

/**
 * A DICOM UID derived from the seed and a name: "2.25." + decimal of 128 bits of SHA-256
 * (the UUID-derived root of PS3.5 B.2; at most 44 characters, no leading zero).
 */
export function uidFor(seed: number, ...parts: ReadonlyArray<string | number>): string {
  const digest = createHash('sha256').update(['hcc-response-phantom', seed, ...parts].join('/')).digest();
  let value = 0n;
  for (let i = 0; i < 16; i++) value = (value << 8n) | BigInt(digest[i]!);
  return `2.25.${value.toString()}`;
}
