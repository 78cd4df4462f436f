import { describe, expect, it } from 'vitest';
import { groupInstances, timePointLabel } from './group';
import type { InstanceHeader, SeriesVolume } from './model';
import { parseInstance } from './parse';
import { makeDicom } from './testing/make-dicom';
import { enhancedMrElements, mrSliceFile } from './testing/mr-slice';
import type { SliceSpec } from './testing/mr-slice';

let uid = 0;
const header = (spec: Omit<SliceSpec, 'sopInstanceUid'> & { sopInstanceUid?: string }, name?: string): InstanceHeader => {
  const sop = spec.sopInstanceUid ?? `1.2.826.0.9.${++uid}`;
  return parseInstance(mrSliceFile({ ...spec, sopInstanceUid: sop }), name ?? `${sop}.dcm`);
};
const volumesOf = (headers: InstanceHeader[]): SeriesVolume[] => groupInstances(headers).patients.flatMap((p) => p.studies.flatMap((s) => s.series));
const zs = (v: SeriesVolume) => v.frames.map((f) => f.imagePositionPatient![2]);

describe('time points', () => {
  it('are ordered by StudyDate then StudyTime and labelled', () => {
    const headers = [
      header({ studyInstanceUid: '1.1.3', studyDate: '20240301', studyTime: '090000' }),
      header({ studyInstanceUid: '1.1.1', studyDate: '20230115', studyTime: '170000' }),
      header({ studyInstanceUid: '1.1.4', studyDate: '20240301', studyTime: '083000.5' }),
      header({ studyInstanceUid: '1.1.2', studyDate: '20231010', studyTime: '080000' }),
    ];
    const studies = groupInstances(headers).patients[0]!.studies;
    expect(studies.map((s) => [s.studyInstanceUid, s.timePointIndex, s.label])).toEqual([
      ['1.1.1', 0, 'Baseline'],
      ['1.1.2', 1, 'Follow-up 1'],
      ['1.1.4', 2, 'Follow-up 2'],
      ['1.1.3', 3, 'Follow-up 3'],
    ]);
  });

  it('label: Baseline, Follow-up n', () => {
    expect([0, 1, 2].map(timePointLabel)).toEqual(['Baseline', 'Follow-up 1', 'Follow-up 2']);
  });

  it('keep patients apart', () => {
    const tree = groupInstances([header({ patientId: 'B' }), header({ patientId: 'A', studyInstanceUid: '1.9' })]);
    expect(tree.patients.map((p) => p.patientId)).toEqual(['A', 'B']);
  });
});

