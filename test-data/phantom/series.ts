import type { Phase } from '../../src/core/dicom/model';
import { B_VALUES_S_PER_MM2, type ImageKind, type TimePointKey } from './definitions';

/**
 * The series of each time point, with vendor-realistic names and tags. Baseline is Siemens-style
 * (the four dynamic T1 series share one description and differ only by contrast tags and
 * acquisition time), follow-up GE-style (phase words in the names, b-values only in a GE private tag).
 */

export type SeriesKey = 't1_pre' | 'arterial' | 'portal_venous' | 'delayed' | 't2' | 'dwi' | 'adc';
export const SERIES_KEYS: readonly SeriesKey[] = ['t1_pre', 'arterial', 'portal_venous', 'delayed', 't2', 'dwi', 'adc'];

export interface VendorInfo {
  manufacturer: string;
  model: string;
  softwareVersions: string;
  fieldStrengthT: number;
  stationName: string;
  imagingFrequencyMHz: number;
}

export interface SeriesSpec {
  key: SeriesKey;
  /** The phase a correct classifier should assign (names of src/core/dicom/model.ts Phase). */
  expectedPhase: Phase;
  kind: ImageKind;
  gridKind: 't1' | 'dwi';
  seriesNumber: number;
  description: string;
  protocolName: string;
  /** DWI: one volume per b-value, all in this one series. */
  bValues: readonly number[] | null;
  /** Where the b-value goes: standard (0018,9087) + Siemens private, or GE private only. */
  bValueTags: 'standard+siemens' | 'ge' | null;
  acquisitionTime: string;
  /** null: tag absent; '' present but empty (Siemens pre-contrast). */
  contrastAgent: string | null;
  contrastStartTime: string | null;
  imageType: readonly string[];
  echoTimeMs: number;
  repetitionTimeMs: number;
  flipAngleDeg: number;
  echoTrainLength: number;
  scanningSequence: string;
  sequenceVariant: string;
  scanOptions: string;
  mrAcquisitionType: '2D' | '3D';
  sequenceName: string;
  /** Stored = round(real / slope); one series uses a non-trivial slope to exercise rescaling. */
  rescaleSlope: number;
  windowCenter: number;
  windowWidth: number;
}

export const VENDORS: Record<'siemens' | 'ge', VendorInfo> = {
  siemens: { manufacturer: 'SIEMENS', model: 'MAGNETOM Aera', softwareVersions: 'syngo MR E11', fieldStrengthT: 1.5, stationName: 'AWP45123', imagingFrequencyMHz: 63.676 },
  ge: { manufacturer: 'GE MEDICAL SYSTEMS', model: 'SIGNA Artist', softwareVersions: '29\\LX\\MR Software release:RX29.1_R01', fieldStrengthT: 1.5, stationName: 'GEMR1', imagingFrequencyMHz: 63.86 },
};

const T1_BASE = { kind: 't1_pre' as ImageKind, gridKind: 't1' as const, bValues: null, bValueTags: null, rescaleSlope: 1 };

