import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildStudyTree } from '../../src/core/dicom/group';
import { parseInstance } from '../../src/core/dicom/parse';
import { buildSeg } from '../../src/core/export/seg-export';
import { uidFor } from './prng';
import { phantomRois } from './rois';
import type { TimePointTruth } from './truth';
import type { WrittenTimePoint } from './write-series';

/**
 * Writes a time point's lesions (whole tumour, as a reader draws them) and the liver reference as a
 * DICOM SEG on its arterial series, with the project's own SEG writer (PHANTOM.md). The enhancing
 * part is not written: it is derived from the images by the enhancement method.
 * Returns the SEG's path relative to `out`.
 */
export function writeTimePointSeg(out: string, seed: number, written: WrittenTimePoint, truth: TimePointTruth): string {
  const arterial = written.series.find((s) => s.spec.key === 'arterial');
  if (!arterial) throw new Error(`${written.timePoint}: no arterial series to put the SEG on`);
  // The SEG references the arterial images as the ingest reads them (frames sorted along the normal).
  const headers = arterial.files.map((f) => parseInstance(new Uint8Array(readFileSync(path.join(out, f))), f));
  const source = buildStudyTree(headers, []).patients[0]!.studies[0]!.series[0]!;
  const { bytes } = buildSeg(
    { source, rois: phantomRois(written.timePoint, truth) },
    {
      makeUid: (key: string) => uidFor(seed, written.timePoint, 'seg', key),
      contentDate: written.ctx.def.studyDate,
      contentTime: '120000',
      softwareVersion: 'phantom',
      operatorName: 'PHANTOM^READER',
    },
  );
  const rel = `${path.posix.dirname(arterial.folder)}/seg/SEG_lesions.dcm`;
  mkdirSync(path.join(out, path.dirname(rel)), { recursive: true });
  writeFileSync(path.join(out, rel), bytes);
  return rel;
}
