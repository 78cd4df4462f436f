import { describe, expect, it } from 'vitest';
import { HccError } from '../errors';
import { brushPatch } from './brush';
import { eraseLayer, getLayer, interpolateLayer, paintLayer, setLayer } from './layer-edit';
import {
  addLesion,
  addTimePoint,
  createRoiModel,
  deleteLesion,
  lesionLayers,
  renumberLesion,
  setLesionTarget,
  setNewLesion,
  setNonTargetStatus,
} from './lesion-model';
import type { LayerRef, RoiModel } from './model';
import { rasterizePolygonIjk } from './rasterize';
import { serializeRoiModel } from './serialize';
import { sparseVoxelCount } from './sparse-mask';
import { grid, maskFromArt, sliceArt } from './test-fixtures';
import { toTimePointRois } from './to-contract';

const BASE = '1.2.3.1';
const FOLLOW = '1.2.3.2';
const arterial = grid([8, 6, 4], [1, 1, 3]);
const followGrid = grid([10, 10, 5], [0.8, 0.8, 2.5], [5, 5, 5]);

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (e instanceof HccError) return e.code;
    throw e;
  }
  return 'no error';
}

function withTwoLesions(): RoiModel {
  let m = createRoiModel('P1', [BASE, FOLLOW]);
  m = addLesion(m).model;
  m = addLesion(m, { target: false }).model;
  return m;
}

describe('lesions carried across time points', () => {
  it('numbers lesions one above the highest in use (gaps are not filled)', () => {
    let m = withTwoLesions();
    expect(m.lesions.map((l) => [l.lesionNumber, l.target, l.organ])).toEqual([[1, true, 'liver'], [2, false, 'liver']]);
    m = deleteLesion(m, 1);
    const added = addLesion(m);
    expect(added.lesionNumber).toBe(3);
    expect(added.model.lesions.map((l) => l.lesionNumber)).toEqual([2, 3]);
    expect(codeOf(() => addLesion(added.model, { lesionNumber: 2 }))).toBe('INVALID_INPUT');
    expect(addLesion(added.model, { lesionNumber: 1 }).model.lesions.map((l) => l.lesionNumber)).toEqual([1, 2, 3]);
  });

  it('the same lesion number holds masks on each time point, each on its own series grid', () => {
    let m = withTwoLesions();
    m = paintLayer(m, { studyInstanceUid: BASE, layer: 'tumour', lesionNumber: 1 }, brushPatch({ grid: arterial, shape: 'circle', centreIjk: [3, 3, 1], radiusMm: 1 }), 'art-base');
    m = paintLayer(m, { studyInstanceUid: FOLLOW, layer: 'tumour', lesionNumber: 1 }, brushPatch({ grid: followGrid, shape: 'circle', centreIjk: [4, 4, 2], radiusMm: 0.8 }), 'art-follow');
    expect(lesionLayers(m, BASE, 1)!.tumour!.seriesId).toBe('art-base');
    expect(lesionLayers(m, FOLLOW, 1)!.tumour!.mask.grid.dims).toEqual([10, 10, 5]);
    expect(sparseVoxelCount(lesionLayers(m, FOLLOW, 1)!.tumour!.mask)).toBe(5);
    expect(lesionLayers(m, BASE, 2)).toBeNull();
  });

  it('renumbers everywhere, refuses a taken number; delete removes masks at every time point', () => {
    let m = withTwoLesions();
    m = paintLayer(m, { studyInstanceUid: BASE, layer: 'tumour', lesionNumber: 2 }, brushPatch({ grid: arterial, shape: 'circle', centreIjk: [3, 3, 1], radiusMm: 1 }), 's');
    expect(codeOf(() => renumberLesion(m, 2, 1))).toBe('INVALID_INPUT');
    const r = renumberLesion(m, 2, 5);
    expect(r.lesions.map((l) => l.lesionNumber)).toEqual([1, 5]);
    expect(lesionLayers(r, BASE, 5)!.tumour).not.toBeNull();
    expect(lesionLayers(r, BASE, 2)).toBeNull();
    const d = deleteLesion(r, 5);
    expect(d.timePoints.every((tp) => tp.lesions.length === 0)).toBe(true);
    expect(codeOf(() => deleteLesion(d, 5))).toBe('INVALID_INPUT');
  });

  it('target flag, non-target status and new lesion per time point', () => {
    let m = withTwoLesions();
    m = setLesionTarget(m, 2, true);
    m = setNonTargetStatus(m, FOLLOW, 'unequivocalProgression');
    m = setNewLesion(m, FOLLOW, true);
    expect(m.lesions[1]!.target).toBe(true);
    expect(m.timePoints.map((tp) => [tp.nonTargetStatus, tp.newLesion])).toEqual([[null, false], ['unequivocalProgression', true]]);
    expect(codeOf(() => setNewLesion(m, '9.9', true))).toBe('INVALID_INPUT');
    expect(codeOf(() => setNonTargetStatus(m, BASE, 'gone' as never))).toBe('INVALID_INPUT');
    expect(setNewLesion(m, FOLLOW, true)).toBe(m);
    expect(addTimePoint(m, '1.2.3.3').timePoints.map((t) => t.studyInstanceUid)).toEqual([BASE, FOLLOW, '1.2.3.3']);
  });

  it('never modifies its input', () => {
    const m = withTwoLesions();
    const before = JSON.stringify(serializeRoiModel(m));
    const ref: LayerRef = { studyInstanceUid: BASE, layer: 'tumour', lesionNumber: 1 };
    const painted = paintLayer(m, ref, brushPatch({ grid: arterial, shape: 'sphere', centreIjk: [3, 3, 1], radiusMm: 3 }), 's');
    eraseLayer(painted, ref, brushPatch({ grid: arterial, shape: 'circle', centreIjk: [3, 3, 1], radiusMm: 1 }));
    renumberLesion(painted, 1, 4);
    deleteLesion(painted, 2);
    expect(JSON.stringify(serializeRoiModel(m))).toBe(before);
    expect(sparseVoxelCount(getLayer(painted, ref)!.mask)).toBe(sparseVoxelCount(brushPatch({ grid: arterial, shape: 'sphere', centreIjk: [3, 3, 1], radiusMm: 3 })));
  });
});