function siemensSeries(): SeriesSpec[] {
  const vibe = {
    ...T1_BASE,
    description: 't1_vibe_fs_tra_dyn',
    protocolName: 't1_vibe_fs_tra_dyn',
    imageType: ['ORIGINAL', 'PRIMARY', 'M', 'ND', 'NORM'],
    echoTimeMs: 1.9, repetitionTimeMs: 3.9, flipAngleDeg: 9, echoTrainLength: 1,
    scanningSequence: 'GR', sequenceVariant: 'SP\\SK', scanOptions: 'PFP\\FS', mrAcquisitionType: '3D' as const, sequenceName: '*fl3d1',
    windowCenter: 450, windowWidth: 900,
  };
  const bolus = '094000.000000';
  return [
    { ...vibe, key: 't1_pre', expectedPhase: 't1_pre', kind: 't1_pre', seriesNumber: 7, acquisitionTime: '093930.000000', contrastAgent: '', contrastStartTime: null },
    { ...vibe, key: 'arterial', expectedPhase: 'arterial', kind: 'arterial', seriesNumber: 8, acquisitionTime: '094025.000000', contrastAgent: 'Dotarem', contrastStartTime: bolus },
    { ...vibe, key: 'portal_venous', expectedPhase: 'portal_venous', kind: 'portal_venous', seriesNumber: 9, acquisitionTime: '094110.000000', contrastAgent: 'Dotarem', contrastStartTime: bolus },
    { ...vibe, key: 'delayed', expectedPhase: 'delayed', kind: 'delayed', seriesNumber: 10, acquisitionTime: '094300.000000', contrastAgent: 'Dotarem', contrastStartTime: bolus },
    {
      ...T1_BASE, key: 't2', expectedPhase: 't2', kind: 't2', seriesNumber: 2, description: 't2_haste_tra', protocolName: 't2_haste_tra',
      imageType: ['ORIGINAL', 'PRIMARY', 'M', 'NORM', 'DIS2D'], echoTimeMs: 95, repetitionTimeMs: 1400, flipAngleDeg: 160, echoTrainLength: 128,
      scanningSequence: 'SE', sequenceVariant: 'SK\\SP', scanOptions: 'PFP\\SAT1', mrAcquisitionType: '2D', sequenceName: '*h2d1_256',
      acquisitionTime: '093412.000000', contrastAgent: null, contrastStartTime: null, windowCenter: 250, windowWidth: 500,
    },
    {
      ...T1_BASE, key: 'dwi', expectedPhase: 'dwi', kind: 'dwi_s0', gridKind: 'dwi', seriesNumber: 4, description: 'ep2d_diff_b0_50_400_800_tra', protocolName: 'ep2d_diff_b0_50_400_800_tra',
      bValues: B_VALUES_S_PER_MM2, bValueTags: 'standard+siemens',
      imageType: ['ORIGINAL', 'PRIMARY', 'DIFFUSION', 'TRACEW', 'ND', 'NORM'], echoTimeMs: 55, repetitionTimeMs: 6500, flipAngleDeg: 90, echoTrainLength: 1,
      scanningSequence: 'EP', sequenceVariant: 'SK\\SP', scanOptions: 'PFP\\FS', mrAcquisitionType: '2D', sequenceName: '*ep_b0',
      acquisitionTime: '093640.000000', contrastAgent: null, contrastStartTime: null, windowCenter: 600, windowWidth: 1200,
    },
    {
      ...T1_BASE, key: 'adc', expectedPhase: 'adc', kind: 'adc', gridKind: 'dwi', seriesNumber: 5, description: 'ep2d_diff_b0_50_400_800_tra_ADC', protocolName: 'ep2d_diff_b0_50_400_800_tra',
      imageType: ['DERIVED', 'PRIMARY', 'DIFFUSION', 'ADC'], echoTimeMs: 55, repetitionTimeMs: 6500, flipAngleDeg: 90, echoTrainLength: 1,
      scanningSequence: 'EP', sequenceVariant: 'SK\\SP', scanOptions: 'PFP\\FS', mrAcquisitionType: '2D', sequenceName: '*ep_b0_800',
      acquisitionTime: '093640.000000', contrastAgent: null, contrastStartTime: null, windowCenter: 1500, windowWidth: 3000,
    },
  ];
}

