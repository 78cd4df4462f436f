import { beforeAll, describe, expect, it } from 'vitest';
import type { FrameHeader, SeriesVolume, StudyTree } from '../core/dicom/model';
import type { Vec3 } from '../core/types/volume';
import type { PhantomTruth } from '../../test-data/phantom/truth';
import { distanceToSliceMm, isOnSlice, mapThroughAnchors, nearestSlice, projectOntoSlice, sliceStackOf } from './slice-geometry';
import { outwardOrder } from './prefetch-order';
import { phantomTree } from './testing/phantom-tree';

let tree: StudyTree;
let truth: PhantomTruth;
const volume = (row: number, uid: string, b: number | null = null): SeriesVolume =>
  tree.patients[0]!.studies[row]!.series.find((v) => v.seriesInstanceUid === uid && (b === null || v.bValue === b))!;

beforeAll(async () => {
  ({ tree, truth } = await phantomTree());
});

describe('slice stacks in patient coordinates', () => {
  it('gives every image its position along the normal, ascending, with the grid step', () => {
    const grids = truth.timePoints[0]!.grids;
    const t1 = sliceStackOf(volume(0, truth.timePoints[0]!.seriesByRole.arterial))!;
    const dwi = sliceStackOf(volume(0, truth.timePoints[0]!.seriesByRole.dwi, 800))!;
    expect(t1.normal).toEqual([0, 0, 1]);
    expect(t1.sliceSpacingMm).toBeCloseTo(grids.t1.spacingMm[2], 6);
    expect(dwi.sliceSpacingMm).toBeCloseTo(grids.dwi.spacingMm[2], 6);
    expect(t1.offsetsMm[0]).toBeCloseTo(grids.t1.originLps[2], 6);
    for (let i = 1; i < t1.offsetsMm.length; i++) expect(t1.offsetsMm[i]!).toBeGreaterThan(t1.offsetsMm[i - 1]!);
    // centre of the image = origin + half the in-plane extent
    const [nx, ny] = grids.t1.dims;
    const [sx, sy] = grids.t1.spacingMm;
    expect(t1.centresLps[0]![0]).toBeCloseTo(grids.t1.originLps[0] + ((nx - 1) / 2) * sx, 6);
    expect(t1.centresLps[0]![1]).toBeCloseTo(grids.t1.originLps[1] + ((ny - 1) / 2) * sy, 6);
  });

  it('finds, on the thicker DWI grid, the image containing each T1 position (never by index)', () => {
    const tp = truth.timePoints[0]!;
    const t1 = sliceStackOf(volume(0, tp.seriesByRole.arterial))!;
    const dwi = sliceStackOf(volume(0, tp.seriesByRole.dwi, 800))!;
    for (let i = 0; i < t1.centresLps.length; i++) {
      const p = t1.centresLps[i]!;
      const n = nearestSlice(dwi, p)!;
      const inside = p[2] >= dwi.offsetsMm[0]! - dwi.sliceSpacingMm / 2 && p[2] <= dwi.offsetsMm.at(-1)! + dwi.sliceSpacingMm / 2;
      if (inside) expect(Math.abs(n.distanceMm)).toBeLessThanOrEqual(dwi.sliceSpacingMm / 2 + 1e-9);
      expect(n.distanceMm).toBeCloseTo(distanceToSliceMm(dwi, n.index, p)!, 9);
    }
    const lesion = tp.lesions[0]!.centreLps as Vec3;
    const n = nearestSlice(dwi, lesion)!;
    expect(isOnSlice(dwi, n.index, lesion)).toBe(true);
    expect(isOnSlice(dwi, n.index + 1, lesion)).toBe(false);
  });

  it('projects a point onto an image plane keeping its in-plane position', () => {
    const t1 = sliceStackOf(volume(0, truth.timePoints[0]!.seriesByRole.arterial))!;
    const p = projectOntoSlice(t1, 3, [10, -20, 77])!;
    expect(p[0]).toBe(10);
    expect(p[1]).toBe(-20);
    expect(p[2]).toBeCloseTo(t1.offsetsMm[3]!, 9);
  });

  it('works along an oblique normal', () => {
    // 30 degrees about x: rows along x, columns tilted; slices 4 mm apart along the normal
    const c = Math.cos(Math.PI / 6);
    const s = Math.sin(Math.PI / 6);
    const normal: Vec3 = [0, -s, c];
    const base = volume(0, truth.timePoints[0]!.seriesByRole.arterial);
    const frames: FrameHeader[] = [0, 1, 2].map((k) => ({
      ...base.frames[0]!,
      imageOrientationPatient: [1, 0, 0, 0, c, s],
      imagePositionPatient: [0, normal[1] * 4 * k, normal[2] * 4 * k],
    }));
    const stack = sliceStackOf({ ...base, frames })!;
    expect(stack.normal[1]).toBeCloseTo(-s, 9);
    expect(stack.normal[2]).toBeCloseTo(c, 9);
    expect(stack.sliceSpacingMm).toBeCloseTo(4, 9);
    const point: Vec3 = [5, normal[1] * 8.9, normal[2] * 8.9];
    expect(nearestSlice(stack, point)!.index).toBe(2);
  });

  it('maps points between time points through the anchors (translation), or not at all without both', () => {
    expect(mapThroughAnchors([1, 2, 3], [0, 0, 0], [3, -2, 7.5])).toEqual([4, 0, 10.5]);
    expect(mapThroughAnchors([1, 2, 3], null, [3, -2, 7.5])).toBeNull();
  });

  it('prefetches outwards from the image on screen', () => {
    expect(outwardOrder(5, 2)).toEqual([2, 3, 1, 4, 0]);
    expect(outwardOrder(3, 0)).toEqual([0, 1, 2]);
    expect(outwardOrder(3, 9)).toEqual([2, 1, 0]);
    expect(outwardOrder(0, 0)).toEqual([]);
  });
});
