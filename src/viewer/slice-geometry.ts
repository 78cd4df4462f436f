import type { SeriesVolume } from '../core/dicom/model';
import { referenceOrientation, sliceNormal } from '../core/dicom/geometry';
import { dot } from '../core/geometry/affine';
import type { Vec3 } from '../core/types/volume';

/**
 * Where each image of a displayed stack lies in patient space (LPS, mm), in the order the viewport
 * shows them (our frames order, sorted along the normal by ingest). Slice sync works on these
 * positions, never on slice indices, so grids of different thickness (DWI vs T1) line up.
 */
export interface SliceStack {
  frameOfReferenceUid: string;
  /** Unit slice normal (row x column cosines). */
  normal: Vec3;
  /** Centre of each image in LPS mm (null when the frame has no position). */
  centresLps: (Vec3 | null)[];
  /** Position of each image along the normal, mm (dot(IPP, normal)); null without a position. */
  offsetsMm: (number | null)[];
  /** Median distance between neighbouring images along the normal, mm (0 for a single image). */
  sliceSpacingMm: number;
}

const add = (a: Vec3, b: Vec3): Vec3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const scale = (a: ArrayLike<number>, s: number): Vec3 => [a[0]! * s, a[1]! * s, a[2]! * s];

/** The stack geometry of a volume, or null when its images carry no orientation at all. */
export function sliceStackOf(volume: SeriesVolume): SliceStack | null {
  const iop = referenceOrientation(volume.frames);
  if (iop === null) return null;
  const normal = sliceNormal(iop);
  const rows = volume.header.rows;
  const columns = volume.header.columns;
  const centresLps = volume.frames.map((f): Vec3 | null => {
    const ipp = f.imagePositionPatient;
    const o = f.imageOrientationPatient ?? iop;
    if (ipp === null) return null;
    // PixelSpacing is [between rows, between columns]: columns advance along the row cosines.
    const [rowSpacingMm, columnSpacingMm] = f.pixelSpacingMm ?? [1, 1];
    const alongRow = scale(o.slice(0, 3), ((columns - 1) / 2) * columnSpacingMm);
    const alongColumn = scale(o.slice(3, 6), ((rows - 1) / 2) * rowSpacingMm);
    return add(add(ipp, alongRow), alongColumn);
  });
  const offsetsMm = volume.frames.map((f) => (f.imagePositionPatient === null ? null : dot(f.imagePositionPatient, normal)));
  const steps: number[] = [];
  for (let i = 1; i < offsetsMm.length; i++) {
    const a = offsetsMm[i - 1];
    const b = offsetsMm[i];
    if (a != null && b != null) steps.push(Math.abs(b - a));
  }
  steps.sort((a, b) => a - b);
  return {
    frameOfReferenceUid: volume.frameOfReferenceUid,
    normal,
    centresLps,
    offsetsMm,
    sliceSpacingMm: steps.length ? steps[steps.length >> 1]! : 0,
  };
}

/** Signed distance (mm) of a point from image `index`'s plane; null when that image has no position. */
export function distanceToSliceMm(stack: SliceStack, index: number, pointLps: Vec3): number | null {
  const offset = stack.offsetsMm[index];
  return offset == null ? null : dot(pointLps, stack.normal) - offset;
}

/** The image whose plane is nearest to a point, and how far the point is from it (mm). */
export function nearestSlice(stack: SliceStack, pointLps: Vec3): { index: number; distanceMm: number } | null {
  const along = dot(pointLps, stack.normal);
  let best: { index: number; distanceMm: number } | null = null;
  stack.offsetsMm.forEach((offset, index) => {
    if (offset == null) return;
    const d = along - offset;
    if (best === null || Math.abs(d) < Math.abs(best.distanceMm)) best = { index, distanceMm: d };
  });
  return best;
}

/** The point moved along the normal onto image `index`'s plane (keeps its in-plane position). */
export function projectOntoSlice(stack: SliceStack, index: number, pointLps: Vec3): Vec3 | null {
  const d = distanceToSliceMm(stack, index, pointLps);
  return d === null ? null : sub(pointLps, scale(stack.normal, d));
}

/**
 * True when the point lies within the slab the image represents: half the step to the neighbours
 * (at least half a millimetre so exact-plane rounding never hides it).
 */
export function isOnSlice(stack: SliceStack, index: number, pointLps: Vec3): boolean {
  const d = distanceToSliceMm(stack, index, pointLps);
  return d !== null && Math.abs(d) <= Math.max(0.5, stack.sliceSpacingMm / 2);
}

/**
 * Maps a point between time points through the user's anchors: the same lesion clicked in each.
 * Translation only (the anchor pair fixes it); returns null when either anchor is missing.
 */
export function mapThroughAnchors(pointLps: Vec3, fromAnchorLps: Vec3 | null, toAnchorLps: Vec3 | null): Vec3 | null {
  if (fromAnchorLps === null || toAnchorLps === null) return null;
  return add(pointLps, sub(toAnchorLps, fromAnchorLps));
}

/** Image a stack opens at: the one nearest `pointLps` when there is one, else the middle image. */
export function openingIndex(stack: SliceStack | null, count: number, pointLps: Vec3 | null): number {
  const nearest = stack && pointLps ? nearestSlice(stack, pointLps) : null;
  return nearest ? nearest.index : Math.floor(count / 2);
}
