import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { summarizeNonImage } from './object-summary';
import { el, makeDicom } from './testing/make-dicom';

const ref = (p: string) => fileURLToPath(new URL(`../../../../shared/reference-data/${p}`, import.meta.url));

describe('summarizeNonImage', () => {
  it('names a structured report as such', () => {
    const sr = makeDicom({ '00080016': el.str('UI', '1.2.840.10008.5.1.4.1.1.88.34'), '00080018': el.str('UI', '1.2.5'), '0020000D': el.str('UI', '1.2.3'), '0020000E': el.str('UI', '1.2.4') });
    expect(summarizeNonImage(sr, 'sr.dcm')).toMatchObject({ kind: 'structured-report', sopInstanceUid: '1.2.5', studyInstanceUid: '1.2.3', seriesInstanceUid: '1.2.4', segmentLabels: [] });
  });

  it.skipIf(!existsSync(ref('dcmqi')))('reads a real SEG: its kind, segment labels and source series (dcmqi sr-example)', () => {
    const s = summarizeNonImage(new Uint8Array(readFileSync(ref('dcmqi/sr-example/seg.dcm'))), 'seg.dcm');
    expect(s.kind).toBe('segmentation');
    // expected values read with pydicom: [s.SegmentLabel for s in d.SegmentSequence], ReferencedSeriesSequence
    expect(s.segmentLabels).toEqual(['Neoplasm, Primary']);
    expect(s.referencedSeriesInstanceUids).toEqual(['1.3.6.1.4.1.14519.5.2.1.2744.7002.261560220703676715130542397405']);
  });
});
