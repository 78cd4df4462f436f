import type { Phase, PhaseClassification, SeriesVolume } from './model';
import { buildPhaseContext, buildStudyContext, descriptionOf } from './phase-context';
import { hasPhaseWording } from './phase-keywords';
import { PHASE_RULES } from './phase-rules';
import {
  FAMILY_TARGETS,
  PHASE_TARGETS,
  ROLE_TARGETS,
  type FamilyRule,
  type FamilyTarget,
  type PhaseContext,
  type PhaseRule,
  type RoleRule,
  type StudyContext,
  type Vote,
} from './phase-types';

/** A role (ADC, subtraction, excluded) needs at least one decisive piece of evidence. */
export const ROLE_MIN_SCORE = 3;
/** Score at which confidence reaches 1 - 1/e: one strong piece of evidence alone is not certainty. */
const CONFIDENCE_SCALE = 3;
/** Family unknown but the name carries phase wording: assume a contrast T1 series, less sure. */
const INFERRED_T1_CONFIDENCE = 0.6;

const roleRules = PHASE_RULES.filter((r): r is RoleRule => r.stage === 'role');
const familyRules = PHASE_RULES.filter((r): r is FamilyRule => r.stage === 'family');
const phaseRules = PHASE_RULES.filter((r): r is PhaseRule => r.stage === 'phase');

export interface Tally<T extends string> {
  winner: T | null;
  /** Net score of the winner (votes for minus votes against). */
  score: number;
  /** Best other target with a positive net score, if any (conflicting evidence). */
  runnerUp: { target: T; score: number } | null;
  confidence: number;
  votes: Vote<T>[];
}

function collect<T extends string, C>(
  rules: readonly { id: string; votesFor: T; weight: number; evaluate(v: SeriesVolume, ctx: C): string | null }[],
  v: SeriesVolume,
  ctx: C,
): Vote<T>[] {
  const votes: Vote<T>[] = [];
  for (const r of rules) {
    const reason = r.evaluate(v, ctx);
    if (reason !== null) votes.push({ ruleId: r.id, target: r.votesFor, weight: r.weight, reason });
  }
  return votes;
}

/**
 * Winner = highest net score above 0; ties go to the target with more supporting rules, then table
 * order. Confidence = (winner's net / all positive weight cast) x (1 - exp(-net / 3)): conflicting
 * evidence lowers the first factor, thin evidence the second.
 */
export function tally<T extends string>(votes: Vote<T>[], targets: readonly T[]): Tally<T> {
  let positive = 0;
  const net = new Map<T, number>();
  const support = new Map<T, number>();
  for (const vote of votes) {
    net.set(vote.target, (net.get(vote.target) ?? 0) + vote.weight);
    if (vote.weight > 0) {
      positive += vote.weight;
      support.set(vote.target, (support.get(vote.target) ?? 0) + 1);
    }
  }
  let winner: T | null = null;
  let best = 0;
  for (const t of targets) {
    const s = net.get(t) ?? 0;
    const better = s > best || (s === best && winner !== null && (support.get(t) ?? 0) > (support.get(winner) ?? 0));
    if (s > 0 && better) {
      winner = t;
      best = s;
    }
  }
  let runnerUp: { target: T; score: number } | null = null;
  for (const t of targets) {
    const s = net.get(t) ?? 0;
    if (t !== winner && s > 0 && (runnerUp === null || s > runnerUp.score)) runnerUp = { target: t, score: s };
  }
  const confidence = winner === null ? 0 : (best / positive) * (1 - Math.exp(-best / CONFIDENCE_SCALE));
  return { winner, score: best, runnerUp, confidence, votes };
}

function signed(w: number): string {
  return w > 0 ? `+${w}` : `${w}`;
}

/** "for (+3 arterial): ..." when the vote supports the decision, "against (...)" otherwise. */
function describeVotes<T extends string>(t: Tally<T>): string[] {
  return t.votes.map((v) => {
    const supports = (v.target === t.winner) === (v.weight > 0);
    return `${supports ? 'for' : 'against'} (${signed(v.weight)} ${v.target}): ${v.reason}`;
  });
}

