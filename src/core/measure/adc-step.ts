/**
 * ADC of one lesion: from the scanner map (unit detected or declared) or a mono-exponential fit of
 * the DWI b-values, over the tumour mapped onto the DWI/ADC grid through patient coordinates,
 * optionally without the T1-hyperintense voxels (mapped there from the pre-contrast grid).
 * The preferred source is tried first; the other one only when the first is missing or unusable.
 */
import { adcStats, detectAdcUnit, fitAdc, type AdcStatsResult, type AdcStorageUnit, type DetectAdcUnitResult } from '../kernels';
import type { GridGeometry, Mask3D, Volume3D } from '../types/volume';
import type { AdcSourcePreference } from './config';
import { LESION_FLAG, withReason } from './flags';
import type { AdcRecord, RoleVolumes } from './inputs';
import { maskMapper, type MaskMapper, type MaskOnGrid } from './masks-on-grids';
import { orNull } from './signal-step';
import type { AdcSummary } from './types';

/** An ADC figure from fewer voxels has no SD; AdcSummary needs one, so fewer is reported as unknown. */
export const MIN_ADC_VOXELS = 2;

export interface AdcStepParams {
  volumes: RoleVolumes;
  tumour: MaskMapper;
  preference: AdcSourcePreference;
  fitMinBValueSmm2: number;
  excludeT1Hyperintense: boolean;
  /** Hyperintense tumour voxels on the pre-contrast grid; null when unknown. */
  hyperintense: { mask: Mask3D; box: MaskOnGrid['box'] } | null;
  flags: string[];
}

export interface AdcStepResult {
  adc: AdcSummary | null;
  record: AdcRecord | null;
}

type Source = 'map' | 'fit';

export function adcStep(p: AdcStepParams): AdcStepResult {
  const available: Record<Source, boolean> = {
    map: p.volumes.adcMap !== null,
    fit: new Set(p.volumes.dwi.map((d) => d.bValueSmm2)).size >= 2,
  };
  const order: Source[] = p.preference === 'map' ? ['map', 'fit'] : ['fit', 'map'];
  const candidates = order.filter((s) => available[s]);
  if (candidates.length === 0) {
    p.flags.push(withReason(LESION_FLAG.noAdc, 'neither an ADC map nor a DWI series with two b-values'));
    return { adc: null, record: null };
  }
  // Each attempt collects its own flags: the reasons of a failed source are reported only when no source works.
  const failures: string[] = [];
  for (const source of candidates) {
    const flags: string[] = [];
    const attempt = source === 'map' ? fromMap(p, flags) : fromFit(p, flags);
    if (!attempt) {
      failures.push(...flags);
      continue;
    }
    if (source !== p.preference) {
      const why = available[p.preference] ? `preferred ${p.preference} unusable (${failures.join('; ')})` : `no ${p.preference === 'map' ? 'ADC map' : 'DWI series with two b-values'}`;
      p.flags.push(withReason(source === 'fit' ? LESION_FLAG.adcFromFit : LESION_FLAG.adcFromMap, why));
    }
    p.flags.push(...flags);
    return attempt;
  }
  p.flags.push(...failures);
  return { adc: null, record: null };
}

interface Prepared {
  tumour: MaskOnGrid;
  exclude: Mask3D | null;
}

/** The ROI (and the exclusion) on the ADC grid; null (with a reason) when the tumour misses it. */
function prepare(p: AdcStepParams, grid: GridGeometry, what: string, flags: string[]): Prepared | null {
  const tumour = p.tumour(grid);
  if (!tumour.box) {
    flags.push(withReason(LESION_FLAG.adcUnavailable, `the tumour lies outside the ${what}`));
    return null;
  }
  let exclude: Mask3D | null = null;
  if (p.excludeT1Hyperintense) {
    if (p.hyperintense) exclude = maskMapper(p.hyperintense.mask, p.hyperintense.box)(grid).mask;
    else flags.push(withReason(LESION_FLAG.adcExclusionNotApplied, 'T1 hyperintensity unknown (pre-contrast series or liver reference missing)'));
  }
  return { tumour, exclude };
}

