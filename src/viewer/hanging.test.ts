import { beforeAll, describe, expect, it } from 'vitest';
import { overridePhase } from '../core/dicom/ingest';
import type { StudyNode, StudyTree } from '../core/dicom/model';
import type { PhantomTruth } from '../../test-data/phantom/truth';
import { cellKey, cellsInLoadOrder, defaultVolumeFor, hangStudies, HANGING_COLUMNS, loadRanks, stepCandidate } from './hanging';
import { phantomTree } from './testing/phantom-tree';

let tree: StudyTree;
let truth: PhantomTruth;
const studies = (t: StudyTree): StudyNode[] => t.patients[0]!.studies;
const uidOf = (study: StudyNode, volumeId: string | null) => study.series.find((v) => v.id === volumeId)?.seriesInstanceUid;

beforeAll(async () => {
  ({ tree, truth } = await phantomTree());
});

describe('hanging protocol', () => {
  it('puts one time point per row and the right series in every phase column', () => {
    const rows = hangStudies(studies(tree));
    expect(rows.map((r) => r.study.label)).toEqual(['Baseline', 'Follow-up 1']);
    const role = { t1_pre: 'pre', arterial: 'arterial', portal_venous: 'portalVenous', t2: 't2', dwi: 'dwi', adc: 'adc' } as const;
    for (const row of rows) {
      const expected = truth.timePoints[row.row]!.seriesByRole;
      expect(row.cells.map((c) => c.column)).toEqual(HANGING_COLUMNS.map((c) => c.id));
      for (const cell of row.cells) expect(uidOf(row.study, cell.volumeId), cell.key).toBe(expected[role[cell.column]]);
    }
  });

  it('shows the highest b-value in the DWI column', () => {
    for (const row of hangStudies(studies(tree))) {
      const dwi = row.study.series.find((v) => v.id === row.cells.find((c) => c.column === 'dwi')!.volumeId)!;
      expect(dwi.bValue).toBe(800);
      // the picker lists every b-value of the column, highest first, then the other series
      const candidates = row.cells.find((c) => c.column === 'dwi')!.candidates.map((id) => row.study.series.find((v) => v.id === id)!);
      expect(candidates.slice(0, 4).map((v) => v.bValue)).toEqual([800, 400, 50, 0]);
      expect(candidates).toHaveLength(row.study.series.length);
    }
  });

  it("keeps the user's pick and ignores a pick of a volume the study does not have", () => {
    const study = studies(tree)[0]!;
    const delayed = study.series.find((v) => v.classification.phase === 'delayed')!;
    const rows = hangStudies(studies(tree), { [cellKey(0, 'portal_venous')]: delayed.id, [cellKey(1, 'arterial')]: 'no-such-volume' });
    const pv = rows[0]!.cells.find((c) => c.column === 'portal_venous')!;
    expect(pv.volumeId).toBe(delayed.id);
    expect(pv.picked).toBe(true);
    const art = rows[1]!.cells.find((c) => c.column === 'arterial')!;
    expect(art.picked).toBe(false);
    expect(uidOf(rows[1]!.study, art.volumeId)).toBe(truth.timePoints[1]!.seriesByRole.arterial);
  });

  it('follows a phase override: the overridden series takes the column', () => {
    const study = studies(tree)[1]!;
    const delayed = study.series.find((v) => v.classification.phase === 'delayed')!;
    const changed = overridePhase(tree, delayed.id, 'portal_venous');
    const pv = hangStudies(studies(changed))[1]!.cells.find((c) => c.column === 'portal_venous')!;
    expect(pv.volumeId).toBe(delayed.id);
  });

  it('leaves a column empty when the time point has no such phase', () => {
    const study = studies(tree)[0]!;
    const withoutAdc: StudyNode = { ...study, series: study.series.filter((v) => v.classification.phase !== 'adc') };
    expect(defaultVolumeFor(withoutAdc, 'adc')).toBeNull();
    const cell = hangStudies([withoutAdc])[0]!.cells.find((c) => c.column === 'adc')!;
    expect(cell.volumeId).toBeNull();
    expect(cell.candidates.length).toBe(withoutAdc.series.length);
  });

  it('loads the arterial column first, baseline before follow-up', () => {
    const order = cellsInLoadOrder(hangStudies(studies(tree))).map((c) => c.key);
    expect(order.slice(0, 2)).toEqual(['tp0-arterial', 'tp1-arterial']);
    expect(order.at(-1)).toBe('tp1-t2');
  });

  it('ranks volumes in load order: the arterial series first, series no viewport shows absent', () => {
    const ranks = loadRanks(hangStudies(studies(tree)));
    const [baseline, followUp] = studies(tree);
    const arterialOf = (s: StudyNode) => s.series.find((v) => v.seriesInstanceUid === truth.timePoints[s.timePointIndex]!.seriesByRole.arterial)!.id;
    expect(ranks.get(arterialOf(baseline!))).toBe(0);
    expect(ranks.get(arterialOf(followUp!))).toBe(1);
    const delayed = baseline!.series.find((v) => v.classification.phase === 'delayed')!;
    expect(ranks.has(delayed.id)).toBe(false);
    // one rank per shown viewport: 2 time points x 6 columns
    expect(new Set(ranks.values()).size).toBe(12);
  });

  it('steps through the candidates with wrap-around (PageDown / PageUp)', () => {
    const cell = hangStudies(studies(tree))[0]!.cells[0]!;
    let id: string | null = cell.volumeId;
    const seen = new Set<string>();
    for (let i = 0; i < cell.candidates.length; i++) {
      id = stepCandidate({ ...cell, volumeId: id }, 1);
      seen.add(id!);
    }
    expect(seen.size).toBe(cell.candidates.length);
    expect(id).toBe(cell.volumeId);
    expect(stepCandidate({ ...cell, volumeId: cell.candidates[0]! }, -1)).toBe(cell.candidates.at(-1));
    expect(stepCandidate({ ...cell, candidates: [] }, 1)).toBeNull();
  });
});
