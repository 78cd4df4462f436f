/**
 * The narrow slice of dcmjs the DICOM exports use (dcmjs ships no types): a naturalized data set
 * (DICOM keywords as keys) is denaturalized with the standard dictionary and written as Part 10,
 * explicit VR little endian; reading does the reverse. Everything else in export/ stays typed.
 */
import dcmjs from 'dcmjs';
import { HccError } from '../errors';

/** A naturalized data set: keyword -> value (string, number, list, ArrayBuffer or sequence of data sets). */
export interface NaturalDataset {
  [keyword: string]: unknown;
}

interface DcmjsDicomDict {
  dict: Record<string, unknown>;
  write(options?: { fragmentMultiframe?: boolean }): ArrayBuffer;
}
interface DcmjsData {
  DicomMetaDictionary: {
    denaturalizeDataset(dataset: NaturalDataset): Record<string, unknown>;
    naturalizeDataset(dict: Record<string, unknown>): NaturalDataset;
  };
  DicomDict: new (meta: Record<string, unknown>) => DcmjsDicomDict;
  DicomMessage: { readFile(buffer: ArrayBuffer): { meta: Record<string, unknown>; dict: Record<string, unknown> } };
}
const data = (dcmjs as { data: DcmjsData }).data;

export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';

/** True when some string anywhere in the data set is outside 7-bit ASCII. */
function hasNonAscii(value: unknown): boolean {
  if (typeof value === 'string') return /[^\x00-\x7f]/.test(value);
  if (Array.isArray(value)) return value.some(hasNonAscii);
  if (typeof value === 'object' && value !== null && !(value instanceof ArrayBuffer)) return Object.values(value).some(hasNonAscii);
  return false;
}

/**
 * Writes `dataset` (which must hold SOPClassUID and SOPInstanceUID) as a Part 10 file. Text is ASCII
 * (default repertoire, no SpecificCharacterSet) unless some value needs more; then UTF-8 (ISO_IR 192),
 * which dcmjs encodes.
 */
export function writePart10(dataset: NaturalDataset, implementationClassUid: string): Uint8Array {
  const sopClassUid = dataset['SOPClassUID'];
  const sopInstanceUid = dataset['SOPInstanceUID'];
  if (typeof sopClassUid !== 'string' || typeof sopInstanceUid !== 'string') {
    throw new HccError('INVALID_INPUT', 'a DICOM data set to write needs SOPClassUID and SOPInstanceUID');
  }
  const meta: NaturalDataset = {
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: sopClassUid,
    MediaStorageSOPInstanceUID: sopInstanceUid,
    TransferSyntaxUID: EXPLICIT_VR_LITTLE_ENDIAN,
    ImplementationClassUID: implementationClassUid,
    ImplementationVersionName: 'HCC_RESPONSE',
  };
  const dict = new data.DicomDict(data.DicomMetaDictionary.denaturalizeDataset(meta));
  const rest: NaturalDataset = { ...dataset };
  delete rest['SpecificCharacterSet'];
  const withCharset = hasNonAscii(rest) ? { SpecificCharacterSet: 'ISO_IR 192', ...rest } : rest;
  dict.dict = data.DicomMetaDictionary.denaturalizeDataset(withCharset);
  return new Uint8Array(dict.write({ fragmentMultiframe: false }));
}

/** Reads a Part 10 file into a naturalized data set (PN values come back as [{Alphabetic}]). */
export function readPart10(bytes: Uint8Array, fileName = 'file'): NaturalDataset {
  const buffer = bytes.slice().buffer as ArrayBuffer;
  try {
    const message = data.DicomMessage.readFile(buffer);
    return data.DicomMetaDictionary.naturalizeDataset(message.dict);
  } catch (error) {
    throw new HccError('NOT_DICOM', `cannot read as DICOM Part 10: ${error instanceof Error ? error.message : String(error)}`, fileName);
  }
}
