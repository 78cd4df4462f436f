import { imageLoader, utilities, type Types } from '@cornerstonejs/core';
import { wadouri } from '@cornerstonejs/dicom-image-loader';

/**
 * Works around a Cornerstone (dicom-image-loader 5.14) decoding bug that corrupts real values. With
 * pre-scaling on, the decoded array's type is chosen from the RESCALED min and max only: a frame
 * with RescaleSlope 0.25 and stored values up to 812 (rescaled 0..203, whole numbers) gets a
 * Uint8Array, the stored values are copied into it first (807 -> 807 mod 256 = 39) and then scaled
 * (39 * 0.25 -> 9). Asking for a Float32 target buffer does not help: the loader accepts a target
 * type only when it is the type it would have chosen. Found by the e2e that compares every series
 * read through the viewer with the core decoder.
 *
 * Frames whose slope or intercept is not a whole number are therefore decoded WITHOUT pre-scaling
 * (exact stored integers) and rescaled here into a Float32Array, then handed to Cornerstone as a
 * pre-scaled image, which is what the viewports and the voxel reader expect. Other frames keep the
 * loader's own path (integer rescale cannot produce fractions; half the memory for 16-bit data).
 */
interface Rescale {
  slope: number;
  intercept: number;
}

const rescaleByImageId = new Map<string, Rescale>();

/** Whether a frame's rescaled values can be fractional (and so must be decoded into floats). */
export function rescaleNeedsFloat(slope: number, intercept: number): boolean {
  return !Number.isInteger(slope) || !Number.isInteger(intercept);
}

/** Marks an image id whose frame has a fractional rescale (its own slope and intercept, from our header). */
export function decodeAsFloat(imageId: string, slope: number, intercept: number): void {
  rescaleByImageId.set(imageId, { slope, intercept });
}

export function forgetFloatDecode(imageId: string): void {
  rescaleByImageId.delete(imageId);
}

/** Stored values -> real values in a new Float32Array, with their range (one pass). */
export function rescaleToFloat(stored: ArrayLike<number>, { slope, intercept }: Rescale): { values: Float32Array; min: number; max: number } {
  const values = new Float32Array(stored.length);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < stored.length; i++) {
    const v = (values[i] = stored[i]! * slope + intercept);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { values, min, max };
}

type LoadObject = ReturnType<Parameters<typeof imageLoader.registerImageLoader>[1]>;
type Loader = (imageId: string, options?: Record<string, unknown>) => LoadObject;

/** The decoded image with stored values, turned into the pre-scaled Float32 image Cornerstone would have made without the bug. */
function asPreScaled(image: Types.IImage, rescale: Rescale): Types.IImage {
  if (image.color || image.preScale?.scaled) return image;
  const stored = image.voxelManager ? (image.voxelManager.getScalarData() as ArrayLike<number>) : image.getPixelData();
  const { values, min, max } = rescaleToFloat(stored, rescale);
  const writable = image as Types.IImage & { dataType?: string; sizeInBytes?: number };
  writable.voxelManager = utilities.VoxelManager.createImageVoxelManager({ width: image.width, height: image.height, scalarData: values, numberOfComponents: 1 });
  writable.getPixelData = () => values;
  writable.minPixelValue = min;
  writable.maxPixelValue = max;
  writable.dataType = 'Float32Array';
  writable.sizeInBytes = values.byteLength;
  writable.preScale = { enabled: true, scaled: true, scalingParameters: { rescaleSlope: rescale.slope, rescaleIntercept: rescale.intercept } };
  return writable;
}

const SCHEMES = ['wadouri', 'dicomfile'] as const;

/**
 * Registers the file schemes' loader again, wrapped: marked image ids are decoded without pre-scaling
 * and rescaled exactly (above); every other id is passed through unchanged, so a host's own images
 * load as before. Returns the function that restores the plain loader.
 */
export function installFloatDecodeLoader(): () => void {
  // What the image loader registers for these schemes by default (register.ts), not the legacy loadImage.
  const plain = wadouri.loadImageFromNaturalizedMetadata as unknown as Loader;
  const wrapped: Loader = (imageId, options) => {
    const rescale = rescaleByImageId.get(imageId);
    if (rescale === undefined) return plain(imageId, options);
    const load = plain(imageId, { ...options, preScale: { enabled: false } });
    return { ...load, promise: load.promise.then((image) => asPreScaled(image as Types.IImage, rescale)) } as LoadObject;
  };
  for (const scheme of SCHEMES) imageLoader.registerImageLoader(scheme, wrapped as Parameters<typeof imageLoader.registerImageLoader>[1]);
  return () => {
    for (const scheme of SCHEMES) imageLoader.registerImageLoader(scheme, plain as Parameters<typeof imageLoader.registerImageLoader>[1]);
  };
}
