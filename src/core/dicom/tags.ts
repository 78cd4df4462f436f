import type { DataSet } from 'dicom-parser';

/**
 * THE tag table: every DICOM attribute the project reads, with the VR the standard (or the vendor)
 * gives it. Values are decoded by this VR, not by the VR in the file, because implicit-VR files carry
 * none and private tags often arrive as UN.
 */
export interface TagDef {
  /** dicom-parser key: 'xGGGGEEEE' (lower-case hex). */
  readonly tag: string;
  readonly vr: string;
}

const t = (tag: string, vr: string): TagDef => ({ tag, vr });

export const TAGS = {
  TransferSyntaxUID: t('x00020010', 'UI'),
  ImageType: t('x00080008', 'CS'),
  SOPClassUID: t('x00080016', 'UI'),
  SOPInstanceUID: t('x00080018', 'UI'),
  StudyDate: t('x00080020', 'DA'),
  AcquisitionDateTime: t('x0008002a', 'DT'),
  StudyTime: t('x00080030', 'TM'),
  AcquisitionTime: t('x00080032', 'TM'),
  Modality: t('x00080060', 'CS'),
  Manufacturer: t('x00080070', 'LO'),
  StudyDescription: t('x00081030', 'LO'),
  SeriesDescription: t('x0008103e', 'LO'),
  ReferencedSeriesSequence: t('x00081115', 'SQ'),
  ReferencedSOPInstanceUID: t('x00081155', 'UI'),
  ReferencedFrameNumber: t('x00081160', 'IS'),
  SourceImageSequence: t('x00082112', 'SQ'),
  DerivationImageSequence: t('x00089124', 'SQ'),
  PatientName: t('x00100010', 'PN'),
  PatientID: t('x00100020', 'LO'),
  ContrastBolusAgent: t('x00180010', 'LO'),
  ScanningSequence: t('x00180020', 'CS'),
  SequenceName: t('x00180024', 'SH'),
  SliceThickness: t('x00180050', 'DS'),
  RepetitionTime: t('x00180080', 'DS'),
  EchoTime: t('x00180081', 'DS'),
  SpacingBetweenSlices: t('x00180088', 'DS'),
  ProtocolName: t('x00181030', 'LO'),
  ContrastBolusStartTime: t('x00181042', 'TM'),
  FlipAngle: t('x00181314', 'DS'),
  FrameAcquisitionDateTime: t('x00189074', 'DT'),
  DiffusionDirectionality: t('x00189075', 'CS'),
  EffectiveEchoTime: t('x00189082', 'FD'),
  DiffusionBValue: t('x00189087', 'FD'),
  MRTimingAndRelatedParametersSequence: t('x00189112', 'SQ'),
  MREchoSequence: t('x00189114', 'SQ'),
  MRDiffusionSequence: t('x00189117', 'SQ'),
  StudyInstanceUID: t('x0020000d', 'UI'),
  SeriesInstanceUID: t('x0020000e', 'UI'),
  SeriesNumber: t('x00200011', 'IS'),
  InstanceNumber: t('x00200013', 'IS'),
  ImagePositionPatient: t('x00200032', 'DS'),
  ImageOrientationPatient: t('x00200037', 'DS'),
  FrameOfReferenceUID: t('x00200052', 'UI'),
  TemporalPositionIdentifier: t('x00200100', 'IS'),
  NumberOfTemporalPositions: t('x00200105', 'IS'),
  ImageComments: t('x00204000', 'LT'),
  FrameContentSequence: t('x00209111', 'SQ'),
  PlanePositionSequence: t('x00209113', 'SQ'),
  PlaneOrientationSequence: t('x00209116', 'SQ'),
  TemporalPositionIndex: t('x00209128', 'UL'),
  SamplesPerPixel: t('x00280002', 'US'),
  PhotometricInterpretation: t('x00280004', 'CS'),
  NumberOfFrames: t('x00280008', 'IS'),
  Rows: t('x00280010', 'US'),
  Columns: t('x00280011', 'US'),
  PixelSpacing: t('x00280030', 'DS'),
  BitsAllocated: t('x00280100', 'US'),
  BitsStored: t('x00280101', 'US'),
  PixelRepresentation: t('x00280103', 'US'),
  WindowCenter: t('x00281050', 'DS'),
  WindowWidth: t('x00281051', 'DS'),
  RescaleIntercept: t('x00281052', 'DS'),
  RescaleSlope: t('x00281053', 'DS'),
  PixelMeasuresSequence: t('x00289110', 'SQ'),
  FrameVOILUTSequence: t('x00289132', 'SQ'),
  PixelValueTransformationSequence: t('x00289145', 'SQ'),
  // DICOM SEG (Segmentation IOD, PS3.3 C.8.20)
  SegmentationType: t('x00620001', 'CS'),
  SegmentSequence: t('x00620002', 'SQ'),
  SegmentNumber: t('x00620004', 'US'),
  SegmentLabel: t('x00620005', 'LO'),
  SegmentAlgorithmType: t('x00620008', 'CS'),
  SegmentIdentificationSequence: t('x0062000a', 'SQ'),
  ReferencedSegmentNumber: t('x0062000b', 'US'),
  SharedFunctionalGroupsSequence: t('x52009229', 'SQ'),
  PerFrameFunctionalGroupsSequence: t('x52009230', 'SQ'),
  PixelData: t('x7fe00010', 'OW'),
} as const satisfies Record<string, TagDef>;

