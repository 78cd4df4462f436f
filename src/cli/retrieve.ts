/**
 * `hcc-response retrieve`: a patient's studies from a PACS (DICOMweb: QIDO-RS search, WADO-RS
 * retrieval over fetch) into a folder, named as the viewer names them (`<date> <study>/<number>
 * <series>/<sop>.dcm`), so `inspect` and `measure` then run on it unchanged. Segmentations stored on
 * the PACS come along (they are what `measure` reads the lesions from).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { listInstances, multipartParts, QIDO_INCLUDE_FIELDS, studySummaries, type DicomJsonDataset, type StudySummary } from '../core/dicomweb';
import type { CliIo } from './main';

export const RETRIEVE_USAGE = `  retrieve --dicomweb <root URL> --patient <Patient ID> --out <dir> [--study <Study Instance UID>]...
      Copies a patient's studies (all, or the ones named) from a DICOMweb server into <dir>, a folder
      per study and series; then run measure (or inspect) on <dir>.
`;

/** Instances retrieved at once (a PACS answers several requests in parallel). */
const IN_FLIGHT = 6;

interface RetrieveOptions {
  root: string;
  patientId: string;
  outDir: string;
  studies: string[];
}

function parse(args: readonly string[]): RetrieveOptions | string {
  const o: RetrieveOptions = { root: '', patientId: '', outDir: '', studies: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const v = args[i + 1];
    if (!['--dicomweb', '--patient', '--out', '--study'].includes(a)) return `unknown argument '${a}'`;
    if (v === undefined || v.startsWith('--')) return `${a} needs a value`;
    i++;
    if (a === '--dicomweb') o.root = v.replace(/\/+$/, '');
    else if (a === '--patient') o.patientId = v;
    else if (a === '--out') o.outDir = v;
    else o.studies.push(v);
  }
  if (!o.root) return '--dicomweb <root URL> is required';
  if (!o.patientId) return '--patient <Patient ID> is required';
  if (!o.outDir) return '--out <dir> is required';
  return o;
}

/** GET with an Accept header; a failure names the server, what was asked and what it answered. */
async function get(url: string, accept: string, what: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept } });
  } catch (error) {
    throw new Error(`${what}: no answer from ${url} (${error instanceof Error ? (error.cause as Error | undefined)?.message ?? error.message : String(error)})`);
  }
  if (!response.ok) throw new Error(`${what}: ${url} answered HTTP ${response.status}`);
  return response;
}

async function search(url: string, what: string): Promise<DicomJsonDataset[]> {
  const response = await get(url, 'application/dicom+json', what);
  if (response.status === 204) return [];
  const json = (await response.json()) as unknown;
  return Array.isArray(json) ? (json as DicomJsonDataset[]) : [];
}

async function retrieveInstance(root: string, study: string, series: string, sop: string): Promise<Uint8Array> {
  const response = await get(`${root}/studies/${study}/series/${series}/instances/${sop}`, 'multipart/related; type="application/dicom"', `instance ${sop}`);
  const body = new Uint8Array(await response.arrayBuffer());
  const [part] = multipartParts(body, response.headers.get('content-type') ?? '');
  if (!part) throw new Error(`instance ${sop}: the answer holds no DICOM file`);
  return part;
}

export async function runRetrieve(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parse(args);
  if (typeof parsed === 'string') {
    io.stderr(`hcc-response retrieve: ${parsed}\n\nusage:\n${RETRIEVE_USAGE}`);
    return 2;
  }
  const { root, patientId, studies: wanted } = parsed;
  const outDir = path.resolve(io.cwd, parsed.outDir);
  try {
    const query = `PatientID=${encodeURIComponent(patientId)}&includefield=${QIDO_INCLUDE_FIELDS.studies}`;
    let studies: StudySummary[] = studySummaries(await search(`${root}/studies?${query}`, 'the study search'));
    if (wanted.length > 0) {
      const missing = wanted.filter((uid) => !studies.some((s) => s.studyInstanceUid === uid));
      if (missing.length > 0) throw new Error(`no study ${missing.join(', ')} of patient ${patientId} on ${root}`);
      studies = studies.filter((s) => wanted.includes(s.studyInstanceUid));
    }
    if (studies.length === 0) throw new Error(`no study of patient ${patientId} on ${root}`);
    const jobs = await listInstances(
      {
        series: (study) => search(`${root}/studies/${study}/series?includefield=${QIDO_INCLUDE_FIELDS.series}`, 'the series search'),
        instances: (study, series) => search(`${root}/studies/${study}/series/${series}/instances?includefield=${QIDO_INCLUDE_FIELDS.instances}`, 'the instance search'),
      },
      studies,
    );
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < jobs.length) {
        const job = jobs[next++]!;
        const file = path.join(outDir, job.name);
        const bytes = await retrieveInstance(root, job.series.studyInstanceUid, job.series.seriesInstanceUid, job.sopInstanceUid);
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, bytes);
      }
    };
    await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, jobs.length) }, lane));
    io.stdout(`retrieved ${jobs.length} instances of ${studies.length} ${studies.length === 1 ? 'study' : 'studies'} of patient ${patientId} into ${outDir}\n`);
    return 0;
  } catch (error) {
    io.stderr(`hcc-response retrieve: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
