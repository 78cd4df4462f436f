import type { GridGeometry, Vec3 } from '../../src/core/types/volume';
import { LESIONS, lesionLabel, type LesionAtTimePoint, type Sphere, type TimePointKey } from './definitions';
import { maskDiameters, type Chord, type MaskDiameters } from './diameters';
import { voxelCentre, voxelVolumeMm3 } from './grids';
import { labelFunction, toScanner } from './rasterize';

/**
 * Geometry of each lesion on the T1 grid, from the analytic label function only: voxel counts,
 * volumes and brute-force diameters (whole lesion and viable part), next to the analytic values.
 * Works inside each lesion's bounding box, so cost follows the lesion, not the grid.
 */

export interface DiameterTruth {
  /** 2 x radius of the sphere. */
  analyticMm: number;
  /** Largest cross-section of the sphere on the grid's actual axial slice planes: 2 sqrt(r^2 - dz^2). */
  analyticOnSlicesMm: number;
  /** Measured on the voxel mask (see diameters.ts). */
  measured: {
    longestMm: number;
    perpendicularMm: number;
    /** T1 slice index (k) of the measurement. */
    sliceIndex: number;
    /** Continuous (i, j, k) index coordinates of the ends (pixel corners of the longest chord). */
    longestEndpointsIjk: [Vec3, Vec3];
    perpendicularEndpointsIjk: [Vec3, Vec3];
  } | null;
}

export interface LesionGeometryTruth {
  voxels: { total: number; enhancing: number; necrotic: number };
  volumeMl: number;
  enhancingVolumeMl: number;
  necroticVolumeMl: number;
  enhancingFraction: number;
  analytic: { volumeMl: number; enhancingVolumeMl: number; necroticVolumeMl: number; enhancingFraction: number };
  whole: DiameterTruth;
  viable: DiameterTruth;
}

const sphereVolumeMl = (r: number): number => ((4 / 3) * Math.PI * r ** 3) / 1000;

/** Nearest axial slice plane to a z position: largest cross-section diameter of a sphere there. */
function onSlices(grid: GridGeometry, centreZ: number, radiusMm: number): number {
  const kFloat = (centreZ - grid.originLps[2]) / grid.spacingMm[2];
  let best = 0;
  for (const k of [Math.floor(kFloat), Math.ceil(kFloat)]) {
    if (k < 0 || k >= grid.dims[2]) continue;
    const dz = grid.originLps[2] + k * grid.spacingMm[2] - centreZ;
    if (Math.abs(dz) <= radiusMm) best = Math.max(best, 2 * Math.sqrt(radiusMm * radiusMm - dz * dz));
  }
  return best;
}

/** Index box (inclusive) around a sphere on an axial grid, one voxel of margin, clamped. */
function sphereBox(grid: GridGeometry, centre: Vec3, radiusMm: number): [Vec3, Vec3] {
  const lo = [0, 1, 2].map((a) => Math.max(0, Math.floor((centre[a]! - radiusMm - grid.originLps[a]!) / grid.spacingMm[a]!) - 1)) as Vec3;
  const hi = [0, 1, 2].map((a) => Math.min(grid.dims[a]! - 1, Math.ceil((centre[a]! + radiusMm - grid.originLps[a]!) / grid.spacingMm[a]!) + 1)) as Vec3;
  return [lo, hi];
}

function diameterTruth(grid: GridGeometry, sphere: Sphere, timePoint: TimePointKey, d: MaskDiameters | null, lo: Vec3): DiameterTruth {
  const centre = toScanner(timePoint, sphere.centreMm);
  const toIjk = (c: Chord['from'], k: number): Vec3 => [c[0] + lo[0], c[1] + lo[1], k];
  return {
    analyticMm: 2 * sphere.radiusMm,
    analyticOnSlicesMm: onSlices(grid, centre[2], sphere.radiusMm),
    measured: d && {
      longestMm: d.longestMm,
      perpendicularMm: d.perpendicularMm,
      sliceIndex: d.sliceIndex,
      longestEndpointsIjk: [toIjk(d.longest.from, d.sliceIndex), toIjk(d.longest.to, d.sliceIndex)],
      perpendicularEndpointsIjk: [toIjk(d.perpendicular.from, d.sliceIndex), toIjk(d.perpendicular.to, d.sliceIndex)],
    },
  };
}

/** Counts, volumes and diameters of one lesion at one time point on an axial grid. */
export function lesionGeometry(timePoint: TimePointKey, grid: GridGeometry, lesion: LesionAtTimePoint): LesionGeometryTruth {
  const labelAt = labelFunction(timePoint);
  const viableLabel = lesionLabel(lesion.n, true);
  const necroticLabel = lesionLabel(lesion.n, false);
  const [lo, hi] = sphereBox(grid, toScanner(timePoint, lesion.whole.centreMm), lesion.whole.radiusMm);
  const bx = hi[0] - lo[0] + 1;
  const by = hi[1] - lo[1] + 1;
  const wholeSlices: Array<{ k: number; mask: Uint8Array }> = [];
  const viableSlices: Array<{ k: number; mask: Uint8Array }> = [];
  let enhancing = 0;
  let necrotic = 0;
  const p: Vec3 = [0, 0, 0];
  for (let k = lo[2]; k <= hi[2]; k++) {
    const whole = new Uint8Array(bx * by);
    const viable = new Uint8Array(bx * by);
    for (let j = lo[1]; j <= hi[1]; j++) {
      for (let i = lo[0]; i <= hi[0]; i++) {
        const label = labelAt(...voxelCentre(grid, i, j, k, p));
        const v = i - lo[0] + (j - lo[1]) * bx;
        if (label === viableLabel) { whole[v] = 1; viable[v] = 1; enhancing++; }
        else if (label === necroticLabel) { whole[v] = 1; necrotic++; }
      }
    }
    wholeSlices.push({ k, mask: whole });
    viableSlices.push({ k, mask: viable });
  }
  const [sx, sy] = grid.spacingMm;
  const voxelMl = voxelVolumeMm3(grid) / 1000;
  const total = enhancing + necrotic;
  const wholeMl = sphereVolumeMl(lesion.whole.radiusMm);
  const viableSphere = lesion.viable === 'whole' ? lesion.whole : lesion.viable;
  const viableMl = sphereVolumeMl(viableSphere.radiusMm);
  return {
    voxels: { total, enhancing, necrotic },
    volumeMl: total * voxelMl,
    enhancingVolumeMl: enhancing * voxelMl,
    necroticVolumeMl: necrotic * voxelMl,
    enhancingFraction: total > 0 ? enhancing / total : 0,
    analytic: { volumeMl: wholeMl, enhancingVolumeMl: viableMl, necroticVolumeMl: wholeMl - viableMl, enhancingFraction: viableMl / wholeMl },
    whole: diameterTruth(grid, lesion.whole, timePoint, maskDiameters(wholeSlices, bx, by, sx, sy), lo),
    viable: diameterTruth(grid, viableSphere, timePoint, maskDiameters(viableSlices, bx, by, sx, sy), lo),
  };
}

export function lesionsAt(timePoint: TimePointKey): readonly LesionAtTimePoint[] {
  return LESIONS[timePoint];
}
