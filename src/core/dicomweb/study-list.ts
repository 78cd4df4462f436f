/**
 * What a PACS holds for a patient, as the study browser shows it, from QIDO-RS answers; and the names
 * the viewer gives the instances it retrieves (a folder per series, so progressive loading reads the
 * first instance of every series first, as it does for a folder of files).
 */
import { HccError } from '../errors';
import { jsonNumber, jsonString, jsonStrings, TAG, type DicomJsonDataset } from './dicom-json';

export interface StudySummary {
  studyInstanceUid: string;
  /** YYYYMMDD as stored; null when the PACS does not say. */
  studyDate: string | null;
  description: string | null;
  patientName: string | null;
  patientId: string | null;
  modalities: string[];
  seriesCount: number | null;
  instanceCount: number | null;
}

export interface SeriesSummary {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  modality: string | null;
  seriesNumber: number | null;
  description: string | null;
}

function required(ds: DicomJsonDataset, tag: string, what: string): string {
  const v = jsonString(ds, tag);
  if (!v) throw new HccError('INVALID_INPUT', `the PACS answered a ${what} without its UID (${tag})`);
  return v;
}

/** Studies of a QIDO-RS answer, oldest first (the baseline first, as the reading room hangs them). */
export function studySummaries(answer: readonly DicomJsonDataset[]): StudySummary[] {
  return answer
    .map((ds) => ({
      studyInstanceUid: required(ds, TAG.studyInstanceUid, 'study'),
      studyDate: jsonString(ds, TAG.studyDate),
      description: jsonString(ds, TAG.studyDescription),
      patientName: jsonString(ds, TAG.patientName),
      patientId: jsonString(ds, TAG.patientId),
      modalities: jsonStrings(ds, TAG.modalitiesInStudy),
      seriesCount: jsonNumber(ds, TAG.numberOfStudyRelatedSeries),
      instanceCount: jsonNumber(ds, TAG.numberOfStudyRelatedInstances),
    }))
    .sort((a, b) => (a.studyDate ?? '').localeCompare(b.studyDate ?? '') || a.studyInstanceUid.localeCompare(b.studyInstanceUid));
}

export function seriesSummaries(studyInstanceUid: string, answer: readonly DicomJsonDataset[]): SeriesSummary[] {
  return answer
    .map((ds) => ({
      studyInstanceUid,
      seriesInstanceUid: required(ds, TAG.seriesInstanceUid, 'series'),
      modality: jsonString(ds, TAG.modality),
      seriesNumber: jsonNumber(ds, TAG.seriesNumber),
      description: jsonString(ds, TAG.seriesDescription),
    }))
    .sort((a, b) => (a.seriesNumber ?? Infinity) - (b.seriesNumber ?? Infinity) || a.seriesInstanceUid.localeCompare(b.seriesInstanceUid));
}

/** SOP Instance UIDs of a series' QIDO-RS answer, in instance-number order. */
export function instanceUids(answer: readonly DicomJsonDataset[]): string[] {
  return answer
    .map((ds) => ({ uid: required(ds, TAG.sopInstanceUid, 'instance'), n: jsonNumber(ds, TAG.instanceNumber) ?? Infinity }))
    .sort((a, b) => a.n - b.n || a.uid.localeCompare(b.uid))
    .map((x) => x.uid);
}

/** Attributes asked of each QIDO-RS search beyond the required ones (PACS leave them out otherwise). */
export const QIDO_INCLUDE_FIELDS = {
  studies: '00081030,00080061,00201206,00201208,00100010,00100020',
  series: '0008103E,00200011,00080060',
  instances: '00200013',
} as const;

/** One instance of a listing: where it sits and the name it gets. */
export interface ListedInstance {
  study: StudySummary;
  series: SeriesSummary;
  sopInstanceUid: string;
  name: string;
}

/**
 * Every instance of the given studies, series by series (QIDO-RS answers through the caller's search
 * functions: the browser's dicomweb-client or the CLI's fetch), each with its name.
 */
export async function listInstances(
  search: {
    series(studyInstanceUid: string): Promise<readonly DicomJsonDataset[]>;
    instances(studyInstanceUid: string, seriesInstanceUid: string): Promise<readonly DicomJsonDataset[]>;
  },
  studies: readonly StudySummary[],
): Promise<ListedInstance[]> {
  const perStudy = await Promise.all(
    studies.map(async (study) => {
      const series = seriesSummaries(study.studyInstanceUid, await search.series(study.studyInstanceUid));
      const perSeries = await Promise.all(
        series.map(async (s) =>
          instanceUids(await search.instances(s.studyInstanceUid, s.seriesInstanceUid)).map((sop) => ({ study, series: s, sopInstanceUid: sop, name: instanceName(study, s, sop) })),
        ),
      );
      return perSeries.flat();
    }),
  );
  return perStudy.flat();
}

/** Characters a file name should not carry (path separators, control characters, reserved on common systems). */
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f]+/g;

/**
 * The name of a retrieved instance: `<date> <study>/<number> <series>/<sop>.dcm`. Shown in errors
 * (the user recognises the study and series), and its folder groups the series' instances.
 */
export function instanceName(study: Pick<StudySummary, 'studyInstanceUid' | 'studyDate' | 'description'>, series: SeriesSummary, sopInstanceUid: string): string {
  const clean = (s: string): string => s.replace(UNSAFE, '_').trim();
  const studyPart = clean([study.studyDate ?? 'undated', study.description ?? study.studyInstanceUid].join(' '));
  const seriesPart = clean([series.seriesNumber ?? '', series.description ?? series.seriesInstanceUid].join(' '));
  return `${studyPart}/${seriesPart}/${clean(sopInstanceUid)}.dcm`;
}
