import type { DataSet } from 'dicom-parser';
import { HccError } from '../errors';
import type { InstanceHeader } from './model';
import { findOverrunningElement, parseDataSet } from './dataset';
import { classicFrames, enhancedFrames, isEnhanced, topOrShared } from './frames';
import type { PixelLayout } from './frames';
import { TAGS, formatTag, getNumber, getString, getStrings, getTimeSec } from './tags';

/** Objects that carry no image, named the way a PACS lists them (matched by SOP Class UID prefix). */
const NON_IMAGE_SOP_CLASSES: ReadonlyArray<[string, string]> = [
  ['1.2.840.10008.5.1.4.1.1.88.', 'a structured report (SR)'],
  ['1.2.840.10008.5.1.4.1.1.11.', 'a presentation state (saved display settings / annotations)'],
  ['1.2.840.10008.5.1.4.1.1.481.', 'a radiotherapy object (RT plan / structure set / record)'],
  ['1.2.840.10008.5.1.4.1.1.104.', 'an encapsulated document (PDF / CDA)'],
  ['1.2.840.10008.5.1.4.1.1.66', 'a raw-data or registration object'],
  ['1.2.840.10008.5.1.4.1.1.4.2', 'an MR spectroscopy object'],
  ['1.2.840.10008.5.1.4.1.1.9.', 'a waveform (ECG / physiological trace)'],
];

/** Storage SOP classes whose objects are always images (MR, enhanced MR, CT, enhanced CT). */
const IMAGE_SOP_CLASSES = new Set([
  '1.2.840.10008.5.1.4.1.1.4',
  '1.2.840.10008.5.1.4.1.1.4.1',
  '1.2.840.10008.5.1.4.1.1.2',
  '1.2.840.10008.5.1.4.1.1.2.1',
]);

function describeNonImage(sopClassUid: string, modality: string): string {
  const known = NON_IMAGE_SOP_CLASSES.find(([prefix]) => sopClassUid.startsWith(prefix));
  if (known !== undefined) return known[1];
  return modality === '' ? 'a DICOM object without an image' : `a DICOM ${modality} object without an image`;
}

function refuseUnsupported(ds: DataSet, fileName: string): void {
  const imageType = getStrings(ds, TAGS.ImageType).map((v) => v.toUpperCase());
  if (imageType.includes('MOSAIC')) {
    throw new HccError(
      'UNSUPPORTED_IMAGE',
      'Siemens MOSAIC image: all slices of the volume are tiled side by side in one picture, and the tile count and ' +
        'slice positions sit in a proprietary (CSA) header that this reader does not decode. Export the series from the ' +
        'scanner or PACS as one image per slice (non-mosaic) or as enhanced MR.',
      fileName,
    );
  }
  const samples = getNumber(ds, TAGS.SamplesPerPixel) ?? 1;
  const photometric = getString(ds, TAGS.PhotometricInterpretation).toUpperCase();
  if (samples !== 1 || (photometric !== '' && !photometric.startsWith('MONOCHROME'))) {
    throw new HccError(
      'UNSUPPORTED_IMAGE',
      `colour image (${photometric || `${samples} samples per pixel`}): MR signal measurements need greyscale images; ` +
        'screenshots, secondary captures and colour maps are not measured.',
      fileName,
    );
  }
  const bits = getNumber(ds, TAGS.BitsAllocated);
  if (bits !== 8 && bits !== 16 && bits !== 32) {
    throw new HccError(
      'UNSUPPORTED_IMAGE',
      `pixels stored with ${bits ?? 'an unknown number of'} bits each (only 8, 16 or 32 are read; 1-bit objects are usually segmentations, not images)`,
      fileName,
    );
  }
}

function pixelLayout(ds: DataSet, fileName: string, rows: number, columns: number, frameCount: number): PixelLayout {
  const element = ds.elements[TAGS.PixelData.tag];
  if (element === undefined || (element.length === 0 && element.encapsulatedPixelData !== true)) {
    throw new HccError('NO_PIXEL_DATA', 'the file has image attributes but no pixel data (header-only copy or stripped file)', fileName);
  }
  if (element.encapsulatedPixelData === true) return { encapsulated: true, dataOffset: element.dataOffset, frameBytes: 0 };
  const bytesPerPixel = (getNumber(ds, TAGS.BitsAllocated) ?? 16) / 8;
  const frameBytes = rows * columns * bytesPerPixel;
  const needed = frameBytes * frameCount;
  if (element.length < needed || element.dataOffset + needed > ds.byteArray.length) {
    const available = Math.min(element.length, ds.byteArray.length - element.dataOffset);
    throw new HccError(
      'TRUNCATED',
      `pixel data is incomplete: ${rows} x ${columns} pixels x ${frameCount} frame(s) need ${needed} bytes, the file holds ${available}`,
      fileName,
    );
  }
  return { encapsulated: false, dataOffset: element.dataOffset, frameBytes };
}

const clean = (s: string): string => s.replace(/\0/g, '').trim();

