/**
 * The rules every criterion shares (RECIST 1.1 section 4.4 and Table 1, which mRECIST, EASL and the
 * volumetric criteria follow): sums over targets, baseline and nadir, then new lesion / non-target
 * progression -> PD, missing target -> NE, PD vs nadir, CR, PR vs baseline, otherwise SD.
 */
import {
  formatNumber,
  formatPct,
  isAbsoluteIncreaseAtLeast,
  isDecreaseAtLeast,
  isIncreaseAtLeast,
  isIncreaseMoreThan,
  percentChange,
} from './percent-change';
import type { TargetSelection } from './target-selection';
import type { CriterionResult, CriterionSpec, LesionInput, ResponseCategory, TimePointInput } from './types';

export interface EvaluatedSum {
  timePoint: number;
  sum: number;
}

export interface ClassifyInput {
  spec: CriterionSpec;
  selection: TargetSelection;
  baseline: TimePointInput;
  current: TimePointInput;
  timePoint: number;
  /** Complete sums of this criterion at earlier follow-ups (baseline excluded; it is computed here). */
  earlierSums: readonly EvaluatedSum[];
  /** Names time points in reasons. */
  nameOf: (timePoint: number) => string;
}

export function classifyTimePoint(input: ClassifyInput): CriterionResult {
  const { spec, selection, current, earlierSums, nameOf } = input;
  const u = spec.unit;
  const decimals = u === 'mL' ? 2 : 1;
  const amount = (value: number): string => `${formatNumber(value, decimals)} ${u}`;
  const reasons: string[] = [targetLine(spec, selection)];
  const baselineSum = baselineSumOf(spec, selection, input.baseline);
  const hasTargets = selection.targets.length > 0;
  // Nadir: smallest complete sum so far, baseline included; the earliest wins a tie.
  const nadir = earlierSums.reduce((best, s) => (s.sum < best.sum ? s : best), { timePoint: 0, sum: baselineSum });
  const nadirName = nadir.timePoint === 0 ? 'baseline' : nameOf(nadir.timePoint);
  const result = (category: ResponseCategory, sum: number | null, extra: Partial<CriterionResult> = {}): CriterionResult => ({
    category,
    sum,
    changeFromBaselinePct: null,
    changeFromNadirPct: null,
    reasons,
    unit: u,
    baselineSum: hasTargets ? baselineSum : null,
    nadirSum: hasTargets ? nadir.sum : null,
    nadirTimePoint: hasTargets ? nadir.timePoint : null,
    targets: [...selection.targets],
    ...extra,
  });

  const progression = overridingProgression(current);
  if (!hasTargets) {
    reasons.push(`No target lesion qualifies for ${spec.name} at baseline.`);
    if (progression) {
      reasons.push(progression);
      return result('PD', null);
    }
    reasons.push(`NE: no ${spec.sumName} can be formed.`);
    return result('NE', null);
  }

  const byLabel = new Map(current.lesions.map((l) => [l.label, l] as const));
  const values = selection.targets.map((label) => {
    const lesion = byLabel.get(label);
    return { label, value: lesion ? spec.measure(lesion) : null };
  });
  const missing = values.filter((v) => v.value === null).map((v) => v.label);
  const partial = values.reduce((s, v) => s + (v.value ?? 0), 0);
  const pdRule = pdRuleText(spec);

  if (missing.length > 0) {
    reasons.push(`${spec.quantity} not measured at this time point: ${missing.join(', ')}.`);
    const measured = `measured targets alone: ${amount(partial)}, ${formatPct(percentChange(nadir.sum, partial))} vs nadir ${amount(nadir.sum)} (${nadirName})`;
    if (progression) {
      reasons.push(`${capitalise(measured)}.`, progression);
      return result('PD', null);
    }
    // A partial sum is a lower bound of the full sum, so PD on it cannot be undone by the missing values.
    if (meetsPd(spec, nadir.sum, partial)) {
      reasons.push(`PD: ${measured}, already ${pdRule} whatever the missing values (${spec.citation}).`);
      return result('PD', null);
    }
    reasons.push(`NE: a target measurement is missing, so the ${spec.sumName} cannot be formed (${measured}).`);
    return result('NE', null);
  }

  const sum = partial;
  const vsBaseline = percentChange(baselineSum, sum);
  const vsNadir = percentChange(nadir.sum, sum);
  const sums = { changeFromBaselinePct: vsBaseline, changeFromNadirPct: vsNadir };
  reasons.push(
    `${capitalise(spec.sumName)} ${amount(sum)}; baseline ${amount(baselineSum)} (${formatPct(vsBaseline)}); ` +
      `nadir ${amount(nadir.sum)} at ${nadirName} (${formatPct(vsNadir)}, ${signed(sum - nadir.sum, decimals)} ${u}).`,
  );

  if (progression) {
    reasons.push(progression);
    return result('PD', sum, sums);
  }
  if (nadir.sum === 0 && sum > 0) {
    reasons.push(`PD: target disease reappeared after complete disappearance (nadir 0 ${u} at ${nadirName}).`);
    return result('PD', sum, sums);
  }
  if (meetsPd(spec, nadir.sum, sum)) {
    reasons.push(`PD: ${formatPct(vsNadir)} vs nadir meets ${pdRule} (${spec.citation}).`);
    return result('PD', sum, sums);
  }
  if (sum === 0) {
    const nonTargets = nonTargetPersistence(input);
    const gone = `every target ${spec.goneDescription}`;
    if (nonTargets.length === 0) {
      reasons.push(`CR: ${gone}, non-target lesions absent, no new lesion (${spec.citation}).`);
      return result('CR', sum, sums);
    }
    reasons.push(
      `PR, not CR: ${gone}, but ${nonTargets.join('; ')} - targets gone with non-targets persisting or not evaluated is PR (RECIST 1.1 Table 1).`,
    );
    return result('PR', sum, sums);
  }
  const prRule = `a decrease of >= ${spec.prDecreasePct} % vs baseline`;
  if (vsBaseline !== null && isDecreaseAtLeast(vsBaseline, spec.prDecreasePct)) {
    reasons.push(`PR: ${formatPct(vsBaseline)} vs baseline meets ${prRule} (${spec.citation}).`);
    return result('PR', sum, sums);
  }
  const nearMiss =
    spec.pdMinAbsoluteIncrease !== null && vsNadir !== null && isIncreaseAtLeast(vsNadir, spec.pdIncreasePct)
      ? ` (the ${spec.pdIncreasePct} % increase is met, but ${signed(sum - nadir.sum, decimals)} ${u} is below the ${spec.pdMinAbsoluteIncrease} ${u} absolute minimum)`
      : '';
  reasons.push(
    `SD: ${formatPct(vsBaseline)} vs baseline does not reach ${prRule}; ${formatPct(vsNadir)} vs nadir does not meet ${pdRule}${nearMiss} (${spec.citation}).`,
  );
  return result('SD', sum, sums);
}

