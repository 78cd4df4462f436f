/** Test helper: tag lists of typical MR images (classic single-frame and enhanced multi-frame). */
import { el, encodePixels, makeDicom, TS } from './make-dicom';
import type { DicomElements, MakeDicomOptions } from './make-dicom';

export const MR_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.4';
export const ENHANCED_MR_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.4.1';
export const AXIAL_IOP = [1, 0, 0, 0, 1, 0] as const;

export interface SliceSpec {
  sopInstanceUid: string;
  seriesInstanceUid?: string;
  studyInstanceUid?: string;
  studyDate?: string;
  studyTime?: string;
  patientId?: string;
  seriesNumber?: number;
  seriesDescription?: string;
  instanceNumber?: number;
  /** null leaves the attribute out. */
  ipp?: readonly number[] | null;
  iop?: readonly number[] | null;
  /** [row spacing, column spacing] as DICOM stores it; null leaves it out. */
  pixelSpacing?: readonly [number, number] | null;
  sliceThickness?: number;
  rows?: number;
  columns?: number;
  acquisitionTime?: string;
  temporalPositionIdentifier?: number;
  /** Standard DiffusionBValue (0018,9087). */
  bValue?: number;
  rescale?: { slope: number; intercept: number };
  bits?: 8 | 16 | 32;
  signed?: boolean;
  bitsStored?: number;
  /** Row-major pixel values; default zeros. */
  pixels?: readonly number[];
  imageType?: readonly string[];
  scanningSequence?: string;
  /** Extra or replacing elements (private tags, broken values). */
  extra?: DicomElements;
  /** Drop these tags after building (e.g. '7FE00010' for no pixel data). */
  omit?: readonly string[];
}

const ds = (v: number): string => String(v);

/** Elements of a classic MR image; pixels are encoded big endian when `bigEndian`. */
export function mrSliceElements(spec: SliceSpec, bigEndian = false): DicomElements {
  const rows = spec.rows ?? 2;
  const columns = spec.columns ?? 3;
  const bits = spec.bits ?? 16;
  const signed = spec.signed ?? false;
  const pixels = spec.pixels ?? new Array<number>(rows * columns).fill(0);
  const e: DicomElements = {
    '00080008': el.str('CS', ...(spec.imageType ?? ['ORIGINAL', 'PRIMARY', 'M', 'ND'])),
    '00080016': el.str('UI', MR_IMAGE_STORAGE),
    '00080018': el.str('UI', spec.sopInstanceUid),
    '00080020': el.str('DA', spec.studyDate ?? '20240101'),
    '00080030': el.str('TM', spec.studyTime ?? '080000'),
    '00080060': el.str('CS', 'MR'),
    '00080070': el.str('LO', 'TestVendor'),
    '0008103E': el.str('LO', spec.seriesDescription ?? 't1_vibe_tra'),
    '00100010': el.str('PN', 'Test^Patient'),
    '00100020': el.str('LO', spec.patientId ?? 'P1'),
    '00180020': el.str('CS', spec.scanningSequence ?? 'GR'),
    '0020000D': el.str('UI', spec.studyInstanceUid ?? '1.2.826.0.1.1'),
    '0020000E': el.str('UI', spec.seriesInstanceUid ?? '1.2.826.0.1.1.1'),
    '00200011': el.num('IS', spec.seriesNumber ?? 1),
    '00200052': el.str('UI', '1.2.826.0.1.1.9'),
    '00280002': el.num('US', 1),
    '00280004': el.str('CS', 'MONOCHROME2'),
    '00280010': el.num('US', rows),
    '00280011': el.num('US', columns),
    '00280100': el.num('US', bits),
    '00280101': el.num('US', spec.bitsStored ?? bits),
    '00280102': el.num('US', (spec.bitsStored ?? bits) - 1),
    '00280103': el.num('US', signed ? 1 : 0),
    '7FE00010': el.bytes(bits === 8 ? 'OB' : 'OW', encodePixels(pixels, bits, signed, bigEndian)),
  };
  if (spec.instanceNumber !== undefined) e['00200013'] = el.num('IS', spec.instanceNumber);
  const ipp = spec.ipp === undefined ? [0, 0, 0] : spec.ipp;
  if (ipp !== null) e['00200032'] = el.str('DS', ...ipp.map(ds));
  const iop = spec.iop === undefined ? AXIAL_IOP : spec.iop;
  if (iop !== null) e['00200037'] = el.str('DS', ...iop.map(ds));
  const ps = spec.pixelSpacing === undefined ? [1, 1] : spec.pixelSpacing;
  if (ps !== null) e['00280030'] = el.str('DS', ...ps.map(ds));
  if (spec.sliceThickness !== undefined) e['00180050'] = el.str('DS', ds(spec.sliceThickness));
  if (spec.acquisitionTime !== undefined) e['00080032'] = el.str('TM', spec.acquisitionTime);
  if (spec.temporalPositionIdentifier !== undefined) e['00200100'] = el.num('IS', spec.temporalPositionIdentifier);
  if (spec.bValue !== undefined) e['00189087'] = el.num('FD', spec.bValue);
  if (spec.rescale !== undefined) {
    e['00281052'] = el.str('DS', ds(spec.rescale.intercept));
    e['00281053'] = el.str('DS', ds(spec.rescale.slope));
  }
  Object.assign(e, spec.extra ?? {});
  for (const tag of spec.omit ?? []) delete e[tag];
  return e;
}

