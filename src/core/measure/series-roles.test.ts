import { describe, expect, it } from 'vitest';
import type { Phase, SeriesVolume, StudyNode } from '../dicom/model';
import { isoStudyDate, selectSeriesByRole } from './series-roles';

let n = 0;
function vol(phase: Phase, o: { uid?: string; b?: number; confidence?: number; seriesNumber?: number; overridden?: boolean; broken?: boolean; frame?: string } = {}): SeriesVolume {
  const uid = o.uid ?? `uid-${++n}`;
  return {
    id: o.b === undefined ? uid : `${uid}#b=${o.b}`,
    seriesInstanceUid: uid,
    seriesNumber: o.seriesNumber ?? n,
    seriesDescription: `${phase} ${uid}`,
    frameOfReferenceUid: o.frame ?? 'for-1',
    bValue: o.b ?? null,
    geometry: {
      dims: [4, 4, 4], spacingMm: [1, 1, 1], originLps: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1], sliceThicknessMm: 1,
      issues: o.broken ? [{ kind: 'GAP', message: 'missing slice' }] : [],
    },
    classification: { phase, confidence: o.confidence ?? 0.8, reasons: [], ...(o.overridden ? { overridden: true } : {}) },
  } as unknown as SeriesVolume;
}
const study = (series: SeriesVolume[]): StudyNode => ({ studyInstanceUid: 's', studyDate: '20240115', studyTime: '', studyDescription: '', timePointIndex: 0, label: 'Baseline', series });

describe('selectSeriesByRole', () => {
  it('one series per phase; DWI = every b-value of the series reaching the highest b; the ADC map', () => {
    const pre = vol('t1_pre');
    const art = vol('arterial');
    const dwiLow = [0, 500].map((b) => vol('dwi', { uid: 'dwi-a', b }));
    const dwiHigh = [800, 0, 50].map((b) => vol('dwi', { uid: 'dwi-b', b }));
    const adc = vol('adc');
    const s = selectSeriesByRole(study([pre, art, ...dwiLow, ...dwiHigh, adc]));
    expect(s.pre).toBe(pre);
    expect(s.arterial).toBe(art);
    expect(s.portalVenous).toBeNull();
    expect(s.dwi.map((v) => v.bValue)).toEqual([0, 50, 800]);
    expect(s.dwiHighB!.bValue).toBe(800);
    expect(s.adc).toBe(adc);
    expect(s.series).toEqual({ pre: pre.seriesInstanceUid, arterial: art.seriesInstanceUid, portalVenous: null, delayed: null, t2: null, dwi: 'dwi-b', adc: adc.seriesInstanceUid });
  });

  it('the user\'s phase choice wins, then confidence; broken grids are never chosen (with a note)', () => {
    const confident = vol('arterial', { confidence: 0.9 });
    const chosenByUser = vol('arterial', { confidence: 0.5, overridden: true });
    const broken = vol('portal_venous', { confidence: 1, broken: true });
    const ok = vol('portal_venous', { confidence: 0.4 });
    const s = selectSeriesByRole(study([confident, chosenByUser, broken, ok]));
    expect(s.arterial).toBe(chosenByUser);
    expect(s.portalVenous).toBe(ok);
    expect(s.notes.some((t) => t.includes('left out'))).toBe(true);
  });

  it('prefers the ADC map in the frame of reference of the chosen DWI', () => {
    const dwi = [0, 800].map((b) => vol('dwi', { uid: 'dwi', b, frame: 'for-dwi' }));
    const other = vol('adc', { confidence: 0.99, frame: 'for-other' });
    const same = vol('adc', { confidence: 0.5, frame: 'for-dwi' });
    expect(selectSeriesByRole(study([...dwi, other, same])).adc).toBe(same);
  });

  it('study dates as YYYY-MM-DD; anything else unchanged', () => {
    expect(isoStudyDate('20240418')).toBe('2024-04-18');
    expect(isoStudyDate('')).toBe('');
  });
});
