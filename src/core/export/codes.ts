/**
 * Every coded concept the SEG and SR exports write, with its scheme and meaning, in one place.
 * Standard codes come from PS3.16 (checked against DCMTK's generated code tables and highdicom/dcmqi
 * output); concepts no standard defines use the private scheme below, declared in each SR's
 * Coding Scheme Identification Sequence.
 */
import type { CriterionId, ResponseCategory } from '../criteria/types';

export interface Code {
  value: string;
  scheme: string;
  meaning: string;
}

const code = (value: string, scheme: string, meaning: string): Code => ({ value, scheme, meaning });

/**
 * Private coding scheme of this project. PS3.16 section 8 reserves designators beginning with "99"
 * for private schemes, hence '99HCCRESP' rather than a bare 'HCCRESP' (which could clash with a
 * future registered designator).
 */
export const PRIVATE_SCHEME = {
  designator: '99HCCRESP',
  name: 'hcc-response local codes',
  responsibleOrganization: 'hcc-response project',
  version: '1',
} as const;
const local = (value: string, meaning: string): Code => code(value, PRIVATE_SCHEME.designator, meaning);

/** SEG: segmented property categories and types (CID 7150 / 7151 style), derivation of frames. */
export const SEG_CODES = {
  morphologicallyAbnormalStructure: code('49755003', 'SCT', 'Morphologically Abnormal Structure'),
  anatomicalStructure: code('123037004', 'SCT', 'Anatomical Structure'),
  neoplasm: code('108369006', 'SCT', 'Neoplasm'),
  enhancingLesion: code('C113842', 'NCIt', 'Enhancing Lesion'),
  necrosis: code('6574001', 'SCT', 'Necrosis'),
  liver: code('10200004', 'SCT', 'Liver'),
  segmentation: code('113076', 'DCM', 'Segmentation'),
  sourceImageForProcessing: code('121322', 'DCM', 'Source image for image processing operation'),
} as const;

/** SR: TID 1500 / 1411 / 1501 structure, observation context, findings. */
export const SR_CODES = {
  imagingMeasurementReport: code('126000', 'DCM', 'Imaging Measurement Report'),
  language: code('121049', 'DCM', 'Language of Content Item and Descendants'),
  englishUS: code('en-US', 'RFC5646', 'English (United States)'),
  observerType: code('121005', 'DCM', 'Observer Type'),
  person: code('121006', 'DCM', 'Person'),
  device: code('121007', 'DCM', 'Device'),
  personObserverName: code('121008', 'DCM', 'Person Observer Name'),
  deviceObserverUid: code('121012', 'DCM', 'Device Observer UID'),
  deviceObserverName: code('121013', 'DCM', 'Device Observer Name'),
  procedureReported: code('121058', 'DCM', 'Procedure reported'),
  magneticResonanceImaging: code('113091000', 'SCT', 'Magnetic resonance imaging'),
  imagingMeasurements: code('126010', 'DCM', 'Imaging Measurements'),
  measurementGroup: code('125007', 'DCM', 'Measurement Group'),
  trackingIdentifier: code('112039', 'DCM', 'Tracking Identifier'),
  trackingUid: code('112040', 'DCM', 'Tracking Unique Identifier'),
  timePoint: code('C2348792', 'UMLS', 'Time Point'),
  findingCategory: code('276214006', 'SCT', 'Finding category'),
  finding: code('121071', 'DCM', 'Finding'),
  findingSite: code('363698007', 'SCT', 'Finding Site'),
  referencedSegment: code('121191', 'DCM', 'Referenced Segment'),
  sourceSeriesForSegmentation: code('121232', 'DCM', 'Source series for segmentation'),
  measurementMethod: code('370129005', 'SCT', 'Measurement Method'),
  sumOfSegmentedVoxels: code('126030', 'DCM', 'Sum of segmented voxel method for volume'),
  derivation: code('121401', 'DCM', 'Derivation'),
  mean: code('373098007', 'SCT', 'Mean'),
  algorithmName: code('111001', 'DCM', 'Algorithm Name'),
  algorithmVersion: code('111003', 'DCM', 'Algorithm Version'),
  algorithmParameters: code('111002', 'DCM', 'Algorithm Parameters'),
  currentResponse: code('112048', 'DCM', 'Current Response'),
  responseEvaluationMethod: code('112021', 'DCM', 'Response Evaluation Method'),
  responseAssessment: local('RESPASSESS', 'Tumour response assessment'),
} as const;

