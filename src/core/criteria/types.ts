/** Inputs and outputs of the response criteria (plain, JSON-friendly objects; units in the names). */

export type ResponseCategory = 'CR' | 'PR' | 'SD' | 'PD' | 'NE';

export type CriterionId = 'recist11' | 'who' | 'mrecist' | 'easl' | 'qeasl' | 'vrecist';

/** Order in which criteria appear in outputs and reasons (size criteria first, then enhancement). */
export const CRITERION_IDS: readonly CriterionId[] = ['recist11', 'who', 'mrecist', 'easl', 'qeasl', 'vrecist'];

/** The reader's call on the non-target lesions at one time point. */
export type NonTargetStatus = 'present' | 'absent' | 'unequivocalProgression';

/** One lesion at one time point, as measured (null = not measured / unknown, never a guess). */
export interface LesionInput {
  /** `Lesion <n>`: the same label is the same lesion at every time point. */
  label: string;
  /** Reader's designation, read at baseline only: false keeps the lesion out of the targets. Default true. */
  target?: boolean;
  /** Organ for the two-per-organ target rule. Default 'liver'. */
  organ?: string;
  longestDiameterMm: number | null;
  perpendicularDiameterMm: number | null;
  viableLongestDiameterMm: number | null;
  viablePerpendicularDiameterMm: number | null;
  volumeMl: number | null;
  enhancingVolumeMl: number | null;
  adcMeanMm2s: number | null;
  /** Fraction (0..1) of tumour voxels that are T1-hyperintense relative to liver (haemorrhage/protein). */
  t1HyperintenseFraction: number | null;
  /** Mean Ktrans (1/min) once DCE analysis exists; absent or null until then. */
  ktransPerMin?: number | null;
}

export interface TimePointInput {
  /** Free label for reasons and the panel, e.g. 'Baseline', 'FU1'. */
  label?: string;
  lesions: readonly LesionInput[];
  /**
   * Non-target lesions as recorded by the reader. null/undefined = nothing recorded; at a follow-up
   * that counts as "not evaluated" when non-targets were recorded at baseline.
   */
  nonTargetStatus?: NonTargetStatus | null;
  /** Any unequivocal new lesion at this time point (ignored at baseline). */
  newLesion?: boolean;
}

export interface AssessOptions {
  /** T1-hyperintense fraction above which ADC is flagged as possibly confounded by haemorrhage. */
  haemorrhageT1FractionLimit?: number;
}

export type SumUnit = 'mm' | 'mm²' | 'mL';

export interface CriterionResult {
  category: ResponseCategory;
  /** Sum over this criterion's targets at this time point; null when a target is unmeasured. */
  sum: number | null;
  changeFromBaselinePct: number | null;
  changeFromNadirPct: number | null;
  reasons: string[];
  unit: SumUnit;
  baselineSum: number | null;
  nadirSum: number | null;
  /** Index of the time point holding the nadir (0 = baseline); nadirs differ between criteria. */
  nadirTimePoint: number | null;
  /** Labels of this criterion's target lesions (chosen at baseline). */
  targets: string[];
}

export type ResponseFlagCode = 'necroticSwelling' | 'sizeEnhancementDisagreement' | 'adcHaemorrhage' | 'adcRise';

export interface ResponseFlag {
  code: ResponseFlagCode;
  /** Lesion label, or null for a time-point flag. */
  lesion: string | null;
  message: string;
}

/** Per-lesion change against baseline at one follow-up. */
export interface LesionChange {
  label: string;
  volumeChangePct: number | null;
  enhancingVolumeChangePct: number | null;
  adcChangePct: number | null;
  /** Stays null until Ktrans is measured at baseline and at this time point. */
  ktransChangePct: number | null;
}

/** One follow-up time point: the `response` entry of measurements.json, plus per-lesion detail. */
export interface TimePointResponse {
  timePoint: number;
  label: string | null;
  /** Index of the baseline time point (always 0). */
  vsBaseline: number;
  /** Index of the RECIST 1.1 nadir time point; each criterion carries its own `nadirTimePoint`. */
  vsNadir: number | null;
  criteria: Record<CriterionId, CriterionResult>;
  /** % change of the lesion-averaged ADC mean, over lesions with ADC at baseline and here. */
  adcChangePct: number | null;
  /** Every flag as a sentence with its reason (the measurements.json contract). */
  flags: string[];
  /** The same flags, structured for highlighting. */
  flagDetails: ResponseFlag[];
  lesions: LesionChange[];
}

/** What distinguishes one criterion; the shared rules live in classify.ts. */
export interface CriterionSpec {
  id: CriterionId;
  /** Display name, e.g. 'RECIST 1.1'. */
  name: string;
  /** Short citation for reasons, e.g. 'Eisenhauer et al. 2009'. */
  citation: string;
  /** Per-lesion quantity in words, e.g. 'longest diameter'. */
  quantity: string;
  /** The sum in words, e.g. 'sum of longest diameters'. */
  sumName: string;
  unit: SumUnit;
  /** mRECIST, EASL, qEASL: targets must enhance at baseline, CR means no enhancement left. */
  enhancementBased: boolean;
  /** The lesion's contribution to the sum; null when not measured. */
  measure(lesion: LesionInput): number | null;
  /** What "gone" means for a target, e.g. 'no intratumoral arterial enhancement (viable diameter 0 mm)'. */
  goneDescription: string;
  prDecreasePct: number;
  pdIncreasePct: number;
  /** true: PD at >= pdIncreasePct; false: PD only above it (WHO, EASL "> 25 %"). */
  pdInclusive: boolean;
  /** Minimum absolute increase over the nadir for PD (RECIST 1.1: 5 mm), or null. */
  pdMinAbsoluteIncrease: number | null;
}
