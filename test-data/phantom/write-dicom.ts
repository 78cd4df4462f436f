import dcmjs from 'dcmjs';
import type { Vec3 } from '../../src/core/types/volume';
import type { TimePointDefinition } from './definitions';
import { formatDs } from './grids';
import { uidFor } from './prng';
import { sequenceNameFor, type SeriesSpec, type VendorInfo } from './series';

/** DICOM Part 10 writing through dcmjs (naturalized dataset -> denaturalized dict -> bytes). */

export const MR_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.4';
export const ENHANCED_MR_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.4.1';
export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
const IMPLEMENTATION_CLASS_UID = uidFor(0, 'implementation-class');
const IMPLEMENTATION_VERSION = 'HCCPHANTOM_1';

interface DcmjsData {
  DicomDict: new (meta: unknown) => { dict: Record<string, unknown>; write: () => ArrayBuffer };
  DicomMetaDictionary: { denaturalizeDataset: (ds: Record<string, unknown>) => Record<string, unknown> };
}
const data = (dcmjs as { data: DcmjsData }).data;

/** A tag dcmjs' dictionary does not know (private tags): written as given. */
export interface RawElement {
  /** 8 upper-case hex digits, e.g. "0019100C". */
  tag: string;
  vr: string;
  values: unknown[];
}

/**
 * Part 10 bytes of a naturalized dataset. Pixel data (given as `pixels`, always the last element)
 * is appended here rather than through dcmjs, whose growing write buffer would copy large frames
 * several times.
 */
export function part10(dataset: Record<string, unknown>, raw: readonly RawElement[] = [], pixels: Uint16Array | null = null, transferSyntaxUid = EXPLICIT_VR_LITTLE_ENDIAN): Uint8Array {
  const meta = data.DicomMetaDictionary.denaturalizeDataset({
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: dataset.SOPClassUID,
    MediaStorageSOPInstanceUID: dataset.SOPInstanceUID,
    TransferSyntaxUID: transferSyntaxUid,
    ImplementationClassUID: IMPLEMENTATION_CLASS_UID,
    ImplementationVersionName: IMPLEMENTATION_VERSION,
  });
  const dict = new data.DicomDict(meta);
  dict.dict = data.DicomMetaDictionary.denaturalizeDataset(dataset);
  for (const element of raw) dict.dict[element.tag] = { vr: element.vr, Value: element.values };
  const header = new Uint8Array(dict.write());
  if (!pixels) return header;
  // (7FE0,0010) OW, explicit VR little endian: tag, "OW", 2 reserved bytes, 32-bit length, value.
  const bytes = new Uint8Array(header.length + 12 + pixels.byteLength);
  bytes.set(header, 0);
  const view = new DataView(bytes.buffer, header.length, 12);
  view.setUint16(0, 0x7fe0, true);
  view.setUint16(2, 0x0010, true);
  view.setUint8(4, 0x4f); // 'O'
  view.setUint8(5, 0x57); // 'W'
  view.setUint32(8, pixels.byteLength, true);
  bytes.set(new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength), header.length + 12);
  return bytes;
}

/** Patient, study and equipment identity of one time point. */
export interface StudyContext {
  seed: number;
  def: TimePointDefinition;
  vendor: VendorInfo;
  studyInstanceUid: string;
  frameOfReferenceUid: string;
}

export const PATIENT = { name: 'PHANTOM^HCC^SORAFENIB', birthDate: '19600307', sex: 'M', age: '063Y', weightKg: 78 };
export const patientId = (seed: number): string => `HCC-PHANTOM-${seed}`;

export function studyContext(seed: number, def: TimePointDefinition, vendor: VendorInfo): StudyContext {
  return {
    seed,
    def,
    vendor,
    studyInstanceUid: uidFor(seed, def.key, 'study'),
    frameOfReferenceUid: uidFor(seed, def.key, 'frame-of-reference'),
  };
}

/** Geometry of one written 2D image. */
export interface ImagePlane {
  rows: number;
  columns: number;
  /** [between rows (y), between columns (x)] as DICOM stores it. */
  pixelSpacingMm: [number, number];
  positionLps: Vec3;
  orientation: [number, number, number, number, number, number];
  sliceThicknessMm: number;
}

export interface ImageInstance {
  seriesInstanceUid: string;
  sopInstanceUid: string;
  instanceNumber: number;
  plane: ImagePlane;
  bValue: number | null;
  /** Stored values (rows * columns), already divided by the rescale slope. */
  pixels: Uint16Array | null;
}

const ds = (v: number): string => formatDs(v);

