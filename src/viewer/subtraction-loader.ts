import { cache, imageLoader, metaData, utilities, type Types } from '@cornerstonejs/core';
import { inPlaneShift } from '../core/kernels/inplane-shift';
import { subtractImages, type PixelScaling } from './subtraction-math';
import { ROBUST_LOW_FRACTION, robustWindow, type WindowLevel } from './voi-presets';

/**
 * Cornerstone image loader of the computed subtraction: `hccsub:<arterial id>|<pre id>` loads the two
 * source images of one position (through the cache, so nothing is decoded twice) and returns their
 * difference in real values as a Float32 image. Its metadata is the arterial image's (same grid,
 * checked by subtraction-math.ts before ids are made) with the pixel description of the difference,
 * so the stack viewport scrolls, syncs, zooms and windows it like any other series.
 */
const SCHEME = 'hccsub';
/** Metadata providers with a higher priority are asked first: ours must answer before the loaders'. */
const PROVIDER_PRIORITY = 10_000;

/** Upper percentile of the subtraction's default window. */
const SUBTRACTION_HIGH_FRACTION = 0.999;

let registered = false;
/** One window per subtraction series (keyed by its first arterial id), from the first image loaded. */
const windows = new Map<string, WindowLevel>();

/**
 * Patient motion between the phases, per subtraction image: how far T1 pre lies off the arterial
 * image (mm, in-plane), when shifting it aligns their edges clearly better than leaving it. A
 * subtraction of misregistered images shows bright and dark rims that are not enhancement (UX.md §3).
 */
export interface SubtractionMotion {
  dxMm: number;
  dyMm: number;
}
const motions = new Map<string, SubtractionMotion | null>();
/** Gain in edge correlation a shift must bring to count as motion (noise moves it by a few hundredths). */
const MOTION_MIN_GAIN = 0.05;

/** The motion found on a loaded subtraction image; null when none (or not loaded yet). */
export function subtractionMotion(imageId: string): SubtractionMotion | null {
  return motions.get(imageId) ?? null;
}

export function subtractionImageId(arterialImageId: string, preImageId: string, seriesKey: string): string {
  return `${SCHEME}:${encodeURIComponent(seriesKey)}|${encodeURIComponent(arterialImageId)}|${encodeURIComponent(preImageId)}`;
}

function parse(imageId: string): { seriesKey: string; arterial: string; pre: string } | null {
  if (!imageId.startsWith(`${SCHEME}:`)) return null;
  const parts = imageId.slice(SCHEME.length + 1).split('|').map(decodeURIComponent);
  return parts.length === 3 ? { seriesKey: parts[0]!, arterial: parts[1]!, pre: parts[2]! } : null;
}

export function registerSubtractionLoader(): void {
  if (registered) return;
  registered = true;
  imageLoader.registerImageLoader(SCHEME, loadSubtraction as unknown as Types.ImageLoaderFn);
  metaData.addProvider(subtractionMetadata, PROVIDER_PRIORITY);
}

/** Drops the cached differences (their sources stay with the room's registry) and the series' window. */
export function releaseSubtraction(imageIds: readonly string[]): void {
  for (const id of imageIds) {
    if (cache.getImageLoadObject(id)) cache.removeImageLoadObject(id, { force: true });
    const parsed = parse(id);
    if (parsed) windows.delete(parsed.seriesKey);
    motions.delete(id);
  }
}

function scalingOf(image: Types.IImage): PixelScaling {
  return { slope: image.slope ?? 1, intercept: image.intercept ?? 0, alreadyScaled: image.preScale?.scaled === true };
}

