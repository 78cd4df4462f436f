import { formatNumber } from './percent-change';
import {
  MAX_TARGET_LESIONS,
  MAX_TARGET_LESIONS_PER_ORGAN,
  MEASURABLE_MIN_LONGEST_DIAMETER_MM,
} from './thresholds';
import type { CriterionSpec, LesionInput } from './types';

export interface NonTargetChoice {
  label: string;
  /** Why the lesion is not a target, in words. */
  reason: string;
}

export interface TargetSelection {
  /** Target labels, largest baseline longest diameter first. */
  targets: string[];
  /** Every other baseline lesion; they count as non-target lesions for CR. */
  nonTargets: NonTargetChoice[];
}

export const DEFAULT_ORGAN = 'liver';

export function organOf(lesion: LesionInput): string {
  const organ = lesion.organ?.trim().toLowerCase();
  return organ ? organ : DEFAULT_ORGAN;
}

/**
 * Chooses one criterion's target lesions from the baseline lesions.
 * Eligible: not designated non-target by the reader, longest diameter >= 10 mm (measurable, for every
 * criterion), and the criterion's own quantity measured and > 0 at baseline (for mRECIST/EASL/qEASL
 * that is "enhances at baseline"). Eligible lesions are ranked by whole-lesion longest diameter
 * (RECIST 1.1 picks the largest), input order breaking ties, so every criterion ranks alike and
 * differs only where enhancement rules a lesion out; then at most 2 per organ and 5 in total.
 */
export function selectTargets(
  baseline: readonly LesionInput[],
  spec: Pick<CriterionSpec, 'measure' | 'quantity' | 'unit' | 'enhancementBased'>,
): TargetSelection {
  const nonTargets: NonTargetChoice[] = [];
  const eligible: { lesion: LesionInput; order: number; diameterMm: number }[] = [];

  baseline.forEach((lesion, order) => {
    const reason = ineligibility(lesion, spec);
    if (reason !== null) nonTargets.push({ label: lesion.label, reason });
    // ineligibility() returned null, so the diameter is a number
    else eligible.push({ lesion, order, diameterMm: lesion.longestDiameterMm ?? 0 });
  });

  eligible.sort((a, b) => b.diameterMm - a.diameterMm || a.order - b.order);

  const targets: string[] = [];
  const perOrgan = new Map<string, number>();
  for (const { lesion } of eligible) {
    const organ = organOf(lesion);
    const inOrgan = perOrgan.get(organ) ?? 0;
    if (targets.length >= MAX_TARGET_LESIONS) {
      nonTargets.push({ label: lesion.label, reason: `target limit: ${MAX_TARGET_LESIONS} larger targets already chosen` });
    } else if (inOrgan >= MAX_TARGET_LESIONS_PER_ORGAN) {
      nonTargets.push({
        label: lesion.label,
        reason: `organ limit: ${MAX_TARGET_LESIONS_PER_ORGAN} larger targets already chosen in ${organ}`,
      });
    } else {
      targets.push(lesion.label);
      perOrgan.set(organ, inOrgan + 1);
    }
  }
  return { targets, nonTargets };
}

function ineligibility(
  lesion: LesionInput,
  spec: Pick<CriterionSpec, 'measure' | 'quantity' | 'unit' | 'enhancementBased'>,
): string | null {
  if (lesion.target === false) return 'designated non-target by the reader';
  const diameter = lesion.longestDiameterMm;
  if (diameter === null) return 'longest diameter not measured at baseline';
  // Same tolerance idea as percent-change.ts: 10.0 mm written as 9.9999999999 is still measurable.
  if (diameter < MEASURABLE_MIN_LONGEST_DIAMETER_MM - 1e-9) {
    return `not measurable: longest diameter ${formatNumber(diameter, 1)} mm < ${MEASURABLE_MIN_LONGEST_DIAMETER_MM} mm`;
  }
  const value = spec.measure(lesion);
  if (value === null) return `${spec.quantity} not measured at baseline`;
  if (value <= 0) {
    return spec.enhancementBased
      ? `no arterial enhancement at baseline (${spec.quantity} 0 ${spec.unit})`
      : `${spec.quantity} is 0 ${spec.unit} at baseline`;
  }
  return null;
}
