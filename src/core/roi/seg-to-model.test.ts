import { describe, expect, it } from 'vitest';
import { brushPatch } from './brush';
import { getLayer, paintLayer } from './layer-edit';
import { addLesion, createRoiModel, lesionLayers } from './lesion-model';
import type { ImportedSegment, SegImportResult } from './seg-import';
import { applySegImport } from './seg-to-model';
import { segmentRole } from './segment-names';
import { emptySparseMask, sparseBox, sparseVoxelCount } from './sparse-mask';
import type { SparseMask } from './sparse-mask';
import { grid, maskFromArt, sliceArt } from './test-fixtures';

describe('segment labels (DESIGN.md ROI naming)', () => {
  it.each([
    ['Lesion 1', { kind: 'tumour', lesionNumber: 1 }],
    ['lesion  12 ', { kind: 'tumour', lesionNumber: 12 }],
    ['Lesion 3 enhancing', { kind: 'enhancing', lesionNumber: 3 }],
    ['LESION 3 Enhancing', { kind: 'enhancing', lesionNumber: 3 }],
    ['Liver reference', { kind: 'liverReference' }],
    ['Lesion 0', { kind: 'other' }],
    ['Lesion 1 necrotic', { kind: 'necrotic', lesionNumber: 1 }],
    ['Lesion', { kind: 'other' }],
    ['Liver', { kind: 'other' }],
    ['Neoplasm, Primary', { kind: 'other' }],
  ])('%s', (label, role) => expect(segmentRole(label)).toEqual(role));
});

const STUDY = '1.2.3';
const g = grid([6, 4, 2], [1, 1, 2]);

function result(segments: Array<[string, SparseMask]>, algorithmTypes: string[] = []): SegImportResult {
  return {
    fileName: 'x.dcm', sopInstanceUid: '9.9', studyInstanceUid: STUDY, seriesInstanceUid: '9.8', patientId: 'P', frameOfReferenceUid: '9.7',
    referencedSeriesInstanceUid: '1.2.40', grid: g, gridSource: 'sourceSeries', seriesId: '1.2.40',
    segments: segments.map(([label, mask], n): ImportedSegment => ({
      segmentNumber: n + 1, label, role: segmentRole(label), algorithmType: algorithmTypes[n] ?? 'MANUAL', mask, box: sparseBox(mask), voxelCount: sparseVoxelCount(mask), volumeMl: 0,
    })),
    framesMatchedByReference: 0, framesMatchedByPosition: 0, warnings: [],
  };
}

const tumour = maskFromArt(g, { 0: ['.###..', '.###..', '.###..', '......'] });
const enhancing = maskFromArt(g, { 0: ['......', '...###', '......', '......'] });
const liver = maskFromArt(g, { 1: ['#.....', '......', '......', '......'] });
const vein = maskFromArt(g, { 1: ['.....#', '......', '......', '......'] });

describe('applying an imported SEG to the lesion model', () => {
  it('named segments become lesions, enhancing parts (tumour grown to hold them) and the liver reference; others are kept', () => {
    const model = createRoiModel('P', [STUDY]);
    const r = applySegImport(model, result([['Lesion 2 enhancing', enhancing], ['Portal vein', vein], ['Lesion 2', tumour], ['Liver reference', liver], ['Lesion 4', emptySparseMask(g)]]));
    expect(r.lesionNumbers).toEqual([2]);
    expect(r.model.lesions.map((l) => [l.lesionNumber, l.target])).toEqual([[2, true]]);
    const layers = lesionLayers(r.model, STUDY, 2)!;
    expect(layers.tumour!.seriesId).toBe('1.2.40');
    expect(sliceArt(layers.tumour!.mask, 0)).toEqual(['.###..', '.#####', '.###..', '......']);
    expect(sliceArt(layers.enhancing!.mask, 0)).toEqual(['......', '...###', '......', '......']);
    expect(getLayer(r.model, { studyInstanceUid: STUDY, layer: 'liverReference' })!.mask).toBe(liver);
    expect(r.model.timePoints[0]!.otherSegments.map((s) => s.label)).toEqual(['Portal vein']);
    expect(r.warnings).toEqual([
      'segment 5 "Lesion 4" has no voxels: skipped',
      '"Lesion 2 enhancing" reaches outside Lesion 2: the tumour was grown to contain it',
    ]);
  });

  it('derived layers of our own export (automatic enhancing split, necrotic) are not imported as drawings', () => {
    const model = createRoiModel('P', [STUDY]);
    const r = applySegImport(
      model,
      result([['Lesion 2', tumour], ['Lesion 2 enhancing', enhancing], ['Lesion 2 necrotic', tumour]], ['MANUAL', 'SEMIAUTOMATIC', 'SEMIAUTOMATIC']),
    );
    const layers = lesionLayers(r.model, STUDY, 2)!;
    expect(layers.tumour).not.toBeNull();
    expect(layers.enhancing ?? null).toBeNull();
    expect(r.model.timePoints[0]!.otherSegments).toEqual([]);
    expect(r.warnings).toEqual([
      'segment 2 "Lesion 2 enhancing" was derived (SEMIAUTOMATIC), not drawn: not imported; it is recomputed from the images by the enhancement method',
      'segment 3 "Lesion 2 necrotic" was derived (SEMIAUTOMATIC), not drawn: not imported; it is recomputed from the images by the enhancement method',
    ]);
  });

  it('replaces what was drawn for the same lesion, keeps its target flag, and merges segments of one structure', () => {
    let model = addLesion(createRoiModel('P', [STUDY, '1.2.4']), { target: false }).model;
    model = paintLayer(model, { studyInstanceUid: STUDY, layer: 'tumour', lesionNumber: 1 }, brushPatch({ grid: g, shape: 'circle', centreIjk: [0, 3, 1], radiusMm: 1 }), 's');
    const half = maskFromArt(g, { 1: ['......', '......', '...##.', '......'] });
    const r = applySegImport(model, result([['Lesion 1', tumour], ['lesion 1', half]]), { newLesionsTarget: true });
    expect(r.model.lesions).toEqual([{ lesionNumber: 1, target: false, organ: 'liver' }]);
    expect(sparseVoxelCount(lesionLayers(r.model, STUDY, 1)!.tumour!.mask)).toBe(9 + 2);
    expect(r.warnings).toEqual(['segments "Lesion 1" and "lesion 1" name the same structure: merged']);
    // The input model is untouched (the app commits the result as one undoable edit).
    expect(sparseVoxelCount(lesionLayers(model, STUDY, 1)!.tumour!.mask)).toBe(3);
  });

  it('fills the time point asked for, not only the SEG\'s own study', () => {
    const model = createRoiModel('P', [STUDY, '1.2.4']);
    const r = applySegImport(model, result([['Lesion 1', tumour]]), { studyInstanceUid: '1.2.4' });
    expect(lesionLayers(r.model, '1.2.4', 1)).not.toBeNull();
    expect(lesionLayers(r.model, STUDY, 1)).toBeNull();
    expect(() => applySegImport(model, result([['Lesion 1', tumour]]), { studyInstanceUid: '7.7' })).toThrow(/not a time point/);
  });
});