/**
 * Reads the header of one DICOM file (Part 10 or bare data set; any transfer syntax except deflate)
 * and locates each frame's pixels. Pixels are not decoded here.
 * Throws HccError: NOT_DICOM, TRUNCATED, NO_PIXEL_DATA, NOT_AN_IMAGE, UNSUPPORTED_IMAGE, UNSUPPORTED_TRANSFER_SYNTAX.
 */
export function parseInstance(bytes: Uint8Array, fileName: string): InstanceHeader {
  const { dataSet: ds, transferSyntaxUid } = parseDataSet(bytes, fileName);
  const overrun = findOverrunningElement(ds);
  if (overrun !== null) {
    throw new HccError('TRUNCATED', `the file ends inside element ${formatTag(overrun)} (incomplete copy or transfer)`, fileName);
  }
  const sopClassUid = clean(getString(ds, TAGS.SOPClassUID));
  const modality = getString(ds, TAGS.Modality);
  const rows = getNumber(ds, TAGS.Rows) ?? 0;
  const columns = getNumber(ds, TAGS.Columns) ?? 0;
  if (rows <= 0 || columns <= 0) {
    if (IMAGE_SOP_CLASSES.has(sopClassUid) && ds.elements[TAGS.PixelData.tag] === undefined) {
      // An image object must carry its image pixel module; one that stops before it was cut short
      // at an element boundary (the parser cannot see that as an overrun).
      const lastTag = Object.keys(ds.elements).sort().pop() ?? '';
      throw new HccError(
        'TRUNCATED',
        `an image object (SOP class ${sopClassUid}) whose data stops after ${lastTag ? formatTag(lastTag) : 'its header'}, before the image attributes and pixel data: the file is an incomplete copy`,
        fileName,
      );
    }
    throw new HccError('NOT_AN_IMAGE', `${describeNonImage(sopClassUid, modality)}: it has no image rows/columns, so there is nothing to show or measure`, fileName);
  }
  refuseUnsupported(ds, fileName);
  const numberOfFrames = Math.max(1, Math.round(getNumber(ds, TAGS.NumberOfFrames) ?? 1));
  const layout = pixelLayout(ds, fileName, rows, columns, numberOfFrames);
  const sopInstanceUid = clean(getString(ds, TAGS.SOPInstanceUID));
  const frames = isEnhanced(ds)
    ? enhancedFrames(ds, fileName, sopInstanceUid, numberOfFrames, layout)
    : classicFrames(ds, fileName, sopInstanceUid, numberOfFrames, layout);

  return {
    fileName,
    transferSyntaxUid,
    sopClassUid,
    sopInstanceUid,
    patientId: getString(ds, TAGS.PatientID),
    patientName: getString(ds, TAGS.PatientName),
    studyInstanceUid: clean(getString(ds, TAGS.StudyInstanceUID)),
    studyDate: getString(ds, TAGS.StudyDate),
    studyTime: getString(ds, TAGS.StudyTime),
    studyDescription: getString(ds, TAGS.StudyDescription),
    seriesInstanceUid: clean(getString(ds, TAGS.SeriesInstanceUID)),
    seriesNumber: getNumber(ds, TAGS.SeriesNumber),
    seriesDescription: getString(ds, TAGS.SeriesDescription),
    protocolName: getString(ds, TAGS.ProtocolName),
    modality,
    manufacturer: getString(ds, TAGS.Manufacturer),
    imageType: getStrings(ds, TAGS.ImageType),
    frameOfReferenceUid: clean(getString(ds, TAGS.FrameOfReferenceUID)),
    rows,
    columns,
    bitsAllocated: getNumber(ds, TAGS.BitsAllocated) ?? 16,
    bitsStored: getNumber(ds, TAGS.BitsStored) ?? getNumber(ds, TAGS.BitsAllocated) ?? 16,
    pixelRepresentation: getNumber(ds, TAGS.PixelRepresentation) ?? 0,
    samplesPerPixel: getNumber(ds, TAGS.SamplesPerPixel) ?? 1,
    photometricInterpretation: getString(ds, TAGS.PhotometricInterpretation),
    numberOfFrames,
    echoTimeMs: topOrShared(ds, TAGS.EchoTime, TAGS.MREchoSequence, TAGS.EffectiveEchoTime),
    repetitionTimeMs: topOrShared(ds, TAGS.RepetitionTime, TAGS.MRTimingAndRelatedParametersSequence),
    flipAngleDeg: topOrShared(ds, TAGS.FlipAngle, TAGS.MRTimingAndRelatedParametersSequence),
    scanningSequence: getString(ds, TAGS.ScanningSequence),
    sequenceName: getString(ds, TAGS.SequenceName),
    contrastBolusAgent: getString(ds, TAGS.ContrastBolusAgent),
    contrastBolusStartTimeSec: getTimeSec(ds, TAGS.ContrastBolusStartTime),
    numberOfTemporalPositions: getNumber(ds, TAGS.NumberOfTemporalPositions),
    windowCenter: topOrShared(ds, TAGS.WindowCenter, TAGS.FrameVOILUTSequence),
    windowWidth: topOrShared(ds, TAGS.WindowWidth, TAGS.FrameVOILUTSequence),
    frames,
  };
}
