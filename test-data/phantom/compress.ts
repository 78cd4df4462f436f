import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * Compressed copies through Debian's command-line tools (dcmtk's dcmcjpls, gdcm's gdcmconv). Both
 * are lossless here and keep the SOP Instance UIDs, so the copy decodes to the very same pixels.
 */

const run = promisify(execFile);

export interface Compressor {
  key: 'jpeg-ls' | 'jpeg2000';
  tool: string;
  transferSyntaxUid: string;
  args: (input: string, output: string) => string[];
}

export const COMPRESSORS: readonly Compressor[] = [
  // JPEG-LS lossless (1.2.840.10008.1.2.4.80); keep the SOP Instance UID.
  { key: 'jpeg-ls', tool: 'dcmcjpls', transferSyntaxUid: '1.2.840.10008.1.2.4.80', args: (i, o) => ['--encode-lossless', '--uid-never', i, o] },
  // JPEG 2000 lossless only (1.2.840.10008.1.2.4.90).
  { key: 'jpeg2000', tool: 'gdcmconv', transferSyntaxUid: '1.2.840.10008.1.2.4.90', args: (i, o) => ['--j2k', i, o] },
];

export function toolAvailable(tool: string): boolean {
  const result = spawnSync(tool, ['--version'], { stdio: 'ignore' });
  return !result.error;
}

/** Compresses files (absolute input path -> absolute output path), two processes at a time. */
export async function compressFiles(compressor: Compressor, jobs: ReadonlyArray<{ input: string; output: string }>, parallel = 2): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      mkdirSync(path.dirname(job.output), { recursive: true });
      await run(compressor.tool, compressor.args(job.input, job.output));
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, jobs.length) }, worker));
}
