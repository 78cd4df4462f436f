/**
 * Compact text encoding of 0/1 masks for storage: run lengths (alternating 0-runs and 1-runs, starting
 * with a 0-run that may be empty) as unsigned LEB128 varints, then base64. A 40 x 40 disc takes about
 * 150 characters instead of 1600 bytes. Pure: no btoa / Buffer, so it runs the same in node, browser
 * and workers.
 */
import { HccError } from '../errors';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Map([...ALPHABET].map((c, i) => [c, i]));

export function base64Encode(bytes: Uint8Array): string {
  let out = '';
  for (let x = 0; x < bytes.length; x += 3) {
    const a = bytes[x]!;
    const b = bytes[x + 1];
    const c = bytes[x + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]!;
    out += b === undefined ? '=' : ALPHABET[(n >> 6) & 63]!;
    out += c === undefined ? '=' : ALPHABET[n & 63]!;
  }
  return out;
}

export function base64Decode(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  if (clean.length % 4 === 1) throw new HccError('INVALID_INPUT', 'stored mask text is not valid base64 (bad length)');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let at = 0;
  for (const ch of clean) {
    const v = LOOKUP.get(ch);
    if (v === undefined) throw new HccError('INVALID_INPUT', `stored mask text is not valid base64 (character "${ch}")`);
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

/** Run lengths of a 0/1 array, first run counting zeros. */
export function runLengths(data: Uint8Array): number[] {
  const runs: number[] = [];
  let value = 0;
  let length = 0;
  for (let x = 0; x < data.length; x++) {
    const v = data[x] === 0 ? 0 : 1;
    if (v === value) length++;
    else {
      runs.push(length);
      value = v;
      length = 1;
    }
  }
  runs.push(length);
  return runs;
}

export function encodeMaskRle(data: Uint8Array): string {
  const bytes: number[] = [];
  for (let run of runLengths(data)) {
    do {
      const low = run & 0x7f;
      run = Math.floor(run / 128);
      bytes.push(run > 0 ? low | 0x80 : low);
    } while (run > 0);
  }
  return base64Encode(Uint8Array.from(bytes));
}

/** Inverse of encodeMaskRle; the runs must add up to exactly `length` voxels. */
export function decodeMaskRle(text: string, length: number): Uint8Array {
  const bytes = base64Decode(text);
  const out = new Uint8Array(length);
  let at = 0;
  let value = 0;
  let x = 0;
  while (x < bytes.length) {
    let run = 0;
    let scale = 1;
    let byte: number;
    do {
      if (x >= bytes.length) throw new HccError('INVALID_INPUT', 'stored mask runs end in the middle of a number');
      byte = bytes[x++]!;
      run += (byte & 0x7f) * scale;
      scale *= 128;
    } while (byte & 0x80);
    if (at + run > length) throw new HccError('INVALID_INPUT', `stored mask runs cover more than its ${length} voxels`);
    if (value === 1) out.fill(1, at, at + run);
    at += run;
    value ^= 1;
  }
  if (at !== length) throw new HccError('INVALID_INPUT', `stored mask runs cover ${at} of its ${length} voxels`);
  return out;
}
