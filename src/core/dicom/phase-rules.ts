import { CONTRAST_RULES } from './phase-rules-contrast';
import { FAMILY_RULES, ROLE_RULES } from './phase-rules-sequence';
import type { ClassificationRule } from './phase-types';

/**
 * THE phase rule table. Every row: id, stage, what it looks at, the target it votes for, a weight
 * (negative = evidence against the target), a summary, and evaluate() returning the evidence in words
 * or null. Rows never decide alone: phase-classify.ts sums the votes per stage and reports them all.
 *
 * Weights: 5-6 tag that settles it (ImageType ADC, MRCP), 3-4 explicit name or recorded timing,
 * 2 indirect evidence (TE/TR, acquisition order, abbreviations), 1 weak hint (ProtocolName).
 *
 * Stages, in order (see phase-types.ts):
 *  - role:   derived/excluded series (ADC map, subtraction, Dixon fat/in/opp, MRCP, localizer, not MR)
 *  - family: T1 gradient echo / T2 / diffusion
 *  - phase:  for T1 only: pre, arterial, portal venous, delayed, hepatobiliary, or a DCE series;
 *            the timing rows are generated from TIME_WINDOWS (phase-timing.ts), once per source
 *            (recorded bolus start, delay written in the name, acquisition order).
 */
export const PHASE_RULES: readonly ClassificationRule[] = [...ROLE_RULES, ...FAMILY_RULES, ...CONTRAST_RULES];