/** "score 5" or "score 3; portal_venous 3 (tie)" / "score 4; arterial 2 (conflicting evidence)". */
function scoreText<T extends string>(t: Tally<T>): string {
  const r = t.runnerUp;
  if (!r) return `score ${t.score}`;
  return `score ${t.score}; ${r.target} ${r.score} (${r.score === t.score ? 'tie' : 'conflicting evidence'})`;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

interface FirstPass {
  role: Tally<(typeof ROLE_TARGETS)[number]>;
  family: Tally<FamilyTarget>;
  /** Family decided by the rules, or inferred from phase wording, or null. */
  familyDecision: FamilyTarget | null;
}

function firstPass(v: SeriesVolume, ctx: StudyContext): FirstPass {
  const role = tally(collect(roleRules, v, ctx), ROLE_TARGETS);
  const family = tally(collect(familyRules, v, ctx), FAMILY_TARGETS);
  const inferred = family.winner === null && hasPhaseWording(descriptionOf(v)) ? 't1' : null;
  return { role, family, familyDecision: family.winner ?? inferred };
}

function isRoleDecided(p: FirstPass): boolean {
  return p.role.winner !== null && p.role.score >= ROLE_MIN_SCORE;
}

function classifyOne(v: SeriesVolume, p: FirstPass, ctx: PhaseContext): PhaseClassification {
  const roleReasons = describeVotes(p.role);
  if (isRoleDecided(p) && p.role.winner !== null) {
    return {
      phase: p.role.winner,
      confidence: round2(p.role.confidence),
      reasons: [`${p.role.winner}: derived or excluded series (${scoreText(p.role)})`, ...roleReasons],
    };
  }
  const familyReasons = describeVotes(p.family);
  if (p.familyDecision === null) {
    return {
      phase: 'other',
      confidence: 0,
      reasons: ['other: no sequence-type evidence (keywords, ImageType, TE/TR, b-values)', ...roleReasons],
    };
  }
  const inferred = p.family.winner === null;
  const familyConfidence = inferred ? INFERRED_T1_CONFIDENCE : p.family.confidence;
  const familyHead = inferred
    ? 't1: no sequence-type evidence; the phase wording of the name implies a contrast T1 series'
    : `${p.familyDecision}: sequence type (${scoreText(p.family)})`;
  if (p.familyDecision !== 't1') {
    return {
      phase: p.familyDecision,
      confidence: round2(familyConfidence),
      reasons: [familyHead, ...roleReasons, ...familyReasons],
    };
  }
  const phase = tally(collect(phaseRules, v, ctx), PHASE_TARGETS);
  const phaseReasons = describeVotes(phase);
  if (phase.winner === null) {
    return {
      phase: 'other',
      confidence: round2(familyConfidence * 0.5),
      reasons: [
        'other: T1 series with no evidence of its contrast phase (set it by hand)',
        familyHead,
        ...roleReasons,
        ...familyReasons,
        ...phaseReasons,
      ],
    };
  }
  const decided: Phase = phase.winner;
  return {
    phase: decided,
    confidence: round2(familyConfidence * phase.confidence),
    reasons: [
      `${decided}: contrast phase (${scoreText(phase)})`,
      familyHead,
      ...roleReasons,
      ...familyReasons,
      ...phaseReasons,
    ],
  };
}

/**
 * Classifies every volume of ONE study (timing rules compare the T1 series of the same study).
 * Returns one classification per input volume, in input order.
 * Two passes: role and family of every volume first, because the phase rules compare a T1 series
 * with the study's other T1 series (contrast agent present or not, acquisition order).
 */
export function classifyPhases(volumes: readonly SeriesVolume[]): PhaseClassification[] {
  const ctx = buildStudyContext(volumes);
  const passes = volumes.map((v) => firstPass(v, ctx));
  const t1Ids = new Set<string>();
  volumes.forEach((v, i) => {
    const p = passes[i];
    if (p && !isRoleDecided(p) && p.familyDecision === 't1') t1Ids.add(v.id);
  });
  const phaseCtx = buildPhaseContext(ctx, t1Ids);
  return volumes.map((v, i) => {
    const p = passes[i] ?? firstPass(v, ctx);
    return classifyOne(v, p, phaseCtx);
  });
}
