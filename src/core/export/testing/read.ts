/**
 * Test helper: reads exported files with dicom-parser (a reader independent of dcmjs, which wrote them)
 * so the tests check the bytes, not the writer's own view of them.
 */
import dicomParser from 'dicom-parser';
import type { DataSet } from 'dicom-parser';

export function parse(bytes: Uint8Array): DataSet {
  return dicomParser.parseDicom(bytes);
}

/** Items of sequence `tag` ('x00620002' style). */
export function items(ds: DataSet, tag: string): DataSet[] {
  return (ds.elements[tag]?.items ?? []).map((item) => {
    if (item.dataSet === undefined) throw new Error(`item of ${tag} without data set`);
    return item.dataSet;
  });
}

export function first(ds: DataSet, ...path: string[]): DataSet {
  let current = ds;
  for (const tag of path) {
    const next = items(current, tag)[0];
    if (next === undefined) throw new Error(`no item in ${tag}`);
    current = next;
  }
  return current;
}

export const str = (ds: DataSet, tag: string, index = 0): string | undefined => ds.string(tag, index);

/** Code value of the first item of a code sequence. */
export const codeValue = (ds: DataSet, sequenceTag: string): string | undefined => str(first(ds, sequenceTag), 'x00080100');

export const TAG = {
  sopClassUid: 'x00080016',
  sopInstanceUid: 'x00080018',
  studyInstanceUid: 'x0020000d',
  seriesInstanceUid: 'x0020000e',
  numberOfFrames: 'x00280008',
  rows: 'x00280010',
  columns: 'x00280011',
  bitsAllocated: 'x00280100',
  pixelData: 'x7fe00010',
  segmentSequence: 'x00620002',
  segmentNumber: 'x00620004',
  segmentLabel: 'x00620005',
  segmentAlgorithmType: 'x00620008',
  segmentAlgorithmName: 'x00620009',
  categorySequence: 'x00620003',
  typeSequence: 'x0062000f',
  trackingUid: 'x00620021',
  sharedGroups: 'x52009229',
  perFrameGroups: 'x52009230',
  derivationImage: 'x00089124',
  sourceImage: 'x00082112',
  referencedSopClassUid: 'x00081150',
  referencedSopInstanceUid: 'x00081155',
  planePosition: 'x00209113',
  imagePositionPatient: 'x00200032',
  planeOrientation: 'x00209116',
  imageOrientationPatient: 'x00200037',
  pixelMeasures: 'x00289110',
  pixelSpacing: 'x00280030',
  sliceThickness: 'x00180050',
  spacingBetweenSlices: 'x00180088',
  segmentIdentification: 'x0062000a',
  referencedSegmentNumber: 'x0062000b',
  frameContent: 'x00209111',
  dimensionIndexValues: 'x00209157',
  referencedSeries: 'x00081115',
  referencedInstance: 'x0008114a',
  frameOfReferenceUid: 'x00200052',
  contentSequence: 'x0040a730',
  conceptName: 'x0040a043',
  conceptCode: 'x0040a168',
  valueType: 'x0040a040',
  textValue: 'x0040a160',
  uid: 'x0040a124',
  measuredValue: 'x0040a300',
  numericValue: 'x0040a30a',
  units: 'x004008ea',
  referencedSopSequence: 'x00081199',
  currentEvidence: 'x0040a375',
  otherEvidence: 'x0040a385',
  codingSchemeIdentification: 'x00080110',
  codingSchemeDesignator: 'x00080102',
} as const;
