import { HccError } from '../errors';
import { parseDataSet } from './dataset';
import { TAGS, getItems, getString } from './tags';

/** Storage SOP classes of the non-image objects a response reading uses. */
export const SEGMENTATION_STORAGE = '1.2.840.10008.5.1.4.1.1.66.4';
const SR_STORAGE_PREFIX = '1.2.840.10008.5.1.4.1.1.88.';

export type NonImageKind = 'segmentation' | 'structured-report' | 'other';

/** What a DICOM object that is not an image is, and what it refers to. */
export interface NonImageSummary {
  fileName: string;
  kind: NonImageKind;
  sopClassUid: string;
  sopInstanceUid: string;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  seriesDescription: string;
  /** Series the object refers to (a SEG's source images). */
  referencedSeriesInstanceUids: string[];
  /** SEG segment labels, in segment order. */
  segmentLabels: string[];
}

const clean = (s: string): string => s.replace(/\0/g, '').trim();

/**
 * Reads what a non-image DICOM object is (SEG, SR, ...) so loaders can route it instead of listing it
 * as an unreadable image. Throws the same HccErrors as parsing (NOT_DICOM, TRUNCATED, ...).
 */
export function summarizeNonImage(bytes: Uint8Array, fileName: string): NonImageSummary {
  const { dataSet: ds } = parseDataSet(bytes, fileName);
  const sopClassUid = clean(getString(ds, TAGS.SOPClassUID));
  if (sopClassUid === '') throw new HccError('NOT_AN_IMAGE', 'a DICOM object without a SOP class', fileName);
  const kind: NonImageKind =
    sopClassUid === SEGMENTATION_STORAGE ? 'segmentation' : sopClassUid.startsWith(SR_STORAGE_PREFIX) ? 'structured-report' : 'other';
  return {
    fileName,
    kind,
    sopClassUid,
    sopInstanceUid: clean(getString(ds, TAGS.SOPInstanceUID)),
    studyInstanceUid: clean(getString(ds, TAGS.StudyInstanceUID)),
    seriesInstanceUid: clean(getString(ds, TAGS.SeriesInstanceUID)),
    seriesDescription: getString(ds, TAGS.SeriesDescription),
    referencedSeriesInstanceUids: getItems(ds, TAGS.ReferencedSeriesSequence).map((item) => clean(getString(item, TAGS.SeriesInstanceUID))),
    segmentLabels: getItems(ds, TAGS.SegmentSequence).map((item) => getString(item, TAGS.SegmentLabel)),
  };
}