function loadSubtraction(imageId: string): Types.IImageLoadObject {
  const ids = parse(imageId);
  if (!ids) return { promise: Promise.reject(new Error(`not a subtraction image id: ${imageId}`)) };
  const promise = Promise.all([imageLoader.loadAndCacheImage(ids.arterial), imageLoader.loadAndCacheImage(ids.pre)]).then(([arterial, pre]) => {
    if (arterial.width !== pre.width || arterial.height !== pre.height) {
      throw new Error(`subtraction: arterial image is ${arterial.width}×${arterial.height}, pre is ${pre.width}×${pre.height}`);
    }
    const pixels = subtractImages(arterial.getPixelData(), scalingOf(arterial), pre.getPixelData(), scalingOf(pre));
    // Edge correlation is blind to each image's own rescale: the stored values serve.
    const shift = inPlaneShift({ fixed: arterial.getPixelData(), moving: pre.getPixelData(), width: arterial.width, height: arterial.height });
    const moved = (shift.dxPx !== 0 || shift.dyPx !== 0) && shift.score - shift.scoreAtZero >= MOTION_MIN_GAIN;
    motions.set(imageId, moved ? { dxMm: shift.dxPx * (arterial.columnPixelSpacing ?? 1), dyMm: shift.dyPx * (arterial.rowPixelSpacing ?? 1) } : null);
    return imageOf(imageId, ids.seriesKey, arterial, pixels);
  });
  return { promise };
}

function imageOf(imageId: string, seriesKey: string, arterial: Types.IImage, pixels: Float32Array): Types.IImage {
  let min = Infinity;
  let max = -Infinity;
  for (const v of pixels) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  // Zeros are outside the body in both images: the robust window reads the rest, up to the
  // brightest enhancement (vessels, enhancing tumour: a small part of the slice), so the liver's
  // mild enhancement stays mid-grey and an enhancing lesion stands out.
  if (!windows.has(seriesKey)) {
    windows.set(seriesKey, robustWindow([pixels], ROBUST_LOW_FRACTION, SUBTRACTION_HIGH_FRACTION) ?? { windowWidth: Math.max(1, max - min), windowCenter: (min + max) / 2 });
  }
  const window = windows.get(seriesKey)!;
  const voxelManager = utilities.VoxelManager.createImageVoxelManager({ width: arterial.width, height: arterial.height, numberOfComponents: 1, scalarData: pixels, id: imageId });
  return {
    imageId,
    referencedImageId: arterial.imageId,
    minPixelValue: min,
    maxPixelValue: max,
    slope: 1,
    intercept: 0,
    windowCenter: window.windowCenter,
    windowWidth: window.windowWidth,
    voiLUTFunction: arterial.voiLUTFunction,
    getPixelData: () => voxelManager.getScalarData(),
    voxelManager,
    getCanvas: undefined as unknown as Types.IImage['getCanvas'],
    rows: arterial.rows,
    columns: arterial.columns,
    height: arterial.height,
    width: arterial.width,
    color: false,
    rgba: false,
    numberOfComponents: 1,
    columnPixelSpacing: arterial.columnPixelSpacing,
    rowPixelSpacing: arterial.rowPixelSpacing,
    sliceThickness: arterial.sliceThickness,
    invert: false,
    photometricInterpretation: 'MONOCHROME2',
    sizeInBytes: pixels.byteLength,
    dataType: 'Float32Array',
  } as Types.IImage;
}

/** The arterial image's metadata, with the difference's own pixel description and identity scaling. */
function subtractionMetadata(type: string, ...query: unknown[]): unknown {
  const imageId = query[0];
  if (typeof imageId !== 'string') return undefined;
  const ids = parse(imageId);
  if (!ids) return undefined;
  switch (type) {
    case 'imagePixelModule': {
      const source = metaData.get(type, ids.arterial) as Record<string, unknown> | undefined;
      return source && { ...source, bitsAllocated: 32, bitsStored: 32, highBit: 31, pixelRepresentation: 1, photometricInterpretation: 'MONOCHROME2', samplesPerPixel: 1 };
    }
    case 'modalityLutModule':
      return { rescaleSlope: 1, rescaleIntercept: 0, rescaleType: 'US' };
    case 'voiLutModule': {
      const w = windows.get(ids.seriesKey);
      return w ? { windowCenter: [w.windowCenter], windowWidth: [w.windowWidth] } : undefined;
    }
    case 'scalingModule':
      return undefined;
    default:
      return metaData.get(type, ids.arterial);
  }
}

