/**
 * The voxel grid a SEG describes by itself, for SEGs loaded without their source series (e.g. a SEG
 * sent alone): in-plane size, pixel spacing and orientation from the SEG, slices at the frames'
 * plane positions. The slice step is SpacingBetweenSlices when stated, else the smallest distance
 * between distinct frame positions, else (one position) SliceThickness. Every frame position must
 * fall on that lattice; frames of one position share a slice. A SEG whose frames do not form a
 * regular stack is refused: its masks would need a grid nobody can check.
 */
import { HccError } from '../errors';
import { directionFromOrientation, dot } from '../geometry/affine';
import { DUPLICATE_TOLERANCE_MM, ORIENTATION_TOLERANCE } from '../dicom/geometry';
import type { GridGeometry, Vec3 } from '../types/volume';
import type { Orientation, ParsedSeg } from './seg-parse';

/** A frame position may be this fraction of a step off the lattice (DS rounding in the file). */
export const LATTICE_TOLERANCE_STEPS = 0.01;
/** Refuse grids with more slices than this (a tiny step between far-apart frames). */
export const MAX_DERIVED_SLICES = 10000;

const refuse = (reason: string, fileName: string): HccError => new HccError('UNSUPPORTED_SEG', reason, fileName);

/** The one orientation all frames share (refused when frames lie in different planes or state none). */
export function segOrientation(seg: ParsedSeg): Orientation {
  const first = seg.frames.find((f) => f.orientation !== null)?.orientation ?? null;
  if (first === null) throw refuse('no frame states its orientation (PlaneOrientationSequence)', seg.fileName);
  const odd = seg.frames.find((f) => f.orientation !== null && f.orientation.some((v, x) => Math.abs(v - first[x]!) > ORIENTATION_TOLERANCE));
  if (odd !== undefined) throw refuse(`frames lie in different planes (frame ${odd.index + 1} is tilted against frame 1)`, seg.fileName);
  return first;
}

export function segOwnGrid(seg: ParsedSeg): GridGeometry {
  const orientation = segOrientation(seg);
  const spacing = seg.frames.find((f) => f.pixelSpacingMm !== null)?.pixelSpacingMm ?? null;
  if (spacing === null) throw refuse('no pixel spacing (PixelMeasuresSequence): the voxel size is unknown', seg.fileName);
  const direction = directionFromOrientation(orientation);
  const normal = direction.slice(6, 9);
  const unplaced = seg.frames.find((f) => f.imagePositionPatient === null);
  if (unplaced !== undefined) {
    throw refuse(`frame ${unplaced.index + 1} has no position (PlanePositionSequence) and no source series was given to place it on`, seg.fileName);
  }
  const placed = seg.frames.map((f) => ({ ipp: f.imagePositionPatient!, s: dot(f.imagePositionPatient!, normal) })).sort((a, b) => a.s - b.s);
  const distinct: number[] = [];
  for (const { s } of placed) if (distinct.length === 0 || s - distinct[distinct.length - 1]! > DUPLICATE_TOLERANCE_MM) distinct.push(s);
  const gaps = distinct.slice(1).map((s, x) => s - distinct[x]!);
  const step = seg.spacingBetweenSlicesMm ?? (gaps.length > 0 ? Math.min(...gaps) : seg.sliceThicknessMm);
  if (step === null) {
    throw refuse('a single slice position with neither SliceThickness nor SpacingBetweenSlices: the voxel volume is unknown; load the SEG with its source series', seg.fileName);
  }
  const s0 = distinct[0]!;
  for (const s of distinct) {
    const steps = (s - s0) / step;
    if (Math.abs(steps - Math.round(steps)) > LATTICE_TOLERANCE_STEPS) {
      throw refuse(`frame positions do not form a regular stack: ${(s - s0).toFixed(3)} mm from the first is not a multiple of the ${step} mm step`, seg.fileName);
    }
  }
  const slices = Math.round((distinct[distinct.length - 1]! - s0) / step) + 1;
  if (slices > MAX_DERIVED_SLICES) throw refuse(`frames span ${slices} slices of ${step} mm: not a plausible stack`, seg.fileName);
  return {
    dims: [seg.columns, seg.rows, slices],
    spacingMm: [spacing[1], spacing[0], step],
    originLps: [...placed[0]!.ipp] as Vec3,
    direction,
  };
}
