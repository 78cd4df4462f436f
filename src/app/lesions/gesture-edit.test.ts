import { describe, expect, it } from 'vitest';
import { createRoiModel } from '../../core/roi/lesion-model';
import { getLayer } from '../../core/roi/layer-edit';
import { sliceArt } from '../../core/roi/test-fixtures';
import { nonEmptySlices, sparseVoxelCount } from '../../core/roi/sparse-mask';
import { centreLps, grid } from '../../core/kernels/test-fixtures';
import type { Vec3 } from '../../core/types/volume';
import type { GestureTarget, RoiGesture } from '../../viewer/roi-types';
import { planGestureEdit, planInterpolation, thresholdRange, type ThresholdSettings } from './gesture-edit';

// Anisotropic pixels (2 x 1 mm), 3 mm slices, shifted origin: index/mm mix-ups show.
const G = grid([8, 6, 5], [2, 1, 3], [10, -5, 100]);
const STUDY = '1.2.3';
const at = (k: number): GestureTarget => ({ viewportKey: 'tp0-arterial', studyInstanceUid: STUDY, volumeId: 'S1', grid: G, sliceIndex: k });
const NO_THRESHOLD: ThresholdSettings = { tolerancePct: 20, range: null };
const model0 = () => createRoiModel('P', [STUDY]);
/** Corner of voxel (i, j) on slice k in LPS (half a voxel before its centre). */
const corner = (i: number, j: number, k: number): Vec3 => centreLps(G, i - 0.5, j - 0.5, k);

describe('gesture -> lesion model edit', () => {
  it('a contour adds Lesion 1 when none is chosen and fills the voxel centres inside it (one undoable label)', () => {
    // Rectangle from voxel corner (2,1) to (5,4): voxel centres i = 2..4, j = 1..3 are inside.
    const ring = [corner(2, 1, 2), corner(5, 1, 2), corner(5, 4, 2), corner(2, 4, 2)];
    const plan = planGestureEdit(model0(), { ...at(2), kind: 'contour', ringLps: ring }, { lesionNumber: null, layer: 'tumour' }, NO_THRESHOLD);
    expect(plan.label).toBe('Contour Lesion 1');
    expect(plan.lesionNumber).toBe(1);
    const m = plan.apply(model0());
    const layer = getLayer(m, { studyInstanceUid: STUDY, layer: 'tumour', lesionNumber: 1 })!;
    expect(layer.seriesId).toBe('S1');
    expect(sliceArt(layer.mask, 2)).toEqual(['........', '..###...', '..###...', '..###...', '........', '........']);
    expect(nonEmptySlices(layer.mask)).toEqual([2]);
  });

  it('brush circles are in mm on the slice drawn (2 mm columns: 5 mm radius covers 2 columns each side)', () => {
    const m1 = planGestureEdit(model0(), { ...at(1), kind: 'brush', centresLps: [centreLps(G, 4, 3, 1.3)], radiusMm: 2.5 }, { lesionNumber: null, layer: 'tumour' }, NO_THRESHOLD).apply(model0());
    const mask = getLayer(m1, { studyInstanceUid: STUDY, layer: 'tumour', lesionNumber: 1 })!.mask;
    // Centre (4,3): |di|*2 mm and |dj|*1 mm within 2.5 mm.
    expect(sliceArt(mask, 1)).toEqual(['........', '....#...', '...###..', '...###..', '...###..', '....#...']);
    const erased = planGestureEdit(m1, { ...at(1), kind: 'eraser', centresLps: [centreLps(G, 4, 3, 1)], radiusMm: 1 }, { lesionNumber: 1, layer: 'tumour' }, NO_THRESHOLD);
    expect(erased.label).toBe('Erase Lesion 1');
    const m2 = erased.apply(m1);
    expect(sparseVoxelCount(getLayer(m2, { studyInstanceUid: STUDY, layer: 'tumour', lesionNumber: 1 })!.mask)).toBe(sparseVoxelCount(mask) - 3);
  });

  it('the threshold brush takes the value under the first click ± tolerance and drops islands', () => {
    const values = [
      [0, 0, 0, 0, 0, 0, 0, 0],
      [0, 100, 105, 0, 0, 98, 0, 0],
      [0, 102, 100, 0, 0, 0, 0, 0],
      [0, 0, 100, 300, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 0, 0, 0],
    ];
    const k = 3;
    const sliceImage = { dims: [8, 6, 1] as Vec3, spacingMm: G.spacingMm, originLps: centreLps(G, 0, 0, k), direction: G.direction, data: Float32Array.from(values.flat()) };
    expect(thresholdRange(sliceImage, centreLps(G, 1, 1, k), NO_THRESHOLD)).toEqual([80, 120]);
    const g: RoiGesture = { ...at(k), kind: 'threshold', centresLps: [centreLps(G, 1, 1, k)], radiusMm: 20, sliceImage };
    const m = planGestureEdit(model0(), g, { lesionNumber: null, layer: 'tumour' }, NO_THRESHOLD).apply(model0());
    // (5,1) is in range but not connected to the click: removed as an island; 300 is out of range.
    expect(sliceArt(getLayer(m, { studyInstanceUid: STUDY, layer: 'tumour', lesionNumber: 1 })!.mask, k)).toEqual([
      '........', '.##.....', '.##.....', '..#.....', '........', '........',
    ]);
    const ranged = planGestureEdit(model0(), g, { lesionNumber: null, layer: 'tumour' }, { tolerancePct: 0, range: [250, 400] }).apply(model0());
    // Range set by the user: the click (100) is outside it, so nothing connects to it.
    expect(getLayer(ranged, { studyInstanceUid: STUDY, layer: 'tumour', lesionNumber: 1 })).toBeNull();
  });

  it('interpolation fills the slices between drawn contours of the active lesion, as one edit', () => {
    let m = model0();
    for (const k of [0, 4]) {
      const ring = [corner(2, 1, k), corner(6, 1, k), corner(6, 5, k), corner(2, 5, k)];
      m = planGestureEdit(m, { ...at(k), kind: 'contour', ringLps: ring }, { lesionNumber: 1, layer: 'tumour' }, NO_THRESHOLD).apply(m);
    }
    const plan = planInterpolation(STUDY, { lesionNumber: 1, layer: 'tumour' });
    expect(plan.label).toBe('Interpolate Lesion 1');
    const mask = getLayer(plan.apply(m), { studyInstanceUid: STUDY, layer: 'tumour', lesionNumber: 1 })!.mask;
    expect(nonEmptySlices(mask)).toEqual([0, 1, 2, 3, 4]);
    expect(sparseVoxelCount(mask)).toBe(5 * 16);
  });

  it('the enhancing part needs its tumour first, and a too small contour is reported as empty', () => {
    const ring = [corner(2, 1, 2), corner(5, 1, 2), corner(5, 4, 2), corner(2, 4, 2)];
    const plan = planGestureEdit(model0(), { ...at(2), kind: 'contour', ringLps: ring }, { lesionNumber: null, layer: 'enhancing' }, NO_THRESHOLD);
    expect(plan.label).toBe('Contour Lesion 1 enhancing');
    expect(() => plan.apply(model0())).toThrow(/draw the tumour before its enhancing part/);
    const tiny = [centreLps(G, 2.1, 1.1, 2), centreLps(G, 2.3, 1.1, 2), centreLps(G, 2.2, 1.3, 2)];
    expect(planGestureEdit(model0(), { ...at(2), kind: 'contour', ringLps: tiny }, { lesionNumber: null, layer: 'tumour' }, NO_THRESHOLD).empty).toBe(true);
  });
});