describe('series volumes', () => {
  it('sort frames along the normal, not by InstanceNumber', () => {
    const headers = [10, 0, 5].map((z, i) => header({ ipp: [0, 0, z], instanceNumber: i + 1 }));
    const [v] = volumesOf(headers);
    expect(zs(v!)).toEqual([0, 5, 10]);
    expect(v!.geometry!.issues).toEqual([]);
    expect(v!.id).toBe('1.2.826.0.1.1.1');
    expect(v!.classification).toEqual({ phase: 'other', confidence: 0, reasons: ['not classified yet'] });
  });

  it('are ordered by SeriesNumber', () => {
    const headers = [header({ seriesInstanceUid: '1.5.2', seriesNumber: 7 }), header({ seriesInstanceUid: '1.5.1', seriesNumber: 3 })];
    expect(volumesOf(headers).map((v) => v.seriesNumber)).toEqual([3, 7]);
  });

  it('split a DWI series with several b-values into one volume per b', () => {
    const headers = [800, 0, 400].flatMap((b) => [0, 4, 8].map((z) => header({ seriesInstanceUid: '1.7', ipp: [0, 0, z], bValue: b, scanningSequence: 'EP' })));
    const volumes = volumesOf(headers);
    expect(volumes.map((v) => v.id)).toEqual(['1.7#b=0', '1.7#b=400', '1.7#b=800']);
    for (const [v, b] of volumes.map((v, i) => [v, [0, 400, 800][i]!] as const)) {
      expect(v.bValue).toBe(b);
      expect(v.seriesBValues).toEqual([0, 400, 800]);
      expect(v.frames.every((f) => f.bValue === b)).toBe(true);
      expect(zs(v)).toEqual([0, 4, 8]);
      expect(v.geometry!.issues).toEqual([]);
    }
  });

  it('do not split a single-b series, but record its b-value', () => {
    const volumes = volumesOf([0, 4].map((z) => header({ seriesInstanceUid: '1.8', ipp: [0, 0, z], bValue: 1000 })));
    expect(volumes.map((v) => [v.id, v.bValue, v.seriesBValues])).toEqual([['1.8', 1000, [1000]]]);
  });

  it('split a multi-phase series by TemporalPositionIdentifier', () => {
    const times = { 1: '100000', 2: '100030', 3: '100100' } as const;
    const headers = ([3, 1, 2] as const).flatMap((t) => [0, 3].map((z) => header({ seriesInstanceUid: '1.9', ipp: [0, 0, z], temporalPositionIdentifier: t, acquisitionTime: times[t] })));
    const volumes = volumesOf(headers);
    expect(volumes.map((v) => v.id)).toEqual(['1.9#t=1', '1.9#t=2', '1.9#t=3']);
    expect(volumes.map((v) => v.temporalPositionIdentifier)).toEqual([1, 2, 3]);
    expect(volumes.map((v) => v.acquisitionTimeSec)).toEqual([36000, 36030, 36060]);
    expect(volumes.map((v) => v.frames.length)).toEqual([2, 2, 2]);
    expect(volumes.every((v) => v.geometry!.issues.length === 0)).toBe(true);
  });

  it('without temporal positions, mixed phases show up as duplicate positions', () => {
    const headers = [1, 2].flatMap(() => [0, 3].map((z) => header({ seriesInstanceUid: '1.10', ipp: [0, 0, z] })));
    expect(volumesOf(headers)[0]!.geometry!.issues.map((i) => i.kind)).toContain('DUPLICATE_POSITION');
  });

  it('split an enhanced multi-frame DWI file by b-value', () => {
    const bytes = makeDicom(enhancedMrElements({
      sopInstanceUid: '1.2.826.0.77',
      seriesInstanceUid: '1.11',
      shared: { iop: [1, 0, 0, 0, 1, 0], pixelSpacing: [2, 2] },
      frames: [
        { ipp: [0, 0, 5], bValue: 800 },
        { ipp: [0, 0, 0], bValue: 0 },
        { ipp: [0, 0, 0], bValue: 800 },
        { ipp: [0, 0, 5], bValue: 0 },
      ],
    }));
    const volumes = volumesOf([parseInstance(bytes, 'enh.dcm')]);
    expect(volumes.map((v) => [v.id, v.frames.map((f) => f.frameIndex)])).toEqual([
      ['1.11#b=0', [1, 3]],
      ['1.11#b=800', [2, 0]],
    ]);
  });

  it('report a duplicate SOPInstanceUID as a file error and load it once', () => {
    const a = header({ sopInstanceUid: '1.3.5', ipp: [0, 0, 0] }, 'a.dcm');
    const b = header({ sopInstanceUid: '1.3.6', ipp: [0, 0, 5] }, 'b.dcm');
    const copy = { ...a, fileName: 'copy-of-a.dcm' };
    const result = groupInstances([a, b, copy]);
    expect(result.errors).toEqual([{ code: 'DUPLICATE_INSTANCE', fileName: 'copy-of-a.dcm', message: expect.stringContaining('a.dcm') }]);
    const [v] = result.patients[0]!.studies[0]!.series;
    expect(v!.frames.map((f) => f.fileName)).toEqual(['a.dcm', 'b.dcm']);
  });
});
