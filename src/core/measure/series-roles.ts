/**
 * Which series of a study plays which role in the measurement (CLI and app use the same rule):
 * by classification.phase; the DWI series with the highest b-value; the scanner ADC map when
 * present. Series whose slices do not form one regular grid are never chosen.
 */
import { GRID_BREAKING_ISSUES } from '../dicom/read-volume';
import type { Phase, SeriesVolume, StudyNode } from '../dicom/model';
import type { Volume3D } from '../types/volume';
import type { RoleVolumes, TimePointMeasureInput } from './inputs';
import type { TimePointRois } from '../roi/types';
import type { TimePointSeries } from './types';

export type SingleRole = 'pre' | 'arterial' | 'portalVenous' | 'delayed' | 't2' | 'adc';

const PHASE_OF_ROLE: Readonly<Record<SingleRole, Phase>> = {
  pre: 't1_pre', arterial: 'arterial', portalVenous: 'portal_venous', delayed: 'delayed', t2: 't2', adc: 'adc',
};

export interface SeriesSelection {
  pre: SeriesVolume | null;
  arterial: SeriesVolume | null;
  portalVenous: SeriesVolume | null;
  delayed: SeriesVolume | null;
  t2: SeriesVolume | null;
  /** Every b-value volume of the chosen DWI series, ascending b. */
  dwi: SeriesVolume[];
  /** Its highest-b volume (the one radiologists read). */
  dwiHighB: SeriesVolume | null;
  /** Scanner ADC map. */
  adc: SeriesVolume | null;
  /** SeriesInstanceUIDs as measurements.json records them. */
  series: TimePointSeries;
  /** Why a candidate was chosen over others, or left out. */
  notes: string[];
}

const usable = (v: SeriesVolume): boolean => v.geometry !== null && !v.geometry.issues.some((i) => GRID_BREAKING_ISSUES.has(i.kind));

/** Best candidate first: set by the user, then most confident, then lowest series number (then id, for determinism). */
function rank(a: SeriesVolume, b: SeriesVolume): number {
  return (
    Number(b.classification.overridden === true) - Number(a.classification.overridden === true) ||
    b.classification.confidence - a.classification.confidence ||
    (a.seriesNumber ?? Infinity) - (b.seriesNumber ?? Infinity) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

export function selectSeriesByRole(study: StudyNode): SeriesSelection {
  const notes: string[] = [];
  const pick = (role: SingleRole, prefer?: (v: SeriesVolume) => boolean): SeriesVolume | null => {
    const all = study.series.filter((v) => v.classification.phase === PHASE_OF_ROLE[role]);
    const ok = all.filter(usable);
    for (const v of all) if (!usable(v)) notes.push(`${role}: "${v.seriesDescription}" (${v.id}) left out - its slices do not form one regular grid`);
    const sorted = ok.sort((a, b) => (prefer ? Number(prefer(b)) - Number(prefer(a)) : 0) || rank(a, b));
    if (sorted.length > 1) notes.push(`${role}: "${sorted[0]!.seriesDescription}" chosen among ${sorted.length} candidates`);
    return sorted[0] ?? null;
  };

  // DWI: group the b-value volumes by series; the series reaching the highest b wins.
  const bySeries = new Map<string, SeriesVolume[]>();
  for (const v of study.series) {
    if (v.classification.phase !== 'dwi' || v.bValue === null || !usable(v)) continue;
    bySeries.set(v.seriesInstanceUid, [...(bySeries.get(v.seriesInstanceUid) ?? []), v]);
  }
  const groups = [...bySeries.values()].map((g) => g.sort((a, b) => a.bValue! - b.bValue!));
  groups.sort((a, b) => b[b.length - 1]!.bValue! - a[a.length - 1]!.bValue! || b.length - a.length || rank(a[0]!, b[0]!));
  if (groups.length > 1) notes.push(`dwi: series ${groups[0]![0]!.seriesInstanceUid} chosen (highest b-value) among ${groups.length}`);
  const dwi = groups[0] ?? [];
  const dwiHighB = dwi[dwi.length - 1] ?? null;
  // An ADC map in the DWI's frame of reference is most likely computed from it.
  const adc = pick('adc', dwiHighB ? (v) => v.frameOfReferenceUid === dwiHighB.frameOfReferenceUid : undefined);

  const pre = pick('pre');
  const arterial = pick('arterial');
  const portalVenous = pick('portalVenous');
  const delayed = pick('delayed');
  const t2 = pick('t2');
  const uid = (v: SeriesVolume | null): string | null => v?.seriesInstanceUid ?? null;
  return {
    pre, arterial, portalVenous, delayed, t2, dwi, dwiHighB, adc,
    series: { pre: uid(pre), arterial: uid(arterial), portalVenous: uid(portalVenous), delayed: uid(delayed), t2: uid(t2), dwi: uid(dwiHighB), adc: uid(adc) },
    notes,
  };
}

/** Reads the chosen series into volumes with the caller's reader (node: readVolume; app: Cornerstone). */
export function readRoleVolumes<V = Volume3D>(selection: SeriesSelection, read: (v: SeriesVolume) => V): RoleVolumes<V> {
  const get = (v: SeriesVolume | null): V | null => (v ? read(v) : null);
  return {
    pre: get(selection.pre),
    arterial: get(selection.arterial),
    portalVenous: get(selection.portalVenous),
    delayed: get(selection.delayed),
    t2: get(selection.t2),
    dwi: selection.dwi.map((v) => ({ bValueSmm2: v.bValue!, volume: read(v) })),
    adcMap: get(selection.adc),
  };
}

/** DICOM DA (YYYYMMDD) as YYYY-MM-DD; anything else is returned unchanged (never invented). */
export function isoStudyDate(da: string): string {
  return /^\d{8}$/.test(da) ? `${da.slice(0, 4)}-${da.slice(4, 6)}-${da.slice(6, 8)}` : da;
}

/** A time point's measurement input from its study node. */
export function timePointInput<V = Volume3D>(study: StudyNode, selection: SeriesSelection, volumes: RoleVolumes<V>, rois: TimePointRois): TimePointMeasureInput<V> {
  return { studyInstanceUid: study.studyInstanceUid, studyDate: isoStudyDate(study.studyDate), label: study.label, series: { ...selection.series }, volumes, rois };
}