/** Sum at baseline; selection guarantees every target was measured (> 0) there. */
function baselineSumOf(spec: CriterionSpec, selection: TargetSelection, baseline: TimePointInput): number {
  const byLabel = new Map(baseline.lesions.map((l) => [l.label, l] as const));
  return selection.targets.reduce((s, label) => {
    const lesion = byLabel.get(label);
    return s + ((lesion ? spec.measure(lesion) : null) ?? 0);
  }, 0);
}

/** PD test of a sum against the nadir, with the criterion's inclusive/strict and absolute rules. */
export function meetsPd(spec: CriterionSpec, nadirSum: number, sum: number): boolean {
  const change = percentChange(nadirSum, sum);
  if (change === null) return sum > 0;
  const relative = spec.pdInclusive
    ? isIncreaseAtLeast(change, spec.pdIncreasePct)
    : isIncreaseMoreThan(change, spec.pdIncreasePct);
  const absolute =
    spec.pdMinAbsoluteIncrease === null || isAbsoluteIncreaseAtLeast(nadirSum, sum, spec.pdMinAbsoluteIncrease);
  return relative && absolute;
}

function pdRuleText(spec: CriterionSpec): string {
  const relative = `${spec.pdInclusive ? '>=' : '>'} +${spec.pdIncreasePct} % vs nadir`;
  return spec.pdMinAbsoluteIncrease === null
    ? `${relative}${spec.id === 'mrecist' ? ' (no absolute minimum in mRECIST)' : ''}`
    : `${relative} and >= ${spec.pdMinAbsoluteIncrease} ${spec.unit} absolute`;
}

/** New lesion or unequivocal non-target progression: PD under every criterion, whatever the sums. */
function overridingProgression(current: TimePointInput): string | null {
  if (current.newLesion === true) return 'PD: new lesion recorded (any new lesion is progression under every criterion).';
  if (current.nonTargetStatus === 'unequivocalProgression') return 'PD: unequivocal progression of non-target lesions.';
  return null;
}

/**
 * Why non-target disease is not known to be gone (empty = gone): the reader's status, and the
 * criterion's own quantity on baseline lesions that are not its targets (for enhancement criteria a
 * lesion without enhancement counts as gone, as in mRECIST's non-target CR).
 */
function nonTargetPersistence({ spec, selection, baseline, current }: ClassifyInput): string[] {
  const out: string[] = [];
  if (current.nonTargetStatus === 'present') out.push('the reader records non-target lesions present');
  const recordedAtBaseline = baseline.nonTargetStatus === 'present' || baseline.nonTargetStatus === 'unequivocalProgression';
  if ((current.nonTargetStatus ?? null) === null && recordedAtBaseline) {
    out.push('non-target lesions recorded at baseline were not assessed at this time point');
  }
  const byLabel = new Map<string, LesionInput>(current.lesions.map((l) => [l.label, l]));
  for (const { label } of selection.nonTargets) {
    const lesion = byLabel.get(label);
    const value = lesion ? spec.measure(lesion) : null;
    if (value === null) out.push(`non-target ${label} not evaluated (${spec.quantity} not measured)`);
    else if (value > 0) out.push(`non-target ${label} persists (${spec.quantity} ${formatNumber(value, 2)} ${spec.unit})`);
  }
  return out;
}

function targetLine(spec: CriterionSpec, selection: TargetSelection): string {
  const targets = selection.targets.length > 0 ? selection.targets.join(', ') : 'none';
  const others = selection.nonTargets.map((n) => `${n.label} (${n.reason})`);
  return `${spec.name} targets: ${targets}${others.length > 0 ? `; not targets: ${others.join('; ')}` : ''}.`;
}

function signed(value: number, decimals: number): string {
  const text = formatNumber(value, decimals);
  return value > 0 && text !== '0' ? `+${text}` : text;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
