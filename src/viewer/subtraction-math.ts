/**
 * The computed subtraction (arterial minus pre) in pure parts: when the two series may be
 * subtracted voxel by voxel, and the arithmetic on real values (rescale applied). No Cornerstone.
 */
import type { SeriesVolume } from '../core/dicom/model';

/** Positions closer than this (mm) are the same voxel centre; spacings closer than this are equal. */
export const SAME_POSITION_MM = 0.05;
const SAME_SPACING_MM = 1e-3;
/** Direction cosines closer than this are the same orientation. */
const SAME_COSINE = 1e-4;

/**
 * Null when arterial and pre lie on one voxel grid (same frame of reference, image count, size,
 * spacing, orientation and every image position), else why not, in words for the viewport. A
 * voxel-wise difference of images that do not overlap voxel for voxel would show edges that are
 * not enhancement, so the viewport then says so instead of showing an image.
 */
export function subtractionMismatch(arterial: SeriesVolume, pre: SeriesVolume): string | null {
  const a = arterial.geometry;
  const p = pre.geometry;
  if (!a || !p) return `${a ? 'T1 pre' : 'Arterial'} series has no regular voxel grid`;
  if (arterial.frameOfReferenceUid !== pre.frameOfReferenceUid) return 'Arterial and T1 pre have different frames of reference';
  if (a.dims.some((d, i) => d !== p.dims[i]) || arterial.frames.length !== pre.frames.length) {
    return `Arterial and T1 pre differ in size (${a.dims.join('×')} vs ${p.dims.join('×')})`;
  }
  if (a.spacingMm.some((s, i) => Math.abs(s - p.spacingMm[i]!) > SAME_SPACING_MM)) {
    return `Arterial and T1 pre differ in voxel spacing (${a.spacingMm.map((s) => s.toFixed(2)).join('×')} vs ${p.spacingMm.map((s) => s.toFixed(2)).join('×')} mm)`;
  }
  if (a.direction.some((c, i) => Math.abs(c - p.direction[i]!) > SAME_COSINE)) return 'Arterial and T1 pre differ in orientation';
  for (let n = 0; n < arterial.frames.length; n++) {
    const x = arterial.frames[n]!.imagePositionPatient;
    const y = pre.frames[n]!.imagePositionPatient;
    if (!x || !y || x.some((v, i) => Math.abs(v - y[i]!) > SAME_POSITION_MM)) {
      return `Arterial and T1 pre images differ in position (image ${n + 1})`;
    }
  }
  return null;
}

export interface PixelScaling {
  slope: number;
  intercept: number;
  /** True when the decoder already applied slope and intercept to the pixel data. */
  alreadyScaled: boolean;
}

/** Real values (DICOM modality LUT: stored * slope + intercept) of decoded pixels. */
export function realValues(pixels: ArrayLike<number>, scaling: PixelScaling): Float32Array {
  const out = new Float32Array(pixels.length);
  const slope = scaling.alreadyScaled ? 1 : scaling.slope;
  const intercept = scaling.alreadyScaled ? 0 : scaling.intercept;
  for (let i = 0; i < pixels.length; i++) out[i] = pixels[i]! * slope + intercept;
  return out;
}

/** Arterial minus pre in real values, pixel by pixel (the two images of one position). */
export function subtractImages(arterial: ArrayLike<number>, arterialScaling: PixelScaling, pre: ArrayLike<number>, preScaling: PixelScaling): Float32Array {
  if (arterial.length !== pre.length) throw new Error(`subtraction: images of ${arterial.length} and ${pre.length} pixels`);
  const a = realValues(arterial, arterialScaling);
  const p = realValues(pre, preScaling);
  for (let i = 0; i < a.length; i++) a[i] = a[i]! - p[i]!;
  return a;
}
