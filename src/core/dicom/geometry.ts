import { cross, directionFromOrientation, dot } from '../geometry/affine';
import type { Vec3 } from '../types/volume';
import type { FrameHeader, GeometryIssue, SeriesGeometry } from './model';

/** One frame with the image size of the file it came from (sizes live on the instance, not the frame). */
export interface SliceInput {
  frame: FrameHeader;
  rows: number;
  columns: number;
}

/** Positions closer than this along the normal are the same slice position (mm). */
export const DUPLICATE_TOLERANCE_MM = 0.01;
/** A step longer than this many median steps is a gap (a missing slice or more). */
export const GAP_FACTOR = 1.5;
/** Steps may differ from the median by this fraction (or 0.01 mm) before spacing counts as non-uniform. */
export const SPACING_RELATIVE_TOLERANCE = 0.01;
/** Orientation cosines may differ by this much (about 0.06 degrees) before slices count as non-parallel. */
export const ORIENTATION_TOLERANCE = 1e-3;
/** Pixel spacings may differ by this much (mm) between slices. */
export const PIXEL_SPACING_TOLERANCE_MM = 1e-3;
/** Offsets across the normal beyond this fraction of a pixel make the stack sheared (e.g. gantry tilt). */
export const SHEAR_PIXEL_FRACTION = 0.05;

const canonical = (a: FrameHeader, b: FrameHeader): number =>
  (a.instanceNumber ?? Infinity) - (b.instanceNumber ?? Infinity) ||
  (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0) ||
  a.frameIndex - b.frameIndex;

/** The orientation most frames share (a single odd slice must not decide the sort axis). */
export function referenceOrientation(frames: readonly FrameHeader[]): number[] | null {
  const counts = new Map<string, { iop: number[]; count: number; first: FrameHeader }>();
  for (const frame of frames) {
    const iop = frame.imageOrientationPatient;
    if (iop === null) continue;
    const key = iop.map((v) => v.toFixed(4)).join(',');
    const entry = counts.get(key);
    if (entry === undefined) counts.set(key, { iop, count: 1, first: frame });
    else {
      entry.count++;
      if (canonical(frame, entry.first) < 0) entry.first = frame;
    }
  }
  let best: { iop: number[]; count: number; first: FrameHeader } | null = null;
  for (const entry of counts.values()) {
    if (best === null || entry.count > best.count || (entry.count === best.count && canonical(entry.first, best.first) < 0)) best = entry;
  }
  return best === null ? null : best.iop;
}

export function sliceNormal(iop: readonly number[]): Vec3 {
  return cross(iop.slice(0, 3), iop.slice(3, 6));
}

/**
 * Sorts slices by their position along the slice normal, IPP . (row x column), ascending; never by
 * InstanceNumber (which only breaks ties). Frames without a position go last, in InstanceNumber order.
 */
