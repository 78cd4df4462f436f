/**
 * The few DICOMweb calls the viewer makes, over dicomweb-client (QIDO-RS searches, WADO-RS instance
 * retrieval with its multipart answers), with errors turned into sentences that name the server and
 * what it answered. An interface, so the sources and the dialog are tested with a fake server.
 */
import { api } from 'dicomweb-client';
import { QIDO_INCLUDE_FIELDS, type DicomJsonDataset } from '../../core/dicomweb';

export interface DicomwebApi {
  /** The DICOMweb root (QIDO-RS and WADO-RS), as the user gave it. */
  readonly root: string;
  searchStudies(query: Record<string, string>): Promise<DicomJsonDataset[]>;
  searchSeries(studyInstanceUid: string): Promise<DicomJsonDataset[]>;
  searchInstances(studyInstanceUid: string, seriesInstanceUid: string): Promise<DicomJsonDataset[]>;
  /** One instance as a DICOM Part 10 file. */
  retrieveInstance(studyInstanceUid: string, seriesInstanceUid: string, sopInstanceUid: string): Promise<Uint8Array>;
  /** Stores DICOM Part 10 files (STOW-RS). */
  storeInstances(files: readonly Uint8Array[]): Promise<void>;
}

interface ClientMethods {
  searchForStudies(o: { queryParams: Record<string, string> }): Promise<unknown>;
  searchForSeries(o: { studyInstanceUID: string; queryParams: Record<string, string> }): Promise<unknown>;
  searchForInstances(o: { studyInstanceUID: string; seriesInstanceUID: string; queryParams: Record<string, string> }): Promise<unknown>;
  retrieveInstance(o: { studyInstanceUID: string; seriesInstanceUID: string; sopInstanceUID: string }): Promise<ArrayBuffer>;
  storeInstances(o: { datasets: ArrayBuffer[] }): Promise<unknown>;
}

export function createDicomwebApi(root: string): DicomwebApi {
  const url = root.replace(/\/+$/, '');
  const client = new api.DICOMwebClient({ url, singlepart: false } as never) as unknown as ClientMethods;
  const call = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw new Error(describeFailure(url, what, error));
    }
  };
  const list = (answer: unknown): DicomJsonDataset[] => (Array.isArray(answer) ? (answer as DicomJsonDataset[]) : []);
  return {
    root: url,
    searchStudies: (query) => call('the study search', async () => list(await client.searchForStudies({ queryParams: { ...query, includefield: QIDO_INCLUDE_FIELDS.studies } }))),
    searchSeries: (study) => call('the series search', async () => list(await client.searchForSeries({ studyInstanceUID: study, queryParams: { includefield: QIDO_INCLUDE_FIELDS.series } }))),
    searchInstances: (study, series) =>
      call('the instance search', async () => list(await client.searchForInstances({ studyInstanceUID: study, seriesInstanceUID: series, queryParams: { includefield: QIDO_INCLUDE_FIELDS.instances } }))),
    retrieveInstance: (study, series, sop) =>
      call(`instance ${sop}`, async () => new Uint8Array(await client.retrieveInstance({ studyInstanceUID: study, seriesInstanceUID: series, sopInstanceUID: sop }))),
    storeInstances: (files) =>
      call(`storing ${files.length} objects`, async () => {
        // Each file as an ArrayBuffer of its own bytes (a view may sit in a larger buffer).
        await client.storeInstances({ datasets: files.map((f) => f.slice().buffer as ArrayBuffer) });
      }),
  };
}

/** dicomweb-client rejects with the XMLHttpRequest's status (0: no answer at all, e.g. refused or blocked by CORS). */
export function describeFailure(root: string, what: string, error: unknown): string {
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === 'number' && status > 0) {
    // A short plain-text answer says why (e.g. this page's server has no PACS configured); longer ones are pages.
    const answer = (error as { response?: unknown }).response;
    const why = typeof answer === 'string' && answer.trim() !== '' && answer.length <= 300 && !answer.trimStart().startsWith('<') ? `: ${answer.trim()}` : '';
    return `${what} failed: the PACS at ${root} answered HTTP ${status}${why}`;
  }
  if (status === 0) return `${what} failed: no answer from ${root} (server down, wrong address, or it does not allow this page's origin: CORS)`;
  return `${what} failed at ${root}: ${error instanceof Error ? error.message : String(error)}`;
}