/** Patient/study/series/equipment tags shared by classic and enhanced files. */
export function commonTags(ctx: StudyContext, spec: SeriesSpec, seriesInstanceUid: string): Record<string, unknown> {
  const { def, vendor } = ctx;
  const tags: Record<string, unknown> = {
    SpecificCharacterSet: 'ISO_IR 100',
    StudyDate: def.studyDate,
    SeriesDate: def.studyDate,
    AcquisitionDate: def.studyDate,
    ContentDate: def.studyDate,
    StudyTime: def.studyTime,
    SeriesTime: spec.acquisitionTime,
    AcquisitionTime: spec.acquisitionTime,
    ContentTime: spec.acquisitionTime,
    AccessionNumber: `ACC${ctx.seed}${def.key === 'baseline' ? 'B' : 'F'}`,
    Modality: 'MR',
    Manufacturer: vendor.manufacturer,
    InstitutionName: 'Phantom General Hospital',
    ReferringPhysicianName: '',
    StationName: vendor.stationName,
    StudyDescription: 'MRI LIVER WITH AND WITHOUT CONTRAST',
    SeriesDescription: spec.description,
    ManufacturerModelName: vendor.model,
    PatientName: PATIENT.name,
    PatientID: patientId(ctx.seed),
    PatientBirthDate: PATIENT.birthDate,
    PatientSex: PATIENT.sex,
    PatientAge: PATIENT.age,
    PatientWeight: String(PATIENT.weightKg),
    BodyPartExamined: 'ABDOMEN',
    MagneticFieldStrength: String(vendor.fieldStrengthT),
    SoftwareVersions: vendor.softwareVersions,
    ProtocolName: spec.protocolName,
    PatientPosition: 'HFS',
    StudyInstanceUID: ctx.studyInstanceUid,
    SeriesInstanceUID: seriesInstanceUid,
    StudyID: def.key === 'baseline' ? '1' : '2',
    SeriesNumber: String(spec.seriesNumber),
    FrameOfReferenceUID: ctx.frameOfReferenceUid,
    PositionReferenceIndicator: '',
  };
  if (spec.contrastAgent !== null) tags.ContrastBolusAgent = spec.contrastAgent;
  if (spec.contrastStartTime !== null) tags.ContrastBolusStartTime = spec.contrastStartTime;
  if (spec.contrastAgent) tags.ContrastBolusRoute = 'IV';
  return tags;
}

/** Image pixel module for 16-bit unsigned, 12 bits stored (values stay below 4096 by design). */
export function pixelModule(rows: number, columns: number): Record<string, unknown> {
  return {
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: rows,
    Columns: columns,
    BitsAllocated: 16,
    BitsStored: 12,
    HighBit: 11,
    PixelRepresentation: 0,
  };
}

/** Vendor b-value tags: standard (0018,9087) is a named attribute; private ones are raw elements. */
export function bValueElements(spec: SeriesSpec, bValue: number | null): { named: Record<string, unknown>; raw: RawElement[] } {
  if (bValue === null || spec.bValueTags === null) return { named: {}, raw: [] };
  if (spec.bValueTags === 'standard+siemens') {
    return {
      named: { DiffusionBValue: bValue },
      raw: [
        { tag: '00190010', vr: 'LO', values: ['SIEMENS MR HEADER'] },
        { tag: '0019100C', vr: 'IS', values: [bValue] },
        { tag: '0019100D', vr: 'CS', values: [bValue === 0 ? 'NONE' : 'ISOTROPIC'] },
      ],
    };
  }
  // GE: first value is the b-value with 1e9 added (a "large" flag some software versions set).
  return {
    named: {},
    raw: [
      { tag: '00430010', vr: 'LO', values: ['GEMS_PARM_01'] },
      { tag: '00431039', vr: 'IS', values: [1_000_000_000 + bValue, 8, 0, 0] },
    ],
  };
}

/** A classic (single-frame) MR Image Storage file. */
export function classicMrImage(ctx: StudyContext, spec: SeriesSpec, image: ImageInstance): Uint8Array {
  const { plane } = image;
  const b = bValueElements(spec, image.bValue);
  const dataset: Record<string, unknown> = {
    ...commonTags(ctx, spec, image.seriesInstanceUid),
    ImageType: [...spec.imageType],
    SOPClassUID: MR_IMAGE_STORAGE,
    SOPInstanceUID: image.sopInstanceUid,
    ScanningSequence: spec.scanningSequence.split('\\'),
    SequenceVariant: spec.sequenceVariant.split('\\'),
    ScanOptions: spec.scanOptions.split('\\'),
    MRAcquisitionType: spec.mrAcquisitionType,
    SequenceName: sequenceNameFor(spec, image.bValue),
    SliceThickness: ds(plane.sliceThicknessMm),
    RepetitionTime: ds(spec.repetitionTimeMs),
    EchoTime: ds(spec.echoTimeMs),
    NumberOfAverages: '1',
    ImagingFrequency: ds(ctx.vendor.imagingFrequencyMHz),
    EchoTrainLength: String(spec.echoTrainLength),
    FlipAngle: ds(spec.flipAngleDeg),
    ...b.named,
    AcquisitionNumber: '1',
    InstanceNumber: String(image.instanceNumber),
    ImagePositionPatient: plane.positionLps.map(ds),
    ImageOrientationPatient: plane.orientation.map(ds),
    SliceLocation: ds(plane.positionLps[2]),
    ...pixelModule(plane.rows, plane.columns),
    PixelSpacing: plane.pixelSpacingMm.map(ds),
    WindowCenter: ds(spec.windowCenter),
    WindowWidth: ds(spec.windowWidth),
    RescaleIntercept: '0',
    RescaleSlope: ds(spec.rescaleSlope),
  };
  if (spec.key === 't2' || spec.key === 'dwi' || spec.key === 'adc') dataset.SpacingBetweenSlices = ds(plane.sliceThicknessMm);
  return part10(dataset, b.raw, image.pixels);
}