export type TagName = keyof typeof TAGS;

/** Private attributes: (group, element offset within the creator's block) and the VR the vendor documents. */
export interface PrivateTagDef {
  readonly group: number;
  readonly creator: string;
  /** Low byte of the element: (gggg,xxEE) where xx is the block the creator reserved. */
  readonly elementOffset: number;
  readonly vr: string;
  /** How reports name it, e.g. "Siemens (0019,100C)". */
  readonly label: string;
}

export const PRIVATE_TAGS = {
  SiemensBValue: { group: 0x0019, creator: 'SIEMENS MR HEADER', elementOffset: 0x0c, vr: 'IS', label: 'Siemens (0019,100C)' },
  GeBValue: { group: 0x0043, creator: 'GEMS_PARM_01', elementOffset: 0x39, vr: 'IS', label: 'GE (0043,1039)' },
  PhilipsBValue: { group: 0x2001, creator: 'Philips Imaging DD 001', elementOffset: 0x03, vr: 'FL', label: 'Philips (2001,1003)' },
} as const satisfies Record<string, PrivateTagDef>;

/** Rescale defaults when a file carries none (PS3.3 C.11.1: identity modality LUT). */
export const DEFAULT_RESCALE_SLOPE = 1;
export const DEFAULT_RESCALE_INTERCEPT = 0;

const hex4 = (n: number): string => n.toString(16).padStart(4, '0');

/** Displays a dicom-parser key as (GGGG,EEEE). */
export function formatTag(tag: string): string {
  return `(${tag.slice(1, 5).toUpperCase()},${tag.slice(5, 9).toUpperCase()})`;
}

/**
 * Finds the dicom-parser key of a private attribute by looking up which block (gggg,0010-00FF) the
 * creator reserved; null when the creator is absent (the element number alone means nothing).
 */
export function resolvePrivateTag(ds: DataSet, def: PrivateTagDef): string | null {
  const group = hex4(def.group);
  for (let block = 0x10; block <= 0xff; block++) {
    const creatorKey = `x${group}00${block.toString(16).padStart(2, '0')}`;
    if (ds.elements[creatorKey] === undefined) continue;
    if (readString(ds, creatorKey) === def.creator) {
      return `x${group}${block.toString(16).padStart(2, '0')}${def.elementOffset.toString(16).padStart(2, '0')}`;
    }
  }
  return null;
}

function readString(ds: DataSet, tag: string, index?: number): string {
  const element = ds.elements[tag];
  if (element === undefined || element.length === 0) return '';
  return (index === undefined ? ds.string(tag) : ds.string(tag, index)) ?? '';
}

/** Text value ('' when absent); with index, one value of a multi-valued string. */
export function getString(ds: DataSet, def: TagDef, index?: number): string {
  return readString(ds, def.tag, index);
}

/** All values of a multi-valued string attribute (ImageType), trimmed; [] when absent. */
export function getStrings(ds: DataSet, def: TagDef): string[] {
  const element = ds.elements[def.tag];
  if (element === undefined || element.length === 0) return [];
  const raw = ds.string(def.tag) ?? '';
  return raw === '' ? [] : raw.split('\\').map((v) => v.trim());
}