function fromMap(p: AdcStepParams, flags: string[]): AdcStepResult | null {
  const map = p.volumes.adcMap!;
  const prep = prepare(p, map, 'ADC map', flags);
  if (!prep) return null;
  const declared = p.volumes.adcMapUnit ?? null;
  let detection: DetectAdcUnitResult | null = null;
  if (!declared) {
    // Detected on the ROI's own values: background and noise outside the body cannot sway it.
    detection = orNull(() => detectAdcUnit({ adcMap: map, mask: prep.tumour.mask, box: prep.tumour.box! }), flags, LESION_FLAG.adcUnavailable);
    if (!detection) return null;
  }
  const unit: AdcStorageUnit = declared ?? detection!.unit;
  const stats = adcStats({ adc: map, unit, mask: prep.tumour.mask, box: prep.tumour.box!, exclude: prep.exclude });
  return finish(flags, stats, {
    source: 'map', unitSource: declared ? 'declared' : 'detected', storedUnit: unit, detection, usedBValuesSmm2: null, perfusionSuppressed: null,
  }, prep.exclude !== null);
}

function fromFit(p: AdcStepParams, flags: string[]): AdcStepResult | null {
  const dwi = [...p.volumes.dwi].sort((a, b) => a.bValueSmm2 - b.bValueSmm2);
  const grid: Volume3D = dwi[0]!.volume;
  const prep = prepare(p, grid, 'DWI series', flags);
  if (!prep) return null;
  const fit = orNull(
    () => fitAdc({
      dwi: dwi.map((d) => d.volume),
      bValuesSmm2: dwi.map((d) => d.bValueSmm2),
      mask: prep.tumour.mask,
      box: prep.tumour.box!,
      minBValueSmm2: p.fitMinBValueSmm2,
    }),
    flags,
    LESION_FLAG.adcUnavailable,
  );
  if (!fit) return null;
  const stats = adcStats({ adc: fit.adcMm2s, unit: 'mm2/s', mask: prep.tumour.mask, box: prep.tumour.box!, exclude: prep.exclude });
  return finish(flags, stats, {
    source: 'fit', unitSource: 'fit', storedUnit: 'mm2/s', detection: null, usedBValuesSmm2: fit.usedBValuesSmm2, perfusionSuppressed: fit.perfusionSuppressed,
  }, prep.exclude !== null);
}

function finish(
  flags: string[],
  s: AdcStatsResult,
  how: Pick<AdcRecord, 'source' | 'unitSource' | 'storedUnit' | 'detection' | 'usedBValuesSmm2' | 'perfusionSuppressed'>,
  excluded: boolean,
): AdcStepResult | null {
  if (s.voxels < MIN_ADC_VOXELS || s.meanMm2s === null || s.sdMm2s === null) {
    flags.push(withReason(LESION_FLAG.adcUnavailable, `${s.voxels} usable ROI voxel(s) on the ${how.source === 'map' ? 'ADC map' : 'DWI'} grid (${MIN_ADC_VOXELS} needed)`));
    return null;
  }
  if (excluded) flags.push(withReason(LESION_FLAG.adcT1HyperintenseExcluded, `${s.excludedVoxels} of ${s.maskVoxels} voxels`));
  return {
    adc: {
      meanMm2s: s.meanMm2s,
      medianMm2s: s.medianMm2s!,
      sdMm2s: s.sdMm2s,
      p10Mm2s: s.p10Mm2s!,
      p25Mm2s: s.p25Mm2s!,
      p75Mm2s: s.p75Mm2s!,
      p90Mm2s: s.p90Mm2s!,
      voxels: s.voxels,
    },
    record: {
      ...how,
      t1HyperintenseExcluded: excluded,
      maskVoxels: s.maskVoxels,
      excludedVoxels: s.excludedVoxels,
      nonFiniteVoxels: s.nonFiniteVoxels,
      histogram: s.histogram ? { edgesMm2s: s.histogram.edgesMm2s, counts: s.histogram.counts } : null,
    },
  };
}