export function sortAlongNormal<T extends { frame: FrameHeader }>(slices: readonly T[]): T[] {
  const iop = referenceOrientation(slices.map((s) => s.frame));
  const normal = iop === null ? null : sliceNormal(iop);
  const keyed = slices.map((slice) => {
    const ipp = slice.frame.imagePositionPatient;
    return { slice, position: normal === null || ipp === null ? null : dot(ipp, normal) };
  });
  keyed.sort((a, b) => {
    if (a.position === null || b.position === null) {
      if (a.position !== b.position) return a.position === null ? 1 : -1;
    } else if (Math.abs(a.position - b.position) > 1e-9) {
      return a.position - b.position;
    }
    return canonical(a.slice.frame, b.slice.frame);
  });
  return keyed.map((k) => k.slice);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const fmt = (v: number, digits = 2): string => Number(v.toFixed(digits)).toString();
const label = (f: FrameHeader): string => (f.frameIndex > 0 ? `${f.fileName} frame ${f.frameIndex + 1}` : f.fileName);

function angleDeg(a: Vec3, b: Vec3): number {
  const c = dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
  return (Math.acos(Math.min(1, Math.max(-1, c))) * 180) / Math.PI;
}

/** Checks frames of one volume for consistency: size, pixel spacing, orientation. */
function consistencyIssues(slices: readonly SliceInput[], refIop: number[] | null): GeometryIssue[] {
  const issues: GeometryIssue[] = [];
  const first = slices[0]!;
  const missing = slices.filter((s) => s.frame.imagePositionPatient === null || s.frame.imageOrientationPatient === null || s.frame.pixelSpacingMm === null);
  if (missing.length > 0) {
    issues.push({
      kind: 'MISSING_GEOMETRY',
      message: `${missing.length} of ${slices.length} slice(s) lack position, orientation or pixel spacing (e.g. ${label(missing[0]!.frame)}); the volume cannot be placed in patient space`,
    });
  }
  const odd = slices.find((s) => s.rows !== first.rows || s.columns !== first.columns);
  if (odd !== undefined) {
    issues.push({
      kind: 'INCONSISTENT_SIZE',
      message: `image size differs between slices: ${first.columns} x ${first.rows} in ${label(first.frame)}, ${odd.columns} x ${odd.rows} in ${label(odd.frame)}`,
    });
  }
  const firstPs = slices.find((s) => s.frame.pixelSpacingMm !== null)?.frame.pixelSpacingMm ?? null;
  const oddPs = firstPs && slices.find((s) => s.frame.pixelSpacingMm !== null && s.frame.pixelSpacingMm.some((v, i) => Math.abs(v - firstPs[i]!) > PIXEL_SPACING_TOLERANCE_MM));
  if (firstPs && oddPs) {
    issues.push({
      kind: 'INCONSISTENT_PIXEL_SPACING',
      message: `pixel spacing differs between slices: ${firstPs.join(' x ')} mm vs ${oddPs.frame.pixelSpacingMm!.join(' x ')} mm in ${label(oddPs.frame)}`,
    });
  }
  if (refIop !== null) {
    const tilted = slices.find((s) => s.frame.imageOrientationPatient !== null && s.frame.imageOrientationPatient.some((v, i) => Math.abs(v - refIop[i]!) > ORIENTATION_TOLERANCE));
    if (tilted !== undefined) {
      const angle = angleDeg(sliceNormal(refIop), sliceNormal(tilted.frame.imageOrientationPatient!));
      issues.push({
        kind: 'NON_PARALLEL_SLICES',
        message: `slices are not parallel: ${label(tilted.frame)} is tilted ${fmt(angle)} degrees from the others (localizer or mixed planes?)`,
      });
    }
  }
  return issues;
}

/** Checks the sorted positions: duplicates, gaps, uneven steps, offsets across the normal. Returns the median step. */
function spacingIssues(slices: readonly SliceInput[], normal: Vec3, minPixelMm: number, issues: GeometryIssue[]): number | null {
  const placed = slices.filter((s) => s.frame.imagePositionPatient !== null);
  if (placed.length < 2) return null;
  const positions = placed.map((s) => dot(s.frame.imagePositionPatient!, normal));
  const steps = positions.slice(1).map((p, i) => p - positions[i]!);
  const duplicates = steps.map((d, i) => ({ d, i })).filter(({ d }) => d < DUPLICATE_TOLERANCE_MM);
  if (duplicates.length > 0) {
    const { i } = duplicates[0]!;
    issues.push({
      kind: 'DUPLICATE_POSITION',
      message: `${duplicates.length} slice(s) share a position with another (e.g. ${label(placed[i]!.frame)} and ${label(placed[i + 1]!.frame)} at ${fmt(positions[i]!)} mm): repeated acquisitions or phases mixed in one series`,
    });
  }
  const real = steps.filter((d) => d >= DUPLICATE_TOLERANCE_MM);
  if (real.length === 0) return null;
  const med = median(real);
  const gaps = steps.map((d, i) => ({ d, i })).filter(({ d }) => d > GAP_FACTOR * med);
  if (gaps.length > 0) {
    const { d, i } = gaps[0]!;
    issues.push({
      kind: 'GAP',
      message: `${gaps.length} gap(s) in the slice stack: ${fmt(d)} mm between ${label(placed[i]!.frame)} and ${label(placed[i + 1]!.frame)} where the usual step is ${fmt(med)} mm (missing slices?)`,
    });
  }
  const tolerance = Math.max(DUPLICATE_TOLERANCE_MM, SPACING_RELATIVE_TOLERANCE * med);
  const uneven = real.filter((d) => d <= GAP_FACTOR * med && Math.abs(d - med) > tolerance);
  if (uneven.length > 0) {
    issues.push({
      kind: 'NON_UNIFORM_SPACING',
      message: `slice spacing is uneven: steps from ${fmt(Math.min(...real))} to ${fmt(Math.max(...real))} mm around a median of ${fmt(med)} mm`,
    });
  }
  const origin = placed[0]!.frame.imagePositionPatient!;
  let worst = 0;
  for (const s of placed) {
    const v = s.frame.imagePositionPatient!.map((c, a) => c - origin[a]!) as Vec3;
    const along = dot(v, normal);
    const lateral = Math.hypot(v[0] - along * normal[0], v[1] - along * normal[1], v[2] - along * normal[2]);
    worst = Math.max(worst, lateral);
  }
  if (worst > Math.max(DUPLICATE_TOLERANCE_MM, SHEAR_PIXEL_FRACTION * minPixelMm)) {
    issues.push({
      kind: 'SHEARED_STACK',
      message: `slices are shifted sideways along the stack (up to ${fmt(worst)} mm off the slice normal, e.g. gantry tilt): a regular grid would misplace them`,
    });
  }
  return med;
}

/**
 * Grid of slices already sorted by sortAlongNormal: dims [columns, rows, slices], spacing
 * [column spacing, row spacing, median step], origin at the first slice, direction from its orientation.
 * Problems are listed in `issues`, never fixed: where a value is missing the grid falls back (identity
 * direction, 1 mm) and says so.
 */
export function buildSeriesGeometry(sorted: readonly SliceInput[]): SeriesGeometry {
  if (sorted.length === 0) throw new Error('buildSeriesGeometry: no slices');
  const first = sorted[0]!;
  const refIop = referenceOrientation(sorted.map((s) => s.frame));
  const issues = consistencyIssues(sorted, refIop);
  const ps = first.frame.pixelSpacingMm ?? sorted.find((s) => s.frame.pixelSpacingMm !== null)?.frame.pixelSpacingMm ?? null;
  const columnSpacingMm = ps?.[1] ?? 1;
  const rowSpacingMm = ps?.[0] ?? 1;
  const normal: Vec3 = refIop === null ? [0, 0, 1] : sliceNormal(refIop);
  let stepMm = spacingIssues(sorted, normal, Math.min(columnSpacingMm, rowSpacingMm), issues);
  if (sorted.length === 1 || stepMm === null) {
    stepMm = first.frame.sliceThicknessMm ?? 1;
    issues.push({
      kind: 'SINGLE_SLICE',
      message: sorted.length === 1
        ? `a single slice: its thickness (${fmt(stepMm)} mm${first.frame.sliceThicknessMm === null ? ', assumed' : ''}) stands in for the slice step`
        : 'all slices sit at one position: no slice step can be measured',
    });
  }
  return {
    dims: [first.columns, first.rows, sorted.length],
    spacingMm: [columnSpacingMm, rowSpacingMm, stepMm],
    originLps: first.frame.imagePositionPatient === null ? [0, 0, 0] : [...first.frame.imagePositionPatient] as Vec3,
    direction: directionFromOrientation(refIop ?? [1, 0, 0, 0, 1, 0]),
    sliceThicknessMm: first.frame.sliceThicknessMm,
    issues,
  };
}
