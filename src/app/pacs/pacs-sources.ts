/**
 * The instances of the studies a user picked on a PACS, as the same FileSources a folder of files
 * gives: listed with QIDO-RS, each read (retrieved with WADO-RS) only when the progressive loader
 * asks for it, then kept as a Blob that the viewer decodes its pixels from (no second download).
 * Segmentation objects come the same way: the loader recognises them and restores their lesions.
 */
import { instanceName, instanceUids, seriesSummaries, type StudySummary } from '../../core/dicomweb';
import type { FileLocation } from '../../viewer/file-location';
import type { FileSource } from '../sources';
import type { DicomwebApi } from './dicomweb-api';

export async function sourcesFromPacs(pacs: DicomwebApi, studies: readonly StudySummary[]): Promise<FileSource[]> {
  const perStudy = await Promise.all(
    studies.map(async (study) => {
      const series = seriesSummaries(study.studyInstanceUid, await pacs.searchSeries(study.studyInstanceUid));
      const perSeries = await Promise.all(
        series.map(async (s) => instanceUids(await pacs.searchInstances(s.studyInstanceUid, s.seriesInstanceUid)).map((sop) => pacsSource(pacs, study, s, sop))),
      );
      return perSeries.flat();
    }),
  );
  return perStudy.flat();
}

function pacsSource(pacs: DicomwebApi, study: StudySummary, series: Parameters<typeof instanceName>[1], sop: string): FileSource {
  let kept: Blob | null = null;
  return {
    name: instanceName(study, series, sop),
    async read() {
      const bytes = await pacs.retrieveInstance(series.studyInstanceUid, series.seriesInstanceUid, sop);
      kept = new Blob([bytes as BlobPart], { type: 'application/dicom' });
      return bytes;
    },
    // Pixels are asked for only after the header was read: the retrieved file is there by then.
    get location(): FileLocation {
      if (!kept) throw new Error(`${instanceName(study, series, sop)}: not retrieved from the PACS yet`);
      return { kind: 'blob', blob: kept };
    },
  };
}