describe('layer edits keep enhancing within tumour', () => {
  const tumourRef: LayerRef = { studyInstanceUid: BASE, layer: 'tumour', lesionNumber: 1 };
  const enhRef: LayerRef = { studyInstanceUid: BASE, layer: 'enhancing', lesionNumber: 1 };
  const square = rasterizePolygonIjk({ grid: arterial, sliceIndex: 1, rings: [[[1, 1], [5, 1], [5, 5], [1, 5]]] });
  const band = rasterizePolygonIjk({ grid: arterial, sliceIndex: 1, rings: [[[3, 2], [8, 2], [8, 4], [3, 4]]] });

  it('painting enhancing is clipped to the tumour; erasing tumour erases enhancing there', () => {
    let m = withTwoLesions();
    expect(codeOf(() => paintLayer(m, enhRef, band, 's'))).toBe('INVALID_INPUT');
    m = paintLayer(m, tumourRef, square, 's');
    m = paintLayer(m, enhRef, band, 's');
    expect(sliceArt(getLayer(m, enhRef)!.mask, 1)).toEqual(['........', '........', '...##...', '...##...', '........', '........']);
    m = eraseLayer(m, tumourRef, rasterizePolygonIjk({ grid: arterial, sliceIndex: 1, rings: [[[4, 0], [8, 0], [8, 6], [4, 6]]] }));
    expect(sliceArt(getLayer(m, tumourRef)!.mask, 1)).toEqual(['........', '.###....', '.###....', '.###....', '.###....', '........']);
    expect(sliceArt(getLayer(m, enhRef)!.mask, 1)).toEqual(['........', '........', '...#....', '...#....', '........', '........']);
    // Erasing everything clears the layer (and with the tumour gone, the enhancing part).
    m = eraseLayer(m, tumourRef, square);
    expect(getLayer(m, tumourRef)).toBeNull();
    expect(getLayer(m, enhRef)).toBeNull();
    expect(m.timePoints[0]!.lesions).toEqual([]);
  });

  it("'growTumour' grows the tumour instead (import: nothing is clipped away)", () => {
    let m = paintLayer(withTwoLesions(), tumourRef, square, 's');
    m = setLayer(m, enhRef, { seriesId: 's', mask: band }, 'growTumour');
    expect(sparseVoxelCount(getLayer(m, enhRef)!.mask)).toBe(10);
    expect(sliceArt(getLayer(m, tumourRef)!.mask, 1)).toEqual(['........', '.####...', '.#######', '.#######', '.####...', '........']);
  });

  it('refuses an edit on another grid than the layer is drawn on, and unknown lesions', () => {
    const m = paintLayer(withTwoLesions(), tumourRef, square, 'art');
    const other = brushPatch({ grid: followGrid, shape: 'circle', centreIjk: [4, 4, 2], radiusMm: 1 });
    expect(codeOf(() => paintLayer(m, tumourRef, other, 'pv'))).toBe('GEOMETRY_MISMATCH');
    expect(codeOf(() => eraseLayer(m, tumourRef, other))).toBe('GEOMETRY_MISMATCH');
    expect(codeOf(() => setLayer(m, enhRef, { seriesId: 'pv', mask: other }))).toBe('GEOMETRY_MISMATCH');
    expect(codeOf(() => paintLayer(m, { studyInstanceUid: BASE, layer: 'tumour', lesionNumber: 9 }, square, 'art'))).toBe('INVALID_INPUT');
  });

  it('liver reference is its own layer; interpolation fills between drawn slices', () => {
    const liverRef: LayerRef = { studyInstanceUid: FOLLOW, layer: 'liverReference' };
    const rows = ['..........', '..........', '...####...', '...####...', '...####...', '...####...', '..........', '..........', '..........', '..........'];
    const drawn = maskFromArt(followGrid, { 0: rows, 4: rows });
    let m = paintLayer(withTwoLesions(), liverRef, drawn, 'pv');
    const r = interpolateLayer(m, liverRef);
    m = r.model;
    expect(r.filledSlices).toEqual([1, 2, 3]);
    expect(sparseVoxelCount(getLayer(m, liverRef)!.mask)).toBe(5 * 16);
  });
});