/** SR: the measured quantities (concept names of NUM items). */
export const MEASUREMENT_CODES = {
  volume: code('118565006', 'SCT', 'Volume'),
  enhancingVolume: local('ENHVOL', 'Enhancing (viable) tumour volume'),
  necroticVolume: local('NECVOL', 'Non-enhancing (necrotic) tumour volume'),
  enhancingFraction: local('ENHFRAC', 'Enhancing fraction of tumour volume'),
  longAxis: code('103339001', 'SCT', 'Long Axis'),
  shortAxis: code('103340004', 'SCT', 'Short Axis'),
  viableLongAxis: local('VIABLELAX', 'Long axis of enhancing (viable) tumour'),
  viableShortAxis: local('VIABLESAX', 'Short axis of enhancing (viable) tumour'),
  adc: code('113041', 'DCM', 'Apparent Diffusion Coefficient'),
  sumOfTargets: local('TARGETSUM', 'Sum of target lesion measurements'),
  changeFromBaseline: local('CHGBASE', 'Change of sum from baseline'),
  changeFromNadir: local('CHGNADIR', 'Change of sum from nadir'),
} as const;

/** UCUM units (codes are case-sensitive; meanings as DICOM examples write them). */
export const UNITS = {
  ml: code('ml', 'UCUM', 'milliliter'),
  mm: code('mm', 'UCUM', 'millimeter'),
  mm2: code('mm2', 'UCUM', 'square millimeter'),
  percent: code('%', 'UCUM', 'percent'),
  /** ADC in um2/s: 1e-3 mm2/s = 1000 um2/s. */
  um2PerS: code('um2/s', 'UCUM', 'um2/s'),
} as const;

/** Response criteria: standard codes where PS3.16 has one (RECIST 1.1, WHO), private otherwise. */
export const CRITERION_CODES: Readonly<Record<CriterionId, Code>> = {
  recist11: code('126081', 'DCM', 'RECIST 1.1'),
  who: code('112029', 'DCM', 'WHO'),
  mrecist: local('MRECIST', 'mRECIST (modified RECIST for HCC)'),
  easl: local('EASL', 'EASL (enhancing area)'),
  qeasl: local('QEASL', 'qEASL (enhancing volume)'),
  vrecist: local('VRECIST', 'vRECIST (total tumour volume)'),
};

/**
 * Overall response categories. DCM 112041-112044 name *target lesion* responses only, while these
 * categories also fold in non-target and new lesions (and NE has no DCM code), so they are private.
 */
export const CATEGORY_CODES: Readonly<Record<ResponseCategory, Code>> = {
  CR: local('CR', 'Complete response'),
  PR: local('PR', 'Partial response'),
  SD: local('SD', 'Stable disease'),
  PD: local('PD', 'Progressive disease'),
  NE: local('NE', 'Not evaluable'),
};

/**
 * SNOMED RT (SRT) codes that older writers (dcmqi, dcmjs TID 300) still use, read as their SNOMED CT
 * successors: PS3.16 retired SRT in favour of SCT with the same meaning.
 */
const LEGACY_EQUIVALENTS: ReadonlyArray<{ legacy: string; current: Code }> = [
  { legacy: 'G-D705', current: MEASUREMENT_CODES.volume },
  { legacy: 'G-A185', current: MEASUREMENT_CODES.longAxis },
  { legacy: 'G-A186', current: MEASUREMENT_CODES.shortAxis },
  { legacy: 'R-00317', current: SR_CODES.mean },
  { legacy: 'G-C0E3', current: SR_CODES.findingSite },
];

/** Same concept: same value and scheme, or a retired SRT code of it. */
export function sameConcept(a: { value: string; scheme: string }, b: Code): boolean {
  if (a.value === b.value && a.scheme === b.scheme) return true;
  return a.scheme === 'SRT' && LEGACY_EQUIVALENTS.some((e) => e.legacy === a.value && e.current === b);
}

/** A code as a DICOM code sequence item (CodeValue / CodingSchemeDesignator / CodeMeaning). */
export function codeItem(c: Code): { CodeValue: string; CodingSchemeDesignator: string; CodeMeaning: string } {
  return { CodeValue: c.value, CodingSchemeDesignator: c.scheme, CodeMeaning: c.meaning };
}