function geSeries(): SeriesSpec[] {
  const lava = {
    ...T1_BASE,
    protocolName: 'LIVER MULTIPHASE',
    imageType: ['ORIGINAL', 'PRIMARY', 'OTHER'],
    echoTimeMs: 1.8, repetitionTimeMs: 4.1, flipAngleDeg: 12, echoTrainLength: 1,
    scanningSequence: 'GR', sequenceVariant: 'SS\\SK', scanOptions: 'FAST_GEMS\\EDR_GEMS\\SPECIAL_GEMS', mrAcquisitionType: '3D' as const, sequenceName: 'efgre3d',
    windowCenter: 450, windowWidth: 900,
    // GE often fills the agent but leaves the bolus start time empty: timing must come from AcquisitionTime.
    contrastStartTime: null,
  };
  return [
    { ...lava, key: 't1_pre', expectedPhase: 't1_pre', kind: 't1_pre', seriesNumber: 5, description: 'Ax LAVA-Flex PRE', acquisitionTime: '102400.000000', contrastAgent: null },
    { ...lava, key: 'arterial', expectedPhase: 'arterial', kind: 'arterial', seriesNumber: 6, description: 'Ax LAVA-Flex ART', acquisitionTime: '102510.000000', contrastAgent: 'GADAVIST' },
    { ...lava, key: 'portal_venous', expectedPhase: 'portal_venous', kind: 'portal_venous', seriesNumber: 7, description: 'Ax LAVA-Flex PV', acquisitionTime: '102555.000000', contrastAgent: 'GADAVIST' },
    { ...lava, key: 'delayed', expectedPhase: 'delayed', kind: 'delayed', seriesNumber: 8, description: 'Ax LAVA-Flex 3 MIN', acquisitionTime: '102745.000000', contrastAgent: 'GADAVIST' },
    {
      ...T1_BASE, key: 't2', expectedPhase: 't2', kind: 't2', seriesNumber: 2, description: 'Ax T2 SSFSE', protocolName: 'LIVER MULTIPHASE',
      imageType: ['ORIGINAL', 'PRIMARY', 'OTHER'], echoTimeMs: 90, repetitionTimeMs: 1800, flipAngleDeg: 90, echoTrainLength: 160,
      scanningSequence: 'SE', sequenceVariant: 'SK', scanOptions: 'FAST_GEMS\\SS_GEMS\\NPW', mrAcquisitionType: '2D', sequenceName: 'fse-xl',
      acquisitionTime: '101820.000000', contrastAgent: null, contrastStartTime: null, windowCenter: 250, windowWidth: 500,
      // Stored values are 4x the real ones: readers must apply RescaleSlope.
      rescaleSlope: 0.25,
    },
    {
      ...T1_BASE, key: 'dwi', expectedPhase: 'dwi', kind: 'dwi_s0', gridKind: 'dwi', seriesNumber: 3, description: 'Ax DWI b0,50,400,800', protocolName: 'LIVER MULTIPHASE',
      bValues: B_VALUES_S_PER_MM2, bValueTags: 'ge',
      imageType: ['ORIGINAL', 'PRIMARY', 'OTHER'], echoTimeMs: 60, repetitionTimeMs: 6000, flipAngleDeg: 90, echoTrainLength: 1,
      scanningSequence: 'EP', sequenceVariant: 'NONE', scanOptions: 'EPI_GEMS\\PFF', mrAcquisitionType: '2D', sequenceName: 'epi2',
      acquisitionTime: '102010.000000', contrastAgent: null, contrastStartTime: null, windowCenter: 600, windowWidth: 1200,
    },
    {
      ...T1_BASE, key: 'adc', expectedPhase: 'adc', kind: 'adc', gridKind: 'dwi', seriesNumber: 300, description: 'ADC (10^-6 mm^2/s)', protocolName: 'LIVER MULTIPHASE',
      imageType: ['DERIVED', 'PRIMARY', 'ADC'], echoTimeMs: 60, repetitionTimeMs: 6000, flipAngleDeg: 90, echoTrainLength: 1,
      scanningSequence: 'EP', sequenceVariant: 'NONE', scanOptions: 'EPI_GEMS', mrAcquisitionType: '2D', sequenceName: 'epi2',
      acquisitionTime: '102010.000000', contrastAgent: null, contrastStartTime: null, windowCenter: 1500, windowWidth: 3000,
    },
  ];
}

export function seriesSpecs(timePoint: TimePointKey): SeriesSpec[] {
  return timePoint === 'baseline' ? siemensSeries() : geSeries();
}

/** Folder name of a series: "<series number, 4 digits>_<description made file-safe>". */
export function seriesFolder(spec: SeriesSpec): string {
  const safe = spec.description.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/_+/g, '_').replace(/^_|_$/g, '');
  return `${String(spec.seriesNumber).padStart(4, '0')}_${safe}`;
}

/** Siemens puts the b-value into the sequence name too ("*ep_b800t"). */
export function sequenceNameFor(spec: SeriesSpec, bValue: number | null): string {
  if (spec.key !== 'dwi' || spec.bValueTags !== 'standard+siemens' || bValue === null) return spec.sequenceName;
  return bValue === 0 ? '*ep_b0' : `*ep_b${bValue}t`;
}
