import { describe, expect, it } from 'vitest';
import { brushPatch } from './brush';
import { canRedo, canUndo, commit, createHistory, historyMaskBytes, redo, redoLabel, undo, undoLabel } from './history';
import { getLayer, paintLayer } from './layer-edit';
import { addLesion, createRoiModel } from './lesion-model';
import type { LayerRef } from './model';
import { sparseVoxelCount } from './sparse-mask';
import { grid } from './test-fixtures';

const STUDY = '1.2.3';
const ref: LayerRef = { studyInstanceUid: STUDY, layer: 'tumour', lesionNumber: 1 };
const g = grid([128, 128, 60]);

function start() {
  return createHistory(addLesion(createRoiModel('P', [STUDY])).model);
}
const dab = (i: number, k: number) => brushPatch({ grid: g, shape: 'circle', centreIjk: [i, 64, k], radiusMm: 5 });
const count = (h: ReturnType<typeof start>) => {
  const layer = getLayer(h.present, ref);
  return layer === null ? 0 : sparseVoxelCount(layer.mask);
};

describe('undo / redo', () => {
  it('walks back and forth through edits with their labels; a new edit clears redo', () => {
    let h = start();
    expect(canUndo(h)).toBe(false);
    h = commit(h, paintLayer(h.present, ref, dab(40, 10), 's'), 'Brush Lesion 1');
    const one = count(h);
    h = commit(h, paintLayer(h.present, ref, dab(60, 10), 's'), 'Brush Lesion 1 again');
    const two = count(h);
    expect(two).toBeGreaterThan(one);
    expect(undoLabel(h)).toBe('Brush Lesion 1 again');
    h = undo(h);
    expect(count(h)).toBe(one);
    expect(redoLabel(h)).toBe('Brush Lesion 1 again');
    h = undo(h);
    expect(count(h)).toBe(0);
    expect(canUndo(h)).toBe(false);
    expect(undo(h)).toBe(h);
    h = redo(redo(h));
    expect(count(h)).toBe(two);
    expect(canRedo(h)).toBe(false);
    h = undo(h);
    h = commit(h, paintLayer(h.present, ref, dab(90, 20), 's'), 'Other');
    expect(canRedo(h)).toBe(false);
  });

  it('a no-op edit records nothing; the oldest steps are dropped beyond maxSteps', () => {
    let h = createHistory(start().present, 3);
    expect(commit(h, h.present, 'nothing')).toBe(h);
    for (let n = 0; n < 5; n++) h = commit(h, paintLayer(h.present, ref, dab(20 + n * 15, 30), 's'), `dab ${n}`);
    expect(h.past.map((e) => e.label)).toEqual(['dab 2', 'dab 3', 'dab 4']);
  });

  it('memory: 50 strokes on a 60-slice tumour keep the changed plane per step, not 50 masks', () => {
    let h = start();
    // A 3D tumour on 40 slices first, then 50 small edits on one slice.
    h = commit(h, paintLayer(h.present, ref, brushPatch({ grid: g, shape: 'sphere', centreIjk: [64, 64, 30], radiusMm: 20 }), 's'), 'sphere');
    const oneState = historyMaskBytes(h);
    for (let n = 0; n < 50; n++) h = commit(h, paintLayer(h.present, ref, dab(64 + (n % 25), 30), 's'), `dab ${n}`);
    const planeBytes = getLayer(h.present, ref)!.mask.planes[30]!.data.byteLength;
    // Everything the history holds: the sphere once, plus at most one slice-30 plane per step.
    expect(historyMaskBytes(h)).toBeLessThanOrEqual(oneState + 51 * planeBytes);
    expect(historyMaskBytes(h)).toBeLessThan(3 * oneState);
    // The untouched slices are the very same objects in the first and the last state.
    const first = getLayer(h.past[1]!.model, ref)!.mask;
    const last = getLayer(h.present, ref)!.mask;
    expect(last.planes[29]).toBe(first.planes[29]);
    expect(last.planes[31]).toBe(first.planes[31]);
  });
});
