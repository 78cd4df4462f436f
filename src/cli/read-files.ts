import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { HccErrorInfo } from '../core/errors';

export interface CollectedPaths {
  files: string[];
  errors: HccErrorInfo[];
}

/** Expands files and folders (recursively, sorted) into file paths; missing paths become errors. */
export function collectPaths(inputs: readonly string[], cwd: string): CollectedPaths {
  const files: string[] = [];
  const errors: HccErrorInfo[] = [];
  const walk = (p: string): void => {
    let stat;
    try {
      stat = statSync(p);
    } catch {
      errors.push({ code: 'READ_FAILED', message: 'no such file or folder', fileName: p });
      return;
    }
    if (stat.isDirectory()) {
      for (const name of readdirSync(p).sort()) if (!name.startsWith('.')) walk(path.join(p, name));
    } else if (stat.isFile()) files.push(p);
  };
  for (const input of inputs) walk(path.resolve(cwd, input));
  return { files, errors };
}

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

/** Reads a file; gzip-compressed files (e.g. `.dcm.gz` test data) are decompressed transparently. */
export function readFileBytes(file: string): Uint8Array {
  const raw = readFileSync(file);
  const bytes = new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
  if (bytes.length > 2 && bytes[0] === GZIP_MAGIC_0 && bytes[1] === GZIP_MAGIC_1) {
    const inflated = gunzipSync(bytes);
    return new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.byteLength);
  }
  return bytes;
}
