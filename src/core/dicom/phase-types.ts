import type { SeriesVolume } from './model';

/**
 * Classification runs in three stages, each a vote among its own targets:
 *  - role: is the volume derived or excluded (ADC map, subtraction, Dixon fat/in/opp, MRCP, localizer)?
 *  - family: otherwise, which sequence family (T1 gradient echo, T2, diffusion)?
 *  - phase: for T1, which contrast phase (or a many-position DCE series)?
 * Stages are separate because their evidence is not competing: a Dixon fat image is also a T1
 * gradient echo, an ADC map also carries diffusion tags.
 */
export type RoleTarget = 'adc' | 'subtraction' | 'other';
export type FamilyTarget = 't1' | 't2' | 'dwi';
export type PhaseTarget = 't1_pre' | 'arterial' | 'portal_venous' | 'delayed' | 'hepatobiliary' | 'dce_dynamic';

export const ROLE_TARGETS: readonly RoleTarget[] = ['adc', 'subtraction', 'other'];
export const FAMILY_TARGETS: readonly FamilyTarget[] = ['t1', 't2', 'dwi'];
export const PHASE_TARGETS: readonly PhaseTarget[] = [
  't1_pre',
  'arterial',
  'portal_venous',
  'delayed',
  'hepatobiliary',
  'dce_dynamic',
];

/** Study-wide facts every rule may read (built before any volume is classified). */
export interface StudyContext {
  volumes: readonly SeriesVolume[];
  /** Most common non-empty ContrastBolusAgent in the study ('' when none). */
  studyAgent: string;
  /** ContrastBolusStartTime shared by every series that records one (null when none or they disagree). */
  studyBolusStartSec: number | null;
  /** Number of temporal positions per SeriesInstanceUID (max of header count, frame ids, split volumes). */
  temporalPositions: ReadonlyMap<string, number>;
}

/** Where a T1 volume sits among same-named T1 series ordered by acquisition time. */
export interface OrderInfo {
  /** Shared (normalised) SeriesDescription of the group. */
  description: string;
  groupSize: number;
  /** 0-based position by acquisition time. */
  index: number;
  /** True when this member is taken as the pre-contrast one (the first, unless the pre is elsewhere). */
  presumedPre: boolean;
  /** When the group starts post-contrast: where the pre-contrast image is, in words. */
  preElsewhere: string | null;
  /** Seconds after the first post-contrast member (the presumed arterial one); null for the presumed pre. */
  secondsAfterFirstPost: number | null;
}

/** Facts about the study's T1 series, known once every volume's family is decided. */
export interface PhaseContext extends StudyContext {
  /** ids of volumes classified as T1 (not derived/excluded). */
  t1Ids: ReadonlySet<string>;
  /** SeriesInstanceUIDs of T1 series whose ContrastBolusAgent is empty / set. */
  t1SeriesWithoutAgent: ReadonlySet<string>;
  t1SeriesWithAgent: ReadonlySet<string>;
  order: ReadonlyMap<string, OrderInfo>;
}

interface RuleBase {
  /** Stable id, e.g. 'role.adc.image-type'. */
  id: string;
  /** The tags or facts the rule reads, in DICOM words. */
  looksAt: string;
  /** Positive: evidence for the target; negative: evidence against it. */
  weight: number;
  /** What the rule means, for documentation and the UI. */
  summary: string;
}

/** A rule returns the evidence it found in words, or null when it does not apply. */
export type RoleRule = RuleBase & {
  stage: 'role';
  votesFor: RoleTarget;
  evaluate(v: SeriesVolume, ctx: StudyContext): string | null;
};
export type FamilyRule = RuleBase & {
  stage: 'family';
  votesFor: FamilyTarget;
  evaluate(v: SeriesVolume, ctx: StudyContext): string | null;
};
export type PhaseRule = RuleBase & {
  stage: 'phase';
  votesFor: PhaseTarget;
  evaluate(v: SeriesVolume, ctx: PhaseContext): string | null;
};
export type ClassificationRule = RoleRule | FamilyRule | PhaseRule;

/** One fired rule: the evidence behind a vote. */
export interface Vote<T extends string = string> {
  ruleId: string;
  target: T;
  weight: number;
  reason: string;
}
