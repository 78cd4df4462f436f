/**
 * Autosave key of a patient's lesion model: patient ID plus the StudyInstanceUIDs of its time points.
 * The study list is sorted so the key does not depend on load order; the prefix up to the patient
 * lets the app find every record of a patient (IDBKeyRange over `roiPatientKeyPrefix`).
 */
import { HccError } from '../errors';

const PREFIX = 'hcc-response/rois@1';

/** Patient IDs may hold any text: encodeURIComponent keeps the separator unambiguous. */
export function roiPatientKeyPrefix(patientId: string): string {
  return `${PREFIX}|${encodeURIComponent(patientId)}|`;
}

export function roiStorageKey(patientId: string, studyInstanceUids: readonly string[]): string {
  if (studyInstanceUids.length === 0) throw new HccError('INVALID_INPUT', 'an ROI record needs at least one study');
  const studies = [...new Set(studyInstanceUids)].sort();
  return roiPatientKeyPrefix(patientId) + studies.map(encodeURIComponent).join(',');
}

/** Inverse of roiStorageKey (null for keys of other records). */
export function parseRoiStorageKey(key: string): { patientId: string; studyInstanceUids: string[] } | null {
  if (!key.startsWith(`${PREFIX}|`)) return null;
  const rest = key.slice(PREFIX.length + 1);
  const bar = rest.indexOf('|');
  if (bar < 0) return null;
  return { patientId: decodeURIComponent(rest.slice(0, bar)), studyInstanceUids: rest.slice(bar + 1).split(',').map(decodeURIComponent) };
}
