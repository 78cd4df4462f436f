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

/**
 * Reads and parses every source (a few at a time), then groups them; bad files become errors, never
 * a stop. Several clients (workers) parse side by side: header parsing is the floor of every load.
 */
export async function loadStudy(
  sources: readonly FileSource[],
  clients: IngestClient | readonly IngestClient[],
  onProgress: (p: LoadProgress) => void,
  // Reads in flight: local reads go through the browser's blob service, latency more than bandwidth.
  concurrency = 8,
): Promise<LoadedStudy> {
  const pool = Array.isArray(clients) ? clients : [clients as IngestClient];
  const headers: InstanceHeader[] = [];
  const errors: HccErrorInfo[] = [];
  const segFiles: LoadedStudy['segFiles'] = [];
  let next = 0;
  let done = 0;
  const worker = async (lane: number): Promise<void> => {
    const client = pool[lane % pool.length]!;
    while (next < sources.length) {
      const source = sources[next++]!;
      try {
        const result = await client.parseFile(source.name, await source.read());
        if (result.ok) headers.push(result.header);
        else if (result.error.code === 'UNSUPPORTED_IMAGE' || result.error.code === 'NOT_AN_IMAGE') {
          // Not an image: a SEG goes to the lesion model (read again here: SEGs are small, rare).
          const bytes = await source.read();
          if (isSegmentation(bytes, source.name)) segFiles.push({ name: source.name, bytes });
          else errors.push(result.error);
        } else errors.push(result.error);
      } catch (error) {
        errors.push(toErrorInfo(error, source.name));
      }
      done++;
      onProgress({ filesDone: done, filesTotal: sources.length, errors: errors.length });
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(concurrency, pool.length), sources.length) }, (_, lane) => worker(lane)));
  return { tree: buildStudyTree(headers, errors), segFiles };
}

function isSegmentation(bytes: Uint8Array, name: string): boolean {
  try {
    return summarizeNonImage(bytes, name).kind === 'segmentation';
  } catch {
    return false;
  }
}
