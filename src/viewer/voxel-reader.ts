import { imageLoader, type Types } from '@cornerstonejs/core';
import { HccError } from '../core/errors';
import type { SeriesVolume } from '../core/dicom/model';
import { placeFrame, volumeGrid } from '../core/dicom/volume-grid';
import { rescaleNeedsFloat } from './exact-rescale';
import type { Volume3D } from '../core/types/volume';

/** Images decoded at a time for a read (the decode workers queue the rest). */
const READS_IN_FLIGHT = 6;
/** The main thread is given back after this much copying (the 50 ms long-task budget, with room to spare). */
const COPY_BUDGET_MS = 8;

export interface VoxelReadOptions {
  /** File the user gave for an image id, for error messages. */
  fileNameOf(imageId: string): string | undefined;
  signal?: AbortSignal;
}

/**
 * Reads a series' voxels from Cornerstone's decoded images (its cache, or its loader and decode
 * workers when not loaded yet) into the same Volume3D as core's readVolume gives from the files:
 * real values (RescaleSlope / Intercept applied), k in the series' sorted order. Compressed series
 * are read the same way: Cornerstone decodes them. The copying runs in slices of at most
 * COPY_BUDGET_MS so the reading room keeps rendering while a lesion is measured.
 */
export async function readSeriesVoxels(volume: SeriesVolume, imageIds: readonly string[], options: VoxelReadOptions): Promise<Volume3D<Float32Array>> {
  const grid = volumeGrid(volume);
  if (imageIds.length !== volume.frames.length) throw new Error(`series ${volume.id}: ${imageIds.length} image ids for ${volume.frames.length} frames`);
  const data = new Float32Array(grid.dims[0] * grid.dims[1] * grid.dims[2]);
  let next = 0;
  let sliceStartMs = performance.now();
  const lane = async (): Promise<void> => {
    while (next < imageIds.length) {
      const k = next++;
      options.signal?.throwIfAborted();
      const imageId = imageIds[k]!;
      const frame = volume.frames[k]!;
      let image: Types.IImage;
      try {
        image = await imageLoader.loadAndCacheImage(imageId);
      } catch (error) {
        throw new HccError('READ_FAILED', `the image could not be decoded: ${describe(error)}`, options.fileNameOf(imageId) ?? frame.fileName);
      }
      if (image.color) throw new HccError('UNSUPPORTED_IMAGE', 'colour images cannot be measured', options.fileNameOf(imageId) ?? frame.fileName);
      const values = image.voxelManager ? (image.voxelManager.getScalarData() as ArrayLike<number>) : image.getPixelData();
      // Rescaled fractional values in an integer array were truncated by the decoder (exact-rescale.ts):
      // refuse rather than measure them.
      if (image.preScale?.scaled === true && !(values instanceof Float32Array || values instanceof Float64Array) && rescaleNeedsFloat(frame.rescaleSlope, frame.rescaleIntercept)) {
        throw new HccError('READ_FAILED', `decoded into ${values.constructor.name}, which cannot hold its rescaled values (slope ${frame.rescaleSlope}, intercept ${frame.rescaleIntercept})`, options.fileNameOf(imageId) ?? frame.fileName);
      }
      placeFrame(data, grid, k, frame, values, image.preScale?.scaled === true);
      if (performance.now() - sliceStartMs > COPY_BUDGET_MS) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        sliceStartMs = performance.now();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(READS_IN_FLIGHT, imageIds.length) }, lane));
  return { ...grid, data };
}

function describe(error: unknown): string {
  const e = (error as { error?: unknown })?.error ?? error;
  if (e instanceof Error) return e.message;
  return typeof e === 'string' ? e : 'unknown decoder error';
}
