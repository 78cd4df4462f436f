import { imageLoader, type Types } from '@cornerstonejs/core';
import { HccError } from '../core/errors';
import type { FrameHeader, SeriesVolume } from '../core/dicom/model';
import { assertFrameSize, placeFrame, volumeGrid } from '../core/dicom/volume-grid';
import type { SlicedVolume } from '../core/measure/crop';
import type { GridGeometry, Volume3D, VoxelArray } from '../core/types/volume';
import { rescaleNeedsFloat, rescaleToFloat } from './exact-rescale';

/** Images decoded at a time for a read (the decode workers queue the rest). */
const READS_IN_FLIGHT = 6;
/** The main thread is given back after this much work (the 50 ms long-task budget, with room to spare). */
const COPY_BUDGET_MS = 8;
/**
 * When the reads last gave the main thread back: one clock for every read in flight, since cached
 * images resolve without a task boundary and several series are read at once (each alone would
 * stay under the budget; together, in one task, they would not).
 */
let lastYieldMs = 0;

async function yieldIfDue(): Promise<void> {
  if (performance.now() - lastYieldMs <= COPY_BUDGET_MS) return;
  await new Promise((resolve) => setTimeout(resolve, 0));
  lastYieldMs = performance.now();
}

export interface VoxelReadOptions {
  /** File the user gave for an image id, for error messages. */
  fileNameOf(imageId: string): string | undefined;
  signal?: AbortSignal;
}

/** One decoded frame: its values as Cornerstone holds them, and whether they are real values already. */
interface DecodedFrame {
  values: VoxelArray;
  rescaled: boolean;
}

/**
 * Every frame of a series from Cornerstone (its cache, or its loader and decode workers when not
 * loaded yet), `onFrame` called as each arrives; the main thread is given back between frames
 * whenever COPY_BUDGET_MS passed since it last was. Refuses colour frames and frames the decoder
 * truncated (fractional rescale in an integer array, see exact-rescale.ts), naming the file.
 */
async function eachFrame(volume: SeriesVolume, imageIds: readonly string[], options: VoxelReadOptions, onFrame: (k: number, frame: DecodedFrame) => void): Promise<void> {
  if (imageIds.length !== volume.frames.length) throw new Error(`series ${volume.id}: ${imageIds.length} image ids for ${volume.frames.length} frames`);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < imageIds.length) {
      const k = next++;
      options.signal?.throwIfAborted();
      const imageId = imageIds[k]!;
      const frame = volume.frames[k]!;
      const fileName = options.fileNameOf(imageId) ?? frame.fileName;
      let image: Types.IImage;
      try {
        image = await imageLoader.loadAndCacheImage(imageId);
      } catch (error) {
        throw new HccError('READ_FAILED', `the image could not be decoded: ${describe(error)}`, fileName);
      }
      if (image.color) throw new HccError('UNSUPPORTED_IMAGE', 'colour images cannot be measured', fileName);
      const values = (image.voxelManager ? image.voxelManager.getScalarData() : image.getPixelData()) as VoxelArray;
      const rescaled = image.preScale?.scaled === true;
      if (rescaled && !(values instanceof Float32Array || values instanceof Float64Array) && rescaleNeedsFloat(frame.rescaleSlope, frame.rescaleIntercept)) {
        throw new HccError('READ_FAILED', `decoded into ${values.constructor.name}, which cannot hold its rescaled values (slope ${frame.rescaleSlope}, intercept ${frame.rescaleIntercept})`, fileName);
      }
      onFrame(k, { values, rescaled });
      await yieldIfDue();
    }
  };
  await Promise.all(Array.from({ length: Math.min(READS_IN_FLIGHT, imageIds.length) }, lane));
}

/**
 * A series' voxels as one Float32 Volume3D, the same as core's readVolume gives from the files: real
 * values (RescaleSlope / Intercept applied), k in the series' sorted order. Compressed series are read
 * the same way: Cornerstone decodes them. Copies everything: for tests and tools; measurements use
 * sliceSeriesVoxels, which copies nothing.
 */
export async function readSeriesVoxels(volume: SeriesVolume, imageIds: readonly string[], options: VoxelReadOptions): Promise<Volume3D<Float32Array>> {
  const grid = volumeGrid(volume);
  const data = new Float32Array(grid.dims[0] * grid.dims[1] * grid.dims[2]);
  await eachFrame(volume, imageIds, options, (k, f) => placeFrame(data, grid, k, volume.frames[k]!, f.values, f.rescaled));
  return { ...grid, data };
}

/**
 * A series' voxels as slices without a copy: each slice is Cornerstone's own decoded array when it
 * already holds real values (pre-scaled, or a rescale of 1 and 0), else its real values computed
 * once. The measurement's crop reads only the region around a lesion from them, so a study is never
 * held twice in memory and no large array is allocated on the main thread.
 */
export async function sliceSeriesVoxels(volume: SeriesVolume, imageIds: readonly string[], options: VoxelReadOptions): Promise<SlicedVolume> {
  const grid: GridGeometry = volumeGrid(volume);
  const slices: VoxelArray[] = new Array<VoxelArray>(grid.dims[2]);
  await eachFrame(volume, imageIds, options, (k, f) => {
    const frame: FrameHeader = volume.frames[k]!;
    assertFrameSize(grid, { frameIndex: frame.frameIndex, fileName: options.fileNameOf(imageIds[k]!) ?? frame.fileName }, f.values.length);
    const identity = frame.rescaleSlope === 1 && frame.rescaleIntercept === 0;
    slices[k] = f.rescaled || identity ? f.values : rescaleToFloat(f.values, { slope: frame.rescaleSlope, intercept: frame.rescaleIntercept }).values;
  });
  return { ...grid, slice: (k) => slices[k]! };
}

function describe(error: unknown): string {
  const e = (error as { error?: unknown })?.error ?? error;
  if (e instanceof Error) return e.message;
  return typeof e === 'string' ? e : 'unknown decoder error';
}
