import type { Phase, SeriesVolume } from '../core/dicom/model';

/** How each phase is named on screen (viewport headers, series lists, overlays). */
export const PHASE_LABELS: Record<Phase, string> = {
  t1_pre: 'T1 pre',
  arterial: 'Arterial',
  portal_venous: 'Portal venous',
  delayed: 'Delayed',
  hepatobiliary: 'Hepatobiliary',
  t2: 'T2',
  dwi: 'DWI',
  adc: 'ADC',
  dce_dynamic: 'DCE dynamic',
  subtraction: 'Subtraction',
  other: 'Other',
};

/** Reading order of phases in lists (as a radiologist reads them). */
export const PHASE_ORDER: readonly Phase[] = [
  't1_pre', 'arterial', 'portal_venous', 'delayed', 'hepatobiliary', 'subtraction', 't2', 'dwi', 'adc', 'dce_dynamic', 'other',
];

/** Volumes in reading order: by phase, then b-value, then series number. */
export function sortForReading(series: readonly SeriesVolume[]): SeriesVolume[] {
  return [...series].sort(
    (a, b) =>
      PHASE_ORDER.indexOf(a.classification.phase) - PHASE_ORDER.indexOf(b.classification.phase) ||
      (a.bValue ?? 0) - (b.bValue ?? 0) ||
      (a.seriesNumber ?? 0) - (b.seriesNumber ?? 0),
  );
}

/** "DWI b=800", "Arterial": the phase as shown on a viewport. */
export function volumePhaseText(v: SeriesVolume): string {
  const phase = PHASE_LABELS[v.classification.phase];
  return v.bValue !== null ? `${phase} b=${v.bValue}` : phase;
}

/** One line naming a volume in a series picker: "#8 Arterial - t1_vibe_fs_tra_dyn". */
export function volumeOptionText(v: SeriesVolume): string {
  const number = v.seriesNumber !== null ? `#${v.seriesNumber} ` : '';
  return `${number}${volumePhaseText(v)} - ${v.seriesDescription || '(no description)'}`;
}

export function formatStudyDate(yyyymmdd: string): string {
  return /^\d{8}$/.test(yyyymmdd) ? `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}` : yyyymmdd || 'no date';
}
