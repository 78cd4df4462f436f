import { describe, expect, it } from 'vitest';
import type { InstanceHeader } from './model';
import { parseInstance } from './parse';
import { buildStudyTree } from './group';
import { completeSeries, folderOf, headerProgress, oneSeriesPerFolder, orderFolders, planFolders, provisionalTree, type ReadState } from './progressive';
import { mrSliceFile } from './testing/mr-slice';

let uid = 0;
/** A parsed slice of series `series` (study `study`) stored as `name`. */
function slice(name: string, series: string, z: number, study = '1.1', extra: { seriesDescription?: string; studyDate?: string } = {}): InstanceHeader {
  const sop = `1.2.826.0.7.${++uid}`;
  return parseInstance(mrSliceFile({ sopInstanceUid: sop, seriesInstanceUid: series, studyInstanceUid: study, ipp: [0, 0, z], ...extra }), name);
}

const state = (headers: InstanceHeader[], unfinished: string[], probe: Record<string, string> = {}, allDone = false): ReadState => ({
  headers,
  probeSeries: new Map(Object.entries(probe)),
  unfinishedFolders: new Set(unfinished),
  allDone,
});

describe('folder plan', () => {
  it('folder of a name, with either separator', () => {
    expect(folderOf('a/b/IM1.dcm')).toBe('a/b');
    expect(folderOf('a\\b\\IM1.dcm')).toBe('a\\b');
    expect(folderOf('IM1.dcm')).toBe('');
  });

  it('groups by folder, folders and files in natural order (IM2 before IM10)', () => {
    const names = ['s10/IM10.dcm', 's2/IM1.dcm', 's10/IM2.dcm', 'top.dcm', 's2/IM10.dcm', 's2/IM9.dcm'];
    expect(planFolders(names)).toEqual([
      { folder: '', files: [3] },
      { folder: 's2', files: [1, 5, 4] },
      { folder: 's10', files: [2, 0] },
    ]);
  });

  it('orders folders by rank, unranked last, ties in the given order', () => {
    const plans = ['a', 'b', 'c', 'd'].map((folder) => ({ folder, files: [] }));
    const ranks: Record<string, number> = { c: 0, a: 5, d: 5 };
    expect(orderFolders(plans, (f) => ranks[f]).map((p) => p.folder)).toEqual(['c', 'a', 'd', 'b']);
  });
});

describe('series completeness', () => {
  it('a series is complete once every folder it was seen in is finished', () => {
    const headers = [slice('A/1', 'S1', 0), slice('A/2', 'S1', 5), slice('B/1', 'S2', 0)];
    expect(completeSeries(state(headers, ['B'], { A: 'S1', B: 'S2' }))).toEqual(new Set(['S1']));
    expect(completeSeries(state(headers, ['A', 'B'], { A: 'S1', B: 'S2' }))).toEqual(new Set());
  });

  it('a series spread over folders waits for the folders where only its first file was seen', () => {
    // One file per folder (some exports): the probe saw S1 first in C, which is not read yet.
    const headers = [slice('A/1', 'S1', 0), slice('B/1', 'S1', 5)];
    expect(completeSeries(state(headers, ['C'], { A: 'S1', B: 'S1', C: 'S1' }))).toEqual(new Set());
    expect(completeSeries(state(headers, [], { A: 'S1', B: 'S1', C: 'S1' }))).toEqual(new Set(['S1']));
  });

  it('a folder mixing series turns the folder evidence off until every file is read', () => {
    const headers = [slice('A/1', 'S1', 0), slice('A/2', 'S2', 0), slice('B/1', 'S3', 0)];
    expect(oneSeriesPerFolder(headers)).toBe(false);
    expect(completeSeries(state(headers, ['C'], { A: 'S1', B: 'S3' }))).toEqual(new Set());
    expect(completeSeries(state(headers, [], { A: 'S1', B: 'S3' }, true))).toEqual(new Set(['S1', 'S2', 'S3']));
  });

  it('a series known only from a probe of an unread folder is not complete', () => {
    const headers = [slice('A/1', 'S1', 0)];
    expect(completeSeries(state(headers, ['B'], { A: 'S1', B: 'S2' }))).toEqual(new Set(['S1']));
  });

  it('header progress counts read headers and the unread files of the series folders', () => {
    const headers = [slice('A/1', 'S1', 0), slice('B/1', 'S2', 0), slice('B/2', 'S2', 5)];
    const unread: Record<string, number> = { A: 3 };
    const p = headerProgress(state(headers, ['A'], { A: 'S1', B: 'S2' }), (f) => unread[f] ?? 0);
    expect(Object.fromEntries(p)).toEqual({ S1: { read: 1, total: 4 }, S2: { read: 2, total: 2 } });
  });
});

describe('provisional tree', () => {
  it('keeps every time point, only complete series, classified as the final tree classifies them', () => {
    const headers = [
      slice('bl/t2/1', 'T2', 0, '1.1', { seriesDescription: 't2_haste_tra', studyDate: '20240101' }),
      slice('bl/t2/2', 'T2', 5, '1.1', { seriesDescription: 't2_haste_tra', studyDate: '20240101' }),
      slice('bl/adc/1', 'ADC', 0, '1.1', { seriesDescription: 'ep2d_diff_ADC', studyDate: '20240101' }),
      slice('fu/t2/1', 'T2F', 0, '1.2', { seriesDescription: 't2_haste_tra', studyDate: '20240401' }),
    ];
    const tree = provisionalTree(headers, new Set(['T2']));
    const studies = tree.patients[0]!.studies;
    expect(studies.map((s) => [s.studyInstanceUid, s.label])).toEqual([
      ['1.1', 'Baseline'],
      ['1.2', 'Follow-up 1'],
    ]);
    expect(studies[0]!.series.map((v) => [v.id, v.frames.length])).toEqual([['T2', 2]]);
    expect(studies[1]!.series).toEqual([]);
    const final = buildStudyTree(headers).patients[0]!.studies[0]!.series.find((v) => v.id === 'T2')!;
    expect(studies[0]!.series[0]!.classification).toEqual(final.classification);
    expect(tree.errors).toEqual([]);
  });
});
