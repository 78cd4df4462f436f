/**
 * Reading the DICOM JSON model (PS3.18 F.2) that QIDO-RS answers with: attributes keyed by their
 * 8-hex-digit tag, each { vr, Value?: [...] }. Person names are objects ({ Alphabetic }); absent or
 * empty attributes read as null, so a PACS that leaves out optional attributes is not an error.
 */
export interface DicomJsonAttribute {
  vr: string;
  Value?: unknown[];
}

export type DicomJsonDataset = Record<string, DicomJsonAttribute | undefined>;

/** Tags the study browser reads. */
export const TAG = {
  studyInstanceUid: '0020000D',
  seriesInstanceUid: '0020000E',
  sopInstanceUid: '00080018',
  studyDate: '00080020',
  studyDescription: '00081030',
  modalitiesInStudy: '00080061',
  modality: '00080060',
  patientName: '00100010',
  patientId: '00100020',
  seriesNumber: '00200011',
  seriesDescription: '0008103E',
  instanceNumber: '00200013',
  numberOfStudyRelatedSeries: '00201206',
  numberOfStudyRelatedInstances: '00201208',
} as const;

function values(ds: DicomJsonDataset, tag: string): unknown[] {
  return ds[tag]?.Value ?? [];
}

/** The first value as text (a person name's Alphabetic group); null when absent or empty. */
export function jsonString(ds: DicomJsonDataset, tag: string): string | null {
  const v = values(ds, tag)[0];
  if (v === undefined || v === null) return null;
  if (typeof v === 'object') {
    const alphabetic = (v as { Alphabetic?: unknown }).Alphabetic;
    return typeof alphabetic === 'string' && alphabetic !== '' ? alphabetic : null;
  }
  const s = String(v).trim();
  return s === '' ? null : s;
}

/**
 * A DICOM person name (family^given^middle^prefix^suffix) as PACS lists show it: "DOE, JANE M".
 * Empty components are skipped; a name without '^' is shown as it is.
 */
export function personNameText(pn: string): string {
  const [family = '', given = '', middle = '', prefix = '', suffix = ''] = pn.split('^').map((c) => c.trim());
  const first = [prefix, given, middle].filter(Boolean).join(' ');
  const last = [family, suffix].filter(Boolean).join(' ');
  return last && first ? `${last}, ${first}` : last || first;
}

/** Every value as text (multi-valued attributes such as Modalities in Study). */
export function jsonStrings(ds: DicomJsonDataset, tag: string): string[] {
  return values(ds, tag).flatMap((v) => (typeof v === 'string' || typeof v === 'number' ? [String(v).trim()] : [])).filter((s) => s !== '');
}

/** The first value as a finite number (IS/DS may come as numbers or as strings); null otherwise. */
export function jsonNumber(ds: DicomJsonDataset, tag: string): number | null {
  const v = values(ds, tag)[0];
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
}
