import type { GridGeometry, Vec3 } from '../../src/core/types/volume';
import {
  BODY,
  LABEL,
  LESIONS,
  LIVER_LOBES,
  LIVER_REFERENCE,
  TIME_POINT_DEFS,
  lesionLabel,
  type Ellipsoid,
  type Sphere,
  type TimePointKey,
} from './definitions';

/**
 * Voxel labels from the analytic anatomy, evaluated at voxel centres (no partial volume: every
 * voxel is one tissue). Priority: lesion viable part > lesion > liver reference > liver > body > air.
 */

const insideEllipsoid = (e: Ellipsoid, x: number, y: number, z: number): boolean => {
  const dx = (x - e.centreMm[0]) / e.semiAxesMm[0];
  const dy = (y - e.centreMm[1]) / e.semiAxesMm[1];
  const dz = (z - e.centreMm[2]) / e.semiAxesMm[2];
  return dx * dx + dy * dy + dz * dz <= 1;
};

export const insideSphere = (s: Sphere, x: number, y: number, z: number): boolean => {
  const dx = x - s.centreMm[0];
  const dy = y - s.centreMm[1];
  const dz = z - s.centreMm[2];
  return dx * dx + dy * dy + dz * dz <= s.radiusMm * s.radiusMm;
};

/** A point function for one time point: LPS (scanner) mm -> label. Hot path: plain loops, no closures. */
export function labelFunction(timePoint: TimePointKey): (x: number, y: number, z: number) => number {
  const shift = TIME_POINT_DEFS[timePoint].patientShiftMm;
  const lesions = LESIONS[timePoint].map((l) => ({
    whole: l.whole,
    viable: l.viable === 'whole' ? null : l.viable,
    viableLabel: lesionLabel(l.n, true),
    necroticLabel: lesionLabel(l.n, false),
  }));
  return (xs, ys, zs) => {
    // Anatomy is defined in the baseline patient position; the patient lies shifted at follow-up.
    const x = xs - shift[0];
    const y = ys - shift[1];
    const z = zs - shift[2];
    if (!insideEllipsoid(BODY, x, y, z)) return LABEL.air;
    for (let n = 0; n < lesions.length; n++) {
      const lesion = lesions[n]!;
      if (!insideSphere(lesion.whole, x, y, z)) continue;
      return lesion.viable === null || insideSphere(lesion.viable, x, y, z) ? lesion.viableLabel : lesion.necroticLabel;
    }
    let liver = false;
    for (let n = 0; n < LIVER_LOBES.length && !liver; n++) liver = insideEllipsoid(LIVER_LOBES[n]!, x, y, z);
    if (!liver) return LABEL.body;
    return insideSphere(LIVER_REFERENCE, x, y, z) ? LABEL.liverReference : LABEL.liver;
  };
}

/** Fills `out` (length dims[0] * dims[1]) with the labels of slice k of `grid`. */
export function rasterizeSlice(timePoint: TimePointKey, grid: GridGeometry, k: number, out: Uint8Array, labelAt = labelFunction(timePoint)): Uint8Array {
  const [nx, ny] = grid.dims;
  const d = grid.direction;
  const [sx, sy, sz] = grid.spacingMm;
  const o = grid.originLps;
  for (let j = 0; j < ny; j++) {
    const bx = o[0] + j * sy * d[3] + k * sz * d[6];
    const by = o[1] + j * sy * d[4] + k * sz * d[7];
    const bz = o[2] + j * sy * d[5] + k * sz * d[8];
    const row = j * nx;
    for (let i = 0; i < nx; i++) {
      out[row + i] = labelAt(bx + i * sx * d[0], by + i * sx * d[1], bz + i * sx * d[2]);
    }
  }
  return out;
}

/** Label map of a whole grid (for tests and in-memory use; the generator streams slices instead). */
export function phantomLabels(timePoint: TimePointKey, grid: GridGeometry): Uint8Array {
  const [nx, ny, nz] = grid.dims;
  const labels = new Uint8Array(nx * ny * nz);
  const labelAt = labelFunction(timePoint);
  for (let k = 0; k < nz; k++) rasterizeSlice(timePoint, grid, k, labels.subarray(k * nx * ny, (k + 1) * nx * ny), labelAt);
  return labels;
}

/** Scanner (LPS) position of a point given in the baseline patient frame, at a time point. */
export function toScanner(timePoint: TimePointKey, p: Vec3): Vec3 {
  const s = TIME_POINT_DEFS[timePoint].patientShiftMm;
  return [p[0] + s[0], p[1] + s[1], p[2] + s[2]];
}