/** DS / IS text to a number: null for empty or unparseable text (never NaN). */
export function parseDecimalString(text: string): number | null {
  const s = text.trim();
  if (s === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

const BINARY_SIZE: Record<string, number> = { US: 2, SS: 2, UL: 4, SL: 4, FL: 4, FD: 8 };
const TEXT_NUMBER_VRS = new Set(['DS', 'IS']);

/**
 * Numeric value at `index` decoded as `vr`. When the file states a different, real VR (explicit VR,
 * not UN), the file's VR wins: some exports write a standard attribute as text.
 */
export function readNumberAs(ds: DataSet, tag: string, vr: string, index = 0): number | null {
  const element = ds.elements[tag];
  if (element === undefined || element.length === 0) return null;
  const fileVr = element.vr;
  const useVr = fileVr !== undefined && fileVr !== 'UN' && fileVr !== vr && (fileVr in BINARY_SIZE || TEXT_NUMBER_VRS.has(fileVr))
    ? fileVr
    : vr;
  if (TEXT_NUMBER_VRS.has(useVr)) {
    const text = ds.string(tag, index);
    return text === undefined ? null : parseDecimalString(text);
  }
  const size = BINARY_SIZE[useVr];
  if (size === undefined || (index + 1) * size > element.length) return null;
  let value: number | undefined;
  switch (useVr) {
    case 'US': value = ds.uint16(tag, index); break;
    case 'SS': value = ds.int16(tag, index); break;
    case 'UL': value = ds.uint32(tag, index); break;
    case 'SL': value = ds.int32(tag, index); break;
    case 'FL': value = ds.float(tag, index); break;
    default: value = ds.double(tag, index); break;
  }
  return value !== undefined && Number.isFinite(value) ? value : null;
}

/** Number value (first value unless index is given); null when absent or unreadable. */
export function getNumber(ds: DataSet, def: TagDef, index = 0): number | null {
  return readNumberAs(ds, def.tag, def.vr, index);
}

/** All values of a multi-valued numeric attribute; null when absent or when any value is unreadable. */
export function getNumbers(ds: DataSet, def: TagDef): number[] | null {
  const element = ds.elements[def.tag];
  if (element === undefined || element.length === 0) return null;
  const count = TEXT_NUMBER_VRS.has(def.vr) || (element.vr !== undefined && TEXT_NUMBER_VRS.has(element.vr))
    ? (ds.string(def.tag) ?? '').split('\\').length
    : Math.floor(element.length / (BINARY_SIZE[def.vr] ?? 1));
  const values: number[] = [];
  for (let i = 0; i < count; i++) {
    const v = readNumberAs(ds, def.tag, def.vr, i);
    if (v === null) return null;
    values.push(v);
  }
  return values;
}

/** Exactly n numbers (IPP: 3, IOP: 6, PixelSpacing: 2), else null. */
export function getFixedNumbers<N extends number>(ds: DataSet, def: TagDef, n: N): number[] | null {
  const values = getNumbers(ds, def);
  return values !== null && values.length === n ? values : null;
}

/**
 * DICOM TM ('HHMMSS.FFFFFF', also 'HH', 'HHMM', and the old ACR-NEMA 'HH:MM:SS.frac') to seconds since
 * midnight; null when empty or malformed.
 */
export function parseTimeSec(text: string): number | null {
  const s = text.trim().replace(/:/g, '');
  const m = /^(\d{2})(\d{2})?(\d{2})?(\.\d{1,6})?$/.exec(s);
  if (m === null || (m[4] !== undefined && m[3] === undefined)) return null;
  const h = Number(m[1]);
  const min = m[2] === undefined ? 0 : Number(m[2]);
  const sec = m[3] === undefined ? 0 : Number(m[3]);
  const frac = m[4] === undefined ? 0 : Number(`0${m[4]}`);
  if (h > 23 || min > 59 || sec > 60) return null;
  return h * 3600 + min * 60 + sec + frac;
}

/** Time of day of a DICOM DT ('YYYYMMDDHHMMSS.FFFFFF&ZZXX') in seconds since midnight; null without a time part. */
export function parseDateTimeSec(text: string): number | null {
  const s = text.trim().replace(/[+-]\d{4}$/, '');
  if (s.length <= 8) return null;
  return parseTimeSec(s.slice(8));
}

export function getTimeSec(ds: DataSet, def: TagDef): number | null {
  const text = getString(ds, def);
  return def.vr === 'DT' ? parseDateTimeSec(text) : parseTimeSec(text);
}

/** Items of a sequence attribute as data sets ([] when absent or empty). */
export function getItems(ds: DataSet, def: TagDef): DataSet[] {
  const items = ds.elements[def.tag]?.items ?? [];
  return items.flatMap((item) => (item.dataSet === undefined ? [] : [item.dataSet]));
}

export interface Rescale {
  slope: number;
  intercept: number;
}

/** RescaleSlope / RescaleIntercept with the defaults (1, 0) for each one that is absent or unreadable. */
export function getRescale(ds: DataSet): Rescale {
  return {
    slope: getNumber(ds, TAGS.RescaleSlope) ?? DEFAULT_RESCALE_SLOPE,
    intercept: getNumber(ds, TAGS.RescaleIntercept) ?? DEFAULT_RESCALE_INTERCEPT,
  };
}
