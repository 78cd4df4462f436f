import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ensurePhantom } from '../../../test-data/phantom/cache';
import { loadInputs } from '../../cli/load';
import { readVolume } from '../../core/dicom/read-volume';
import type { FileSource } from '../sources';
import { sourceVoxelReader } from './source-reader';

describe('sourceVoxelReader', () => {
  it('reads a series from its sources exactly as readVolume on the files does; a missing source is named', async () => {
    const { dir } = await ensurePhantom({ seed: 42, size: [64, 64, 20], variants: true });
    const { tree } = loadInputs([path.join(dir, 'baseline')], dir);
    const arterial = tree.patients[0]!.studies[0]!.series.find((v) => v.classification.phase === 'arterial')!;
    let reads = 0;
    const sources: Array<Pick<FileSource, 'name' | 'read'>> = [...new Set(arterial.frames.map((f) => f.fileName))].map((name) => ({
      name,
      read: async () => {
        reads++;
        return new Uint8Array(readFileSync(path.join(dir, name)));
      },
    }));
    const volume = await sourceVoxelReader(sources)(arterial);
    const expected = readVolume(arterial, (name) => new Uint8Array(readFileSync(path.join(dir, name))));
    expect(volume.dims).toEqual(expected.dims);
    expect(Buffer.from(volume.data.buffer).equals(Buffer.from(expected.data.buffer))).toBe(true);
    expect(reads).toBe(arterial.frames.length);
    await expect(sourceVoxelReader(sources.slice(1))(arterial)).rejects.toMatchObject({ code: 'READ_FAILED' });
  });
});
