import { toErrorInfo, type HccErrorInfo } from '../core/errors';
import type { InstanceHeader, StudyTree } from '../core/dicom/model';
import { buildStudyTree } from '../core/dicom/group';
import { summarizeNonImage } from '../core/dicom/object-summary';
import type { IngestClient } from '../compute/ingest-client';
import type { FileSource } from './sources';

export interface LoadProgress {
  filesDone: number;
  filesTotal: number;
  errors: number;
}

/** A study and the DICOM SEG files that came with it (routed to the lesion model, not listed as errors). */
export interface LoadedStudy {
  tree: StudyTree;
  segFiles: Array<{ name: string; bytes: Uint8Array }>;
}

/** What reading files produces, filled as they parse: headers, errors, SEG files. */
export interface ParseResults {
  headers: InstanceHeader[];
  errors: HccErrorInfo[];
  segFiles: LoadedStudy['segFiles'];
}

export const emptyResults = (): ParseResults => ({ headers: [], errors: [], segFiles: [] });

/**
 * Reads and parses the given sources (their indices, in this order), `concurrency` reads in flight
 * over the clients (workers); bad files become errors, never a stop. `onFile` follows every file.
 */
export async function parseSources(
  sources: readonly FileSource[],
  order: readonly number[],
  clients: readonly IngestClient[],
  into: ParseResults,
  onFile: (index: number, header: InstanceHeader | null) => void,
  // Reads in flight: local reads go through the browser's blob service, latency more than bandwidth.
  concurrency = 8,
): Promise<void> {
  let next = 0;
  const lane = async (n: number): Promise<void> => {
    const client = clients[n % clients.length]!;
    while (next < order.length) {
      const index = order[next++]!;
      const source = sources[index]!;
      let header: InstanceHeader | null = null;
      try {
        const result = await client.parseFile(source.name, await source.read());
        if (result.ok) header = result.header;
        else if (result.error.code === 'UNSUPPORTED_IMAGE' || result.error.code === 'NOT_AN_IMAGE') {
          // Not an image: a SEG goes to the lesion model (read again here: SEGs are small, rare).
          const bytes = await source.read();
          if (isSegmentation(bytes, source.name)) into.segFiles.push({ name: source.name, bytes });
          else into.errors.push(result.error);
        } else into.errors.push(result.error);
      } catch (error) {
        into.errors.push(toErrorInfo(error, source.name));
      }
      if (header) into.headers.push(header);
      onFile(index, header);
    }
  };
  const lanes = Math.min(Math.max(concurrency, clients.length), order.length);
  await Promise.all(Array.from({ length: lanes }, (_, n) => lane(n)));
}

/**
 * Reads and parses every source, then groups them. Several clients (workers) parse side by side:
 * header parsing is the floor of every load (the benchmark's floor; the app loads progressively).
 */
export async function loadStudy(
  sources: readonly FileSource[],
  clients: IngestClient | readonly IngestClient[],
  onProgress: (p: LoadProgress) => void,
  concurrency = 8,
): Promise<LoadedStudy> {
  const pool = Array.isArray(clients) ? clients : [clients as IngestClient];
  const results = emptyResults();
  let done = 0;
  const order = sources.map((_, i) => i);
  await parseSources(sources, order, pool, results, () => onProgress({ filesDone: ++done, filesTotal: sources.length, errors: results.errors.length }), concurrency);
  return { tree: buildStudyTree(results.headers, results.errors), segFiles: results.segFiles };
}

function isSegmentation(bytes: Uint8Array, name: string): boolean {
  try {
    return summarizeNonImage(bytes, name).kind === 'segmentation';
  } catch {
    return false;
  }
}
