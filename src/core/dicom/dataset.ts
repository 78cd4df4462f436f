import dicomParser from 'dicom-parser';
import type { DataSet } from 'dicom-parser';
import { HccError } from '../errors';
import { TAGS, getString } from './tags';

export const TS_IMPLICIT_LE = '1.2.840.10008.1.2';
export const TS_EXPLICIT_LE = '1.2.840.10008.1.2.1';
export const TS_DEFLATED_LE = '1.2.840.10008.1.2.1.99';
export const TS_EXPLICIT_BE = '1.2.840.10008.1.2.2';

export interface ParsedDataSet {
  dataSet: DataSet;
  transferSyntaxUid: string;
  /** False for a bare data set (no 128-byte preamble, no DICM, no file meta group). */
  hasFileMeta: boolean;
}

/** Thrown by dicom-parser's inflater hook: the pure core carries no zlib, so deflated files are refused. */
class DeflateRefused extends Error {}

/** dicom-parser throws strings, Errors, or {exception, dataSet}; this gets the text and the partial data set. */
function unpack(thrown: unknown): { text: string; partial: DataSet | undefined } {
  if (typeof thrown === 'object' && thrown !== null && 'exception' in thrown) {
    const { exception, dataSet } = thrown as { exception: unknown; dataSet?: DataSet };
    return { text: String(exception instanceof Error ? exception.message : exception), partial: dataSet };
  }
  return { text: thrown instanceof Error ? thrown.message : String(thrown), partial: undefined };
}

// Texts dicom-parser uses when an element or sequence item runs past the last byte.
const END_OF_DATA = /past end|overrun|overread|maxPosition/i;

function hasPart10Prefix(bytes: Uint8Array): boolean {
  return bytes.length >= 132 && bytes[128] === 0x44 && bytes[129] === 0x49 && bytes[130] === 0x43 && bytes[131] === 0x4d;
}

/** A bare data set parsed with a guessed transfer syntax must show UIDs that read as UIDs, or the guess was wrong. */
function looksLikeDicom(ds: DataSet): boolean {
  const uidTags = [TAGS.SOPClassUID, TAGS.SOPInstanceUID, TAGS.StudyInstanceUID, TAGS.SeriesInstanceUID];
  return uidTags.some((def) => {
    const el = ds.elements[def.tag];
    if (el === undefined || el.length === 0 || el.length > 64 || el.dataOffset + el.length > ds.byteArray.length) return false;
    return /^[0-9]+(\.[0-9]+)+$/.test(getString(ds, def).replace(/\0/g, ''));
  });
}

const deflateMessage =
  'the file is stored with the "Deflated Explicit VR Little Endian" transfer syntax (zip-compressed header and pixels); ' +
  'this reader has no decompressor for it. Ask the PACS to send it uncompressed or with another transfer syntax.';

function parseWith(bytes: Uint8Array, transferSyntaxUid?: string): DataSet {
  return dicomParser.parseDicom(bytes, {
    ...(transferSyntaxUid === undefined ? {} : { TransferSyntaxUID: transferSyntaxUid }),
    inflater: () => {
      throw new DeflateRefused(deflateMessage);
    },
  });
}

/**
 * Parses a Part 10 file, or a bare data set (retrying implicit little endian, explicit little endian,
 * explicit big endian). Throws HccError NOT_DICOM, TRUNCATED or UNSUPPORTED_TRANSFER_SYNTAX.
 */
export function parseDataSet(bytes: Uint8Array, fileName: string): ParsedDataSet {
  if (bytes.length === 0) throw new HccError('NOT_DICOM', 'the file is empty', fileName);
  if (hasPart10Prefix(bytes)) {
    let dataSet: DataSet;
    try {
      dataSet = parseWith(bytes);
    } catch (thrown) {
      if (thrown instanceof DeflateRefused) throw new HccError('UNSUPPORTED_TRANSFER_SYNTAX', thrown.message, fileName);
      const { text } = unpack(thrown);
      if (END_OF_DATA.test(text)) {
        throw new HccError('TRUNCATED', `the file ends in the middle of its data (incomplete copy or transfer); parser said: ${text}`, fileName);
      }
      throw new HccError('NOT_DICOM', `the file has a DICOM signature but its contents cannot be read (damaged file); parser said: ${text}`, fileName);
    }
    const transferSyntaxUid = getString(dataSet, TAGS.TransferSyntaxUID).replace(/\0/g, '');
    if (transferSyntaxUid === TS_DEFLATED_LE) throw new HccError('UNSUPPORTED_TRANSFER_SYNTAX', deflateMessage, fileName);
    return { dataSet, transferSyntaxUid, hasFileMeta: true };
  }

  // No preamble / meta: old exports and some PACS caches store the bare data set.
  let truncatedReason: string | null = null;
  for (const syntax of [TS_IMPLICIT_LE, TS_EXPLICIT_LE, TS_EXPLICIT_BE]) {
    try {
      const dataSet = parseWith(bytes, syntax);
      if (looksLikeDicom(dataSet)) return { dataSet, transferSyntaxUid: syntax, hasFileMeta: false };
    } catch (thrown) {
      const { text, partial } = unpack(thrown);
      if (truncatedReason === null && partial !== undefined && END_OF_DATA.test(text) && looksLikeDicom(partial)) {
        truncatedReason = text;
      }
    }
  }
  if (truncatedReason !== null) {
    throw new HccError('TRUNCATED', `the file ends in the middle of its data (incomplete copy or transfer); parser said: ${truncatedReason}`, fileName);
  }
  throw new HccError(
    'NOT_DICOM',
    'not a DICOM file: no "DICM" signature at byte 128, and it does not read as a bare DICOM data set either',
    fileName,
  );
}

/** The first top-level element whose stated length runs past the end of the file (implicit VR parsing does not notice). */
export function findOverrunningElement(ds: DataSet): string | null {
  const size = ds.byteArray.length;
  for (const [tag, el] of Object.entries(ds.elements)) {
    if (el.dataOffset + el.length > size) return tag;
  }
  return null;
}