describe('contract for the measurement side', () => {
  it('full-size masks with boxes, lesions in number order, series UIDs without split keys', () => {
    let m = withTwoLesions();
    m = paintLayer(m, { studyInstanceUid: BASE, layer: 'tumour', lesionNumber: 2 }, brushPatch({ grid: arterial, shape: 'circle', centreIjk: [3, 3, 2], radiusMm: 1 }), '1.2.840.9#t=2');
    m = paintLayer(m, { studyInstanceUid: BASE, layer: 'liverReference' }, brushPatch({ grid: arterial, shape: 'circle', centreIjk: [6, 1, 0], radiusMm: 1 }), '1.2.840.8');
    const rois = toTimePointRois(m, BASE);
    expect(rois.seriesInstanceUid).toBe('1.2.840.9');
    expect(rois.lesions.map((l) => [l.lesionNumber, l.target, l.seriesInstanceUid])).toEqual([[2, false, '1.2.840.9']]);
    const t = rois.lesions[0]!;
    expect(t.tumour!.data.length).toBe(8 * 6 * 4);
    expect(t.tumour!.data.reduce((a, b) => a + b, 0)).toBe(5);
    expect(t.tumourBox).toEqual({ min: [2, 2, 2], max: [4, 4, 2] });
    expect(t.enhancing).toBeNull();
    expect(rois.liverReferenceBox).toEqual({ min: [5, 0, 0], max: [7, 2, 0] });
    expect(rois.liverReferenceSeriesInstanceUid).toBe('1.2.840.8');
    expect(toTimePointRois(m, FOLLOW).lesions).toEqual([]);
  });
});
