import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PhaseClassification, SeriesVolume, StudyTree } from './model';
import { ingestFiles, overridePhase } from './ingest';
import { el, makeDicom } from './testing/make-dicom';
import { mrSliceFile } from './testing/mr-slice';
import type { SliceSpec } from './testing/mr-slice';

// The phase rules are another module's job: a stand-in records what ingest hands over.
const classify = vi.hoisted(() => vi.fn<(volumes: readonly SeriesVolume[]) => PhaseClassification[]>());
vi.mock('./phase-classify', () => ({ classifyPhases: classify }));

const byDescription = (volumes: readonly SeriesVolume[]): PhaseClassification[] =>
  volumes.map((v) => ({ phase: v.seriesDescription.includes('art') ? 'arterial' : 't1_pre', confidence: 0.8, reasons: [`rule saw ${v.seriesDescription}`] }));

let n = 0;
const slice = (over: Partial<SliceSpec>, name?: string) => {
  n++;
  return { name: name ?? `img${n}.dcm`, bytes: mrSliceFile({ sopInstanceUid: `1.2.826.0.3.${n}`, ...over }) };
};

const volumes = (tree: StudyTree) => tree.patients.flatMap((p) => p.studies.flatMap((s) => s.series));

beforeEach(() => {
  classify.mockReset();
  classify.mockImplementation(byDescription);
});

describe('ingestFiles', () => {
  it('lists every bad file with code, name and reason, and loads the rest', () => {
    const good = [slice({ ipp: [0, 0, 0], sopInstanceUid: '1.2.826.0.3.1000' }), slice({ ipp: [0, 0, 5] })];
    const truncated = slice({ ipp: [0, 0, 10] }, 'cut.dcm');
    const files = [
      ...good,
      { name: 'notes.txt', bytes: new TextEncoder().encode('not an image') },
      { name: 'cut.dcm', bytes: truncated.bytes.slice(0, truncated.bytes.length - 4) },
      { name: 'sr.dcm', bytes: makeDicom({ '00080016': el.str('UI', '1.2.840.10008.5.1.4.1.1.88.22'), '00080018': el.str('UI', '1.9.9') }) },
      slice({ ipp: [0, 0, 0], sopInstanceUid: '1.2.826.0.3.1000' }, 'again.dcm'),
    ];
    const tree = ingestFiles(files);
    expect(tree.errors.map((e) => [e.code, e.fileName])).toEqual([
      ['NOT_DICOM', 'notes.txt'],
      ['TRUNCATED', 'cut.dcm'],
      ['NOT_AN_IMAGE', 'sr.dcm'],
      ['DUPLICATE_INSTANCE', 'again.dcm'],
    ]);
    for (const e of tree.errors) expect(e.message.length).toBeGreaterThan(20);
    expect(volumes(tree)).toHaveLength(1);
    expect(volumes(tree)[0]!.frames.map((f) => f.fileName)).toEqual([good[0]!.name, good[1]!.name]);
  });

  it('calls the phase rules once per study, with that study’s volumes carrying placeholders', () => {
    const files = [
      slice({ studyInstanceUid: '1.1', studyDate: '20240101', seriesInstanceUid: '1.1.1', seriesNumber: 1, seriesDescription: 't1_pre' }),
      slice({ studyInstanceUid: '1.1', studyDate: '20240101', seriesInstanceUid: '1.1.2', seriesNumber: 2, seriesDescription: 't1_art' }),
      slice({ studyInstanceUid: '1.2', studyDate: '20240401', seriesInstanceUid: '1.2.1', seriesNumber: 1, seriesDescription: 't1_art' }),
    ];
    const tree = ingestFiles(files);
    expect(classify).toHaveBeenCalledTimes(2);
    const [firstCall, secondCall] = classify.mock.calls.map((c) => c[0]);
    expect(firstCall!.map((v) => v.id)).toEqual(['1.1.1', '1.1.2']);
    expect(secondCall!.map((v) => v.id)).toEqual(['1.2.1']);
    expect(firstCall!.every((v) => v.classification.phase === 'other' && v.classification.confidence === 0)).toBe(true);
    expect(volumes(tree).map((v) => [v.id, v.classification.phase, v.classification.reasons[0]])).toEqual([
      ['1.1.1', 't1_pre', 'rule saw t1_pre'],
      ['1.1.2', 'arterial', 'rule saw t1_art'],
      ['1.2.1', 'arterial', 'rule saw t1_art'],
    ]);
  });

  it('keeps loading when the phase rules throw, and says so', () => {
    classify.mockImplementation(() => {
      throw new Error('boom');
    });
    const tree = ingestFiles([slice({})]);
    expect(volumes(tree)[0]!.classification).toEqual({ phase: 'other', confidence: 0, reasons: ['phase rules failed: boom'] });
  });

  it('applies phaseOverrides by volume id and reports unknown ids', () => {
    const tree = ingestFiles([slice({ seriesInstanceUid: '1.4.1', seriesDescription: 't1_art' })], { phaseOverrides: { '1.4.1': 'portal_venous', '9.9': 'adc' } });
    expect(volumes(tree)[0]!.classification).toEqual({ phase: 'portal_venous', confidence: 1, reasons: ['set by the user (was arterial)'], overridden: true });
    expect(tree.errors).toEqual([{ code: 'INVALID_INPUT', message: expect.stringContaining('"9.9"') }]);
  });
});

describe('overridePhase', () => {
  const makeTree = () => ingestFiles([
    slice({ seriesInstanceUid: '1.6.1', seriesNumber: 1, seriesDescription: 't1_pre' }),
    slice({ seriesInstanceUid: '1.6.2', seriesNumber: 2, seriesDescription: 't1_art' }),
  ]);

  it('returns a new tree with the user phase and leaves the input untouched', () => {
    const tree = makeTree();
    const before = JSON.stringify(tree);
    const next = overridePhase(tree, '1.6.2', 'delayed');
    expect(JSON.stringify(tree)).toBe(before);
    expect(next).not.toBe(tree);
    expect(volumes(next).map((v) => v.classification)).toEqual([
      volumes(tree)[0]!.classification,
      { phase: 'delayed', confidence: 1, reasons: ['set by the user (was arterial)'], overridden: true },
    ]);
  });

  it('throws INVALID_INPUT for an unknown volume id', () => {
    expect(() => overridePhase(makeTree(), 'nope', 't2')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