/** A classic MR file; pixels follow the transfer syntax's byte order. */
export function mrSliceFile(spec: SliceSpec, options: MakeDicomOptions = {}): Uint8Array {
  return makeDicom(mrSliceElements(spec, options.transferSyntaxUid === TS.explicitBE), options);
}

export interface EnhancedFrameSpec {
  ipp?: readonly number[];
  iop?: readonly number[];
  pixelSpacing?: readonly [number, number];
  bValue?: number;
  temporalPositionIndex?: number;
  frameAcquisitionDateTime?: string;
  rescale?: { slope: number; intercept: number };
}

export interface EnhancedSpec {
  sopInstanceUid: string;
  seriesInstanceUid?: string;
  rows?: number;
  columns?: number;
  /** Per-frame functional group contents, one entry per frame. */
  frames: EnhancedFrameSpec[];
  /** Shared functional group contents. */
  shared?: EnhancedFrameSpec;
  /** Row-major pixel values of all frames, frame after frame (16-bit unsigned). */
  pixels?: readonly number[];
}

function groupItem(f: EnhancedFrameSpec): DicomElements {
  const item: DicomElements = {};
  if (f.ipp) item['00209113'] = el.seq({ '00200032': el.str('DS', ...f.ipp.map(ds)) });
  if (f.iop) item['00209116'] = el.seq({ '00200037': el.str('DS', ...f.iop.map(ds)) });
  if (f.pixelSpacing) item['00289110'] = el.seq({ '00280030': el.str('DS', ...f.pixelSpacing.map(ds)), '00180050': el.str('DS', '2') });
  if (f.bValue !== undefined) item['00189117'] = el.seq({ '00189087': el.num('FD', f.bValue) });
  if (f.temporalPositionIndex !== undefined || f.frameAcquisitionDateTime !== undefined) {
    const content: DicomElements = {};
    if (f.temporalPositionIndex !== undefined) content['00209128'] = el.num('UL', f.temporalPositionIndex);
    if (f.frameAcquisitionDateTime !== undefined) content['00189074'] = el.str('DT', f.frameAcquisitionDateTime);
    item['00209111'] = el.seq(content);
  }
  if (f.rescale) {
    item['00289145'] = el.seq({ '00281052': el.str('DS', ds(f.rescale.intercept)), '00281053': el.str('DS', ds(f.rescale.slope)) });
  }
  return item;
}

/** Elements of an Enhanced MR image with per-frame and shared functional groups. */
export function enhancedMrElements(spec: EnhancedSpec): DicomElements {
  const rows = spec.rows ?? 2;
  const columns = spec.columns ?? 2;
  const pixels = spec.pixels ?? new Array<number>(rows * columns * spec.frames.length).fill(0);
  const base = mrSliceElements({ sopInstanceUid: spec.sopInstanceUid, seriesInstanceUid: spec.seriesInstanceUid ?? '1.2.826.0.1.1.7', rows, columns, ipp: null, iop: null, pixelSpacing: null });
  return {
    ...base,
    '00080016': el.str('UI', ENHANCED_MR_IMAGE_STORAGE),
    '00280008': el.num('IS', spec.frames.length),
    '52009229': el.seq(groupItem(spec.shared ?? {})),
    '52009230': el.seq(...spec.frames.map(groupItem)),
    '7FE00010': el.bytes('OW', encodePixels(pixels, 16, false)),
  };
}
