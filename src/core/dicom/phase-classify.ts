import type { PhaseClassification, SeriesVolume } from './model';

/**
 * Classifies every volume of ONE study (timing rules compare the T1 series of the same study).
 * Returns one classification per input volume, in input order.
 * (Placeholder while the rule table is written; replaced by the rule-table implementation.)
 */
export function classifyPhases(volumes: readonly SeriesVolume[]): PhaseClassification[] {
  return volumes.map(() => ({ phase: 'other', confidence: 0, reasons: ['not classified yet'] }));
}
