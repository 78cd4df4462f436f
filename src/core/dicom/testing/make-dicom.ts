/**
 * Test helper: builds DICOM files from a tag list with dcmjs (a writer independent of the dicom-parser
 * reader under test). Tags are 'GGGGEEEE' hex strings; values are written as given, so tests state the
 * ground truth themselves.
 */
import dcmjs from 'dcmjs';

export type DicomElement =
  | { vr: 'SQ'; items: DicomElements[] }
  | { vr: 'OB' | 'OW' | 'UN'; bytes: Uint8Array }
  /** Encapsulated pixel data: one byte string per frame (compressed transfer syntaxes only). */
  | { vr: 'OB'; frames: Uint8Array[] }
  | { vr: string; values: Array<string | number> };

export type DicomElements = Record<string, DicomElement>;

export const el = {
  str: (vr: string, ...values: string[]): DicomElement => ({ vr, values }),
  num: (vr: string, ...values: number[]): DicomElement => ({ vr, values }),
  seq: (...items: DicomElements[]): DicomElement => ({ vr: 'SQ', items }),
  bytes: (vr: 'OB' | 'OW' | 'UN', bytes: Uint8Array): DicomElement => ({ vr, bytes }),
  frames: (frames: Uint8Array[]): DicomElement => ({ vr: 'OB', frames }),
};

export const TS = {
  implicitLE: '1.2.840.10008.1.2',
  explicitLE: '1.2.840.10008.1.2.1',
  explicitBE: '1.2.840.10008.1.2.2',
  deflated: '1.2.840.10008.1.2.1.99',
  jpegBaseline: '1.2.840.10008.1.2.4.50',
  rle: '1.2.840.10008.1.2.5',
} as const;

export interface MakeDicomOptions {
  /** Default explicit VR little endian. */
  transferSyntaxUid?: string;
  /** A bare data set: no 128-byte preamble, no "DICM", no group 0002 meta header. */
  withoutMeta?: boolean;
}

/** The narrow slice of dcmjs this helper uses. */
interface DcmjsTagObject {
  vr: string;
  Value: unknown[];
}
type DcmjsDict = Record<string, DcmjsTagObject>;
interface DcmjsDicomDict {
  dict: DcmjsDict;
  write(options?: { allowInvalidVRLength?: boolean; fragmentMultiframe?: boolean }): ArrayBuffer;
}
interface DcmjsData {
  DicomDict: new (meta: DcmjsDict) => DcmjsDicomDict;
}
const data = (dcmjs as { data: DcmjsData }).data;

const copyBuffer = (bytes: Uint8Array): ArrayBuffer => bytes.slice().buffer as ArrayBuffer;

function toDcmjs(elements: DicomElements): DcmjsDict {
  const dict: DcmjsDict = {};
  for (const [tag, element] of Object.entries(elements)) {
    const key = tag.toUpperCase();
    if ('items' in element) dict[key] = { vr: 'SQ', Value: element.items.map(toDcmjs) };
    else if ('frames' in element) dict[key] = { vr: element.vr, Value: element.frames.map(copyBuffer) };
    else if ('bytes' in element) dict[key] = { vr: element.vr, Value: [copyBuffer(element.bytes)] };
    else dict[key] = { vr: element.vr, Value: element.values };
  }
  return dict;
}

const SOP_CLASS_TAG = '00080016';
const SOP_INSTANCE_TAG = '00080018';

function firstValue(elements: DicomElements, tag: string, fallback: string): string {
  const element = elements[tag];
  return element !== undefined && 'values' in element ? String(element.values[0] ?? fallback) : fallback;
}

/** Writes a Part 10 file (or a bare data set) holding `elements`. */
export function makeDicom(elements: DicomElements, options: MakeDicomOptions = {}): Uint8Array {
  const transferSyntaxUid = options.transferSyntaxUid ?? TS.explicitLE;
  const meta: DcmjsDict = {
    '00020001': { vr: 'OB', Value: [new Uint8Array([0, 1]).buffer] },
    '00020002': { vr: 'UI', Value: [firstValue(elements, SOP_CLASS_TAG, '1.2.840.10008.5.1.4.1.1.4')] },
    '00020003': { vr: 'UI', Value: [firstValue(elements, SOP_INSTANCE_TAG, '1.2.3.4')] },
    '00020010': { vr: 'UI', Value: [transferSyntaxUid] },
    '00020012': { vr: 'UI', Value: ['1.2.826.0.1.3680043.9.7433.1'] },
  };
  const dicomDict = new data.DicomDict(meta);
  dicomDict.dict = toDcmjs(elements);
  const file = new Uint8Array(dicomDict.write({ fragmentMultiframe: false }));
  return options.withoutMeta === true ? stripFileMeta(file) : file;
}

/** Drops preamble, "DICM" and the group 0002 elements (their length is (0002,0000), written first). */
export function stripFileMeta(file: Uint8Array): Uint8Array {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  // (0002,0000) UL: tag 4 bytes, VR 2, length 2, value 4, right after the 132-byte prefix.
  const groupLength = view.getUint32(132 + 8, true);
  return file.slice(132 + 12 + groupLength);
}

/** Pixel values as raw bytes in the given layout (the test states the layout; the reader must undo it). */
export function encodePixels(values: readonly number[], bitsAllocated: 8 | 16 | 32, signed: boolean, bigEndian = false): Uint8Array {
  const bytesPer = bitsAllocated / 8;
  const out = new Uint8Array(values.length * bytesPer);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => {
    const at = i * bytesPer;
    if (bitsAllocated === 8) signed ? view.setInt8(at, v) : view.setUint8(at, v);
    else if (bitsAllocated === 16) signed ? view.setInt16(at, v, !bigEndian) : view.setUint16(at, v, !bigEndian);
    else signed ? view.setInt32(at, v, !bigEndian) : view.setUint32(at, v, !bigEndian);
  });
  return out;
}

/** ASCII bytes, space-padded to even length (how DICOM stores text inside UN elements). */
export function asciiBytes(text: string): Uint8Array {
  const padded = text.length % 2 === 0 ? text : `${text} `;
  return Uint8Array.from(padded, (c) => c.charCodeAt(0));
}
