/**
 * The instances of the studies a user picked on a PACS, as the same FileSources a folder of files
 * gives: listed with QIDO-RS, each read (retrieved with WADO-RS) only when the progressive loader
 * asks for it, then kept as a Blob that the viewer decodes its pixels from (no second download).
 * Segmentation objects come the same way: the loader recognises them and restores their lesions.
 */
import { listInstances, type ListedInstance, type StudySummary } from '../../core/dicomweb';
import type { FileLocation } from '../../viewer/file-location';
import type { FileSource } from '../sources';
import type { DicomwebApi } from './dicomweb-api';

export async function sourcesFromPacs(pacs: DicomwebApi, studies: readonly StudySummary[]): Promise<FileSource[]> {
  const listed = await listInstances({ series: (study) => pacs.searchSeries(study), instances: (study, series) => pacs.searchInstances(study, series) }, studies);
  return listed.map((instance) => pacsSource(pacs, instance));
}

function pacsSource(pacs: DicomwebApi, { series, sopInstanceUid: sop, name }: ListedInstance): FileSource {
  let kept: Blob | null = null;
  return {
    name,
    async read() {
      const bytes = await pacs.retrieveInstance(series.studyInstanceUid, series.seriesInstanceUid, sop);
      kept = new Blob([bytes as BlobPart], { type: 'application/dicom' });
      return bytes;
    },
    // Pixels are asked for only after the header was read: the retrieved file is there by then.
    get location(): FileLocation {
      if (!kept) throw new Error(`${name}: not retrieved from the PACS yet`);
      return { kind: 'blob', blob: kept };
    },
  };
}
