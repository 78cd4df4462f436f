/** Response criteria (pure): RECIST 1.1, WHO, mRECIST, EASL, qEASL, vRECIST, with reasons and flags. */
export { assessResponse, selectAllTargets, CRITERIA } from './assess';
export { classifyTimePoint, meetsPd, type ClassifyInput, type EvaluatedSum } from './classify';
export { disagreementFlag, lesionChange, lesionFlags, meanAdcChangePct } from './flags';
export { RECIST11, MRECIST, hasDisappeared } from './linear';
export { WHO, EASL, diameterProduct } from './bidimensional';
export { QEASL, VRECIST } from './volumetric';
export {
  percentChange,
  isDecreaseAtLeast,
  isIncreaseAtLeast,
  isIncreaseMoreThan,
  isAbsoluteIncreaseAtLeast,
  formatNumber,
  formatPct,
  PCT_TOLERANCE,
  ABSOLUTE_TOLERANCE,
} from './percent-change';
export { selectTargets, organOf, DEFAULT_ORGAN, type TargetSelection, type NonTargetChoice } from './target-selection';
export * from './thresholds';
export * from './types';
