import { HccError } from '../../core/errors';
import type { SeriesVolume } from '../../core/dicom/model';
import { readVolume } from '../../core/dicom/read-volume';
import type { Volume3D } from '../../core/types/volume';
import type { FileSource } from '../sources';

/**
 * Voxel reader for the measurement pipeline that reads a series' files again from where they were
 * loaded (the picked files, the dropped folder or the demo's URLs) and decodes them with the core's
 * readVolume, so the numbers are those of the CLI on the same files. Only the series the
 * measurement needs are read, each once, and the bytes are dropped after decoding.
 * Compressed pixel data is refused (UNSUPPORTED_TRANSFER_SYNTAX): the pipeline shows that lesion's
 * figures as not measured with the reason.
 */
export function sourceVoxelReader(sources: ReadonlyArray<Pick<FileSource, 'name' | 'read'>>): (volume: SeriesVolume) => Promise<Volume3D> {
  const byName = new Map(sources.map((s) => [s.name, s]));
  return async (volume) => {
    const names = [...new Set(volume.frames.map((f) => f.fileName))];
    const bytes = new Map<string, Uint8Array>();
    await Promise.all(
      names.map(async (name) => {
        const source = byName.get(name);
        if (source === undefined) throw new HccError('READ_FAILED', 'the file is no longer available to read its voxels', name);
        bytes.set(name, await source.read());
      }),
    );
    return readVolume(volume, (name) => bytes.get(name)!);
  };
}
