/**
 * Test factory: a SeriesVolume from DICOM-tag-named fields (as Cornerstone's displayset.test.ts
 * builds instances), so fixtures read like the headers they stand for. Used only by phase-*.test.ts.
 */
import type { FrameHeader, InstanceHeader, SeriesVolume } from './model';

export interface FixtureTags {
  SeriesInstanceUID: string;
  SeriesDescription?: string;
  ProtocolName?: string;
  Modality?: string;
  Manufacturer?: string;
  ImageType?: string[];
  EchoTime?: number | null;
  RepetitionTime?: number | null;
  ScanningSequence?: string;
  ContrastBolusAgent?: string;
  /** DICOM TM, 'HHMMSS' or 'HHMMSS.FFF'. */
  ContrastBolusStartTime?: string | null;
  AcquisitionTime?: string | null;
  TemporalPositionIdentifier?: number | null;
  NumberOfTemporalPositions?: number | null;
  /** b-value of this volume (a DWI split). */
  DiffusionBValue?: number | null;
  /** Not a tag: every b-value of the source series. */
  SeriesBValues?: number[];
  /** Not a tag: grid size [columns, rows, slices]. */
  Dims?: [number, number, number];
  /** Not a tag: the split key appended to the id (default from b-value or temporal position). */
  SplitKey?: string;
}

/** 'HHMMSS(.FFF)' -> seconds since midnight. */
export function tm(value: string): number {
  const h = Number(value.slice(0, 2));
  const m = Number(value.slice(2, 4));
  const s = Number(value.slice(4));
  return h * 3600 + m * 60 + s;
}

/** Adds seconds to a 'HHMMSS' time, for timelines written as offsets. */
export function tmPlus(value: string, seconds: number): string {
  const t = Math.round(tm(value) + seconds);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(t / 3600) % 24)}${pad(Math.floor(t / 60) % 60)}${pad(t % 60)}`;
}

export function mr(tags: FixtureTags): SeriesVolume {
  const acquisitionTimeSec = tags.AcquisitionTime ? tm(tags.AcquisitionTime) : null;
  const tpi = tags.TemporalPositionIdentifier ?? null;
  const bValue = tags.DiffusionBValue ?? null;
  const dims = tags.Dims ?? [256, 192, 40];
  const splitKey = tags.SplitKey ?? (bValue !== null ? `b=${bValue}` : tpi !== null ? `t=${tpi}` : '');
  const frame: FrameHeader = {
    fileName: `${tags.SeriesInstanceUID}.dcm`,
    sopInstanceUid: `${tags.SeriesInstanceUID}.1`,
    frameIndex: 0,
    instanceNumber: 1,
    imagePositionPatient: [0, 0, 0],
    imageOrientationPatient: [1, 0, 0, 0, 1, 0],
    pixelSpacingMm: [1.5, 1.5],
    sliceThicknessMm: 3,
    bValue,
    bValueSource: bValue !== null ? '(0018,9087)' : null,
    temporalPositionIdentifier: tpi,
    acquisitionTimeSec,
    rescaleSlope: 1,
    rescaleIntercept: 0,
    pixel: null,
  };
  const header: InstanceHeader = {
    fileName: frame.fileName,
    transferSyntaxUid: '1.2.840.10008.1.2.1',
    sopClassUid: '1.2.840.10008.5.1.4.1.1.4',
    sopInstanceUid: frame.sopInstanceUid,
    patientId: 'P1',
    patientName: 'Phantom^Liver',
    studyInstanceUid: '1.2.study',
    studyDate: '20240101',
    studyTime: '100000',
    studyDescription: 'MR LIVER',
    seriesInstanceUid: tags.SeriesInstanceUID,
    seriesNumber: null,
    seriesDescription: tags.SeriesDescription ?? '',
    protocolName: tags.ProtocolName ?? '',
    modality: tags.Modality ?? 'MR',
    manufacturer: tags.Manufacturer ?? '',
    imageType: tags.ImageType ?? ['ORIGINAL', 'PRIMARY', 'M', 'ND'],
    frameOfReferenceUid: '1.2.for',
    rows: dims[1],
    columns: dims[0],
    bitsAllocated: 16,
    bitsStored: 12,
    pixelRepresentation: 0,
    samplesPerPixel: 1,
    photometricInterpretation: 'MONOCHROME2',
    numberOfFrames: 1,
    echoTimeMs: tags.EchoTime ?? null,
    repetitionTimeMs: tags.RepetitionTime ?? null,
    flipAngleDeg: null,
    scanningSequence: tags.ScanningSequence ?? '',
    sequenceName: '',
    contrastBolusAgent: tags.ContrastBolusAgent ?? '',
    contrastBolusStartTimeSec: tags.ContrastBolusStartTime ? tm(tags.ContrastBolusStartTime) : null,
    numberOfTemporalPositions: tags.NumberOfTemporalPositions ?? null,
    windowCenter: null,
    windowWidth: null,
    frames: [frame],
  };
  return {
    id: splitKey ? `${tags.SeriesInstanceUID}#${splitKey}` : tags.SeriesInstanceUID,
    seriesInstanceUid: tags.SeriesInstanceUID,
    seriesNumber: null,
    seriesDescription: header.seriesDescription,
    protocolName: header.protocolName,
    modality: header.modality,
    manufacturer: header.manufacturer,
    sopClassUid: header.sopClassUid,
    transferSyntaxUid: header.transferSyntaxUid,
    imageType: header.imageType,
    frameOfReferenceUid: header.frameOfReferenceUid,
    bValue,
    seriesBValues: tags.SeriesBValues ?? (bValue !== null ? [bValue] : []),
    temporalPositionIdentifier: tpi,
    header,
    frames: [frame],
    geometry: {
      dims,
      spacingMm: [1.5, 1.5, 3],
      originLps: [0, 0, 0],
      direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
      sliceThicknessMm: 3,
      issues: [],
    },
    acquisitionTimeSec,
    classification: { phase: 'other', confidence: 0, reasons: [] },
  };
}

/** Typical tags of a fat-suppressed 3D T1 spoiled gradient echo (VIBE / LAVA / THRIVE). */
export const T1_GRE = { EchoTime: 1.3, RepetitionTime: 3.9, ScanningSequence: 'GR' } as const;
/** Single-shot / turbo spin echo T2. */
export const T2_SE = { EchoTime: 90, RepetitionTime: 1400, ScanningSequence: 'SE' } as const;
/** Diffusion EPI. */
export const DWI_EPI = { EchoTime: 60, RepetitionTime: 5000, ScanningSequence: 'EP' } as const;
