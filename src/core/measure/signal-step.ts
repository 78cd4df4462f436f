/**
 * Per-series signal figures of one lesion, each on the series' own grid (masks mapped there):
 * intensity statistics of every single-series role, T1 and T2 ratios to the liver reference, and
 * the T1-hyperintense fraction on the pre-contrast series.
 */
import { HccError } from '../errors';
import { intensityStats, maskedMoments, t1Hyperintense, type IjkBox, type T1HyperintensityRule } from '../kernels';
import type { Mask3D, Volume3D } from '../types/volume';
import { LESION_FLAG, withReason } from './flags';
import type { IntensitySummary, T1HyperintensityRecord } from './inputs';
import type { MaskMapper } from './masks-on-grids';

/** Runs a kernel whose input can legitimately be unusable (e.g. a one-voxel reference): null + reason instead of failing the lesion. */
export function orNull<T>(run: () => T, flags: string[], flag: string): T | null {
  try {
    return run();
  } catch (error) {
    if (error instanceof HccError && error.code === 'INVALID_INPUT') {
      flags.push(`${flag}: ${error.message}`);
      return null;
    }
    throw error;
  }
}

export interface PreStepResult {
  t1HyperintenseFraction: number | null;
  /** Hyperintense tumour voxels on the pre-contrast grid (for the ADC exclusion); null when unknown. */
  hyperintense: { mask: Mask3D; box: IjkBox | null } | null;
  record: T1HyperintensityRecord | null;
}

/** T1 hyperintensity: needs the pre-contrast series and the liver reference. */
export function preStep(pre: Volume3D, tumour: MaskMapper, reference: MaskMapper, rule: T1HyperintensityRule, flags: string[]): PreStepResult {
  const t = tumour(pre);
  const r = reference(pre);
  const none: PreStepResult = { t1HyperintenseFraction: null, hyperintense: null, record: null };
  if (!t.box) return none;
  if (!r.box) {
    flags.push(withReason(LESION_FLAG.noLiverReference, 'the liver reference ROI misses the pre-contrast series'));
    return none;
  }
  const hyper = orNull(
    () => t1Hyperintense({ t1: pre, tumour: t.mask, tumourBox: t.box!, liverReference: r.mask, referenceBox: r.box!, rule }),
    flags,
    LESION_FLAG.t1HyperintensityUnavailable,
  );
  return {
    t1HyperintenseFraction: hyper?.hyperintenseFraction ?? null,
    hyperintense: hyper ? { mask: hyper.hyperintense, box: hyper.box } : null,
    record: hyper
      ? { rule: hyper.rule, thresholdSignal: hyper.thresholdSignal, liverMeanSignal: hyper.liverMeanSignal, liverSdSignal: hyper.liverSdSignal, liverVoxels: hyper.liverVoxels }
      : null,
  };
}

/**
 * Tumour / liver-reference ratio of means on one series (T1 on pre-contrast, T2), the definition of
 * kernels/signal-ratio. The tumour mean is the one of the series' intensity statistics (same voxels,
 * same order, so the same number), which spares a second pass over a possibly large tumour.
 */
export function ratioStep(image: Volume3D, tumourMeanSignal: number | null, tumour: MaskMapper, reference: MaskMapper): number | null {
  const t = tumour(image);
  const r = reference(image);
  if (!t.box || !r.box || tumourMeanSignal === null) return null;
  const liver = maskedMoments({ image, mask: r.mask, box: r.box, exclude: t.mask });
  return ratioOfMeans(tumourMeanSignal, liver.meanSignal);
}

/** signalRatio's rule: null when a mean is unknown or the liver mean is not positive. */
export function ratioOfMeans(tumourMeanSignal: number | null, liverMeanSignal: number | null): number | null {
  return tumourMeanSignal !== null && liverMeanSignal !== null && liverMeanSignal > 0 ? tumourMeanSignal / liverMeanSignal : null;
}

/** Intensity statistics of the tumour on one series; null when the tumour misses its grid. */
export function intensityStep(image: Volume3D, tumour: MaskMapper): IntensitySummary | null {
  const t = tumour(image);
  if (!t.box) return null;
  const s = intensityStats({ volume: image, mask: t.mask, box: t.box });
  return {
    voxels: s.count,
    meanSignal: s.mean,
    sdSignal: s.sd,
    minSignal: s.min,
    maxSignal: s.max,
    medianSignal: s.median,
    p10Signal: s.p10,
    p25Signal: s.p25,
    p75Signal: s.p75,
    p90Signal: s.p90,
    histogram: s.histogram,
  };
}
