import type { SeriesGeometry } from '../core/dicom/model';
import { dot } from '../core/geometry/affine';
import type { Vec3 } from '../core/types/volume';
import type { SliceStack } from './slice-geometry';

/**
 * The plane a viewport shows, whatever the viewport (a stack image, or a reformatted plane through a
 * volume): what the crosshair, the overlays and the test hooks need.
 */
export interface ViewPlane {
  /** Unit normal of the plane. */
  normal: Vec3;
  /** A point of the plane (image centre or camera focal point), LPS mm. */
  pointLps: Vec3;
  /** Position of the plane along its normal, mm. */
  offsetMm: number;
  /** Distance between neighbouring planes along the normal, mm. */
  spacingMm: number;
  /** Image x of N (0-based). */
  index: number;
  count: number;
}

export function planeOfStack(stack: SliceStack, index: number): ViewPlane | null {
  const point = stack.centresLps[index];
  const offset = stack.offsetsMm[index];
  if (!point || offset == null) return null;
  return { normal: stack.normal, pointLps: point, offsetMm: offset, spacingMm: stack.sliceSpacingMm, index, count: stack.offsetsMm.length };
}

/**
 * Distance between the volume's sample planes along a direction: for a plane along a grid axis it
 * is that axis' spacing; for an oblique one, the spacing of the lattice planes it crosses.
 */
export function spacingAlongNormal(geometry: SeriesGeometry, normal: Vec3): number {
  let sum = 0;
  for (let a = 0; a < 3; a++) {
    const axis = geometry.direction.slice(a * 3, a * 3 + 3);
    sum += (dot(normal, axis) / geometry.spacingMm[a]!) ** 2;
  }
  return sum > 0 ? 1 / Math.sqrt(sum) : 0;
}

/** A point lies on the plane shown when it is within half the plane spacing (at least 0.5 mm). */
export function isOnPlane(plane: ViewPlane, pointLps: Vec3): boolean {
  return Math.abs(dot(pointLps, plane.normal) - plane.offsetMm) <= Math.max(0.5, plane.spacingMm / 2);
}

/** Radiological name of a plane from its normal (LPS: x left, y posterior, z head). */
export function planeName(normal: Vec3): 'Axial' | 'Coronal' | 'Sagittal' | 'Oblique' {
  const [x, y, z] = normal.map(Math.abs) as Vec3;
  const max = Math.max(x, y, z);
  if (max < 0.8) return 'Oblique';
  return max === z ? 'Axial' : max === y ? 'Coronal' : 'Sagittal';
}
