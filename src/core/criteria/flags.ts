/** Per-lesion changes and the cautions CLINICAL.md asks to surface, each with its reason. */
import { formatNumber, formatPct, isIncreaseMoreThan, percentChange } from './percent-change';
import { ADC_HAEMORRHAGE_T1_FRACTION_LIMIT, ADC_RISE_PCT, NECROTIC_SWELLING_VOLUME_INCREASE_PCT } from './thresholds';
import { EASL, WHO } from './bidimensional';
import { MRECIST, RECIST11 } from './linear';
import { QEASL, VRECIST } from './volumetric';
import type { CriterionId, CriterionResult, CriterionSpec, LesionChange, LesionInput, ResponseFlag } from './types';

/** Each size criterion with its enhancement counterpart of the same dimension (1D, 2D, 3D). */
const COUNTERPARTS: readonly (readonly [CriterionSpec, CriterionSpec])[] = [
  [RECIST11, MRECIST],
  [WHO, EASL],
  [VRECIST, QEASL],
];

function change(from: number | null | undefined, to: number | null | undefined): number | null {
  return from === null || from === undefined || to === null || to === undefined ? null : percentChange(from, to);
}

/** % changes of one lesion against its baseline entry (all null when it has none). */
export function lesionChange(baseline: LesionInput | undefined, current: LesionInput): LesionChange {
  return {
    label: current.label,
    volumeChangePct: change(baseline?.volumeMl, current.volumeMl),
    enhancingVolumeChangePct: change(baseline?.enhancingVolumeMl, current.enhancingVolumeMl),
    adcChangePct: change(baseline?.adcMeanMm2s, current.adcMeanMm2s),
    ktransChangePct: change(baseline?.ktransPerMin, current.ktransPerMin),
  };
}

const ml = (v: number): string => `${formatNumber(v, 2)} mL`;
const adc = (v: number): string => `${formatNumber(v * 1e3, 2)}e-3 mm²/s`;
const pct = (fraction: number): string => `${formatNumber(fraction * 100, 1)} %`;

/** Necrotic swelling, haemorrhage-confounded ADC and ADC rise for one lesion vs baseline. */
export function lesionFlags(
  baseline: LesionInput,
  current: LesionInput,
  haemorrhageT1FractionLimit: number = ADC_HAEMORRHAGE_T1_FRACTION_LIMIT,
): ResponseFlag[] {
  const flags: ResponseFlag[] = [];
  const lesion = current.label;
  const [v0, v1, e0, e1] = [baseline.volumeMl, current.volumeMl, baseline.enhancingVolumeMl, current.enhancingVolumeMl];
  if (v0 !== null && v1 !== null && e0 !== null && e1 !== null) {
    const volumeChange = percentChange(v0, v1);
    if (volumeChange !== null && isIncreaseMoreThan(volumeChange, NECROTIC_SWELLING_VOLUME_INCREASE_PCT) && e1 < e0) {
      flags.push({
        code: 'necroticSwelling',
        lesion,
        message:
          `${lesion}: size increase with loss of enhancement - possible necrotic swelling, not progression ` +
          `(volume ${ml(v0)} -> ${ml(v1)}, ${formatPct(volumeChange)} > +${NECROTIC_SWELLING_VOLUME_INCREASE_PCT} %; ` +
          `enhancing volume ${ml(e0)} -> ${ml(e1)}, ${formatPct(percentChange(e0, e1))}).`,
      });
    }
  }

  // Only where an ADC is reported: a haemorrhagic fraction at either end distorts the ADC change.
  if (current.adcMeanMm2s !== null) {
    const where: string[] = [];
    if (current.t1HyperintenseFraction !== null && current.t1HyperintenseFraction > haemorrhageT1FractionLimit) {
      where.push(`${pct(current.t1HyperintenseFraction)} at this time point`);
    }
    if (
      baseline.adcMeanMm2s !== null &&
      baseline.t1HyperintenseFraction !== null &&
      baseline.t1HyperintenseFraction > haemorrhageT1FractionLimit
    ) {
      where.push(`${pct(baseline.t1HyperintenseFraction)} at baseline`);
    }
    if (where.length > 0) {
      flags.push({
        code: 'adcHaemorrhage',
        lesion,
        message:
          `${lesion}: ADC possibly confounded by haemorrhage - T1-hyperintense fraction ${where.join(', ')} ` +
          `(above ${pct(haemorrhageT1FractionLimit)}); interpret DWI with T1WI.`,
      });
    }
  }

  const [a0, a1] = [baseline.adcMeanMm2s, current.adcMeanMm2s];
  const adcChange = a0 === null || a1 === null ? null : percentChange(a0, a1);
  if (a0 !== null && a1 !== null && adcChange !== null && isIncreaseMoreThan(adcChange, ADC_RISE_PCT)) {
    flags.push({
      code: 'adcRise',
      lesion,
      message:
        `${lesion}: ADC up ${formatPct(adcChange)} from baseline (${adc(a0)} -> ${adc(a1)}), ` +
        `above the +${ADC_RISE_PCT} % associated with survival after intra-arterial therapy (Bonekamp et al. 2013; not validated for systemic therapy).`,
    });
  }
  return flags;
}

/**
 * Raised when a size criterion and its enhancement counterpart (RECIST 1.1/mRECIST, WHO/EASL,
 * vRECIST/qEASL) give different categories. NE takes no part: it is missing data, not an opinion.
 */
export function disagreementFlag(criteria: Readonly<Record<CriterionId, CriterionResult>>): ResponseFlag | null {
  const pairs = COUNTERPARTS.filter(([size, enh]) => {
    const a = criteria[size.id].category;
    const b = criteria[enh.id].category;
    return a !== 'NE' && b !== 'NE' && a !== b;
  });
  if (pairs.length === 0) return null;
  const list = pairs.map(([size, enh]) => `${size.name} ${criteria[size.id].category} vs ${enh.name} ${criteria[enh.id].category}`);
  return {
    code: 'sizeEnhancementDisagreement',
    lesion: null,
    message:
      `Size and enhancement criteria disagree (${list.join(', ')}): ` +
      'loss of viable (enhancing) tumour without shrinkage is typical of anti-angiogenic response.',
  };
}

/**
 * % change of the lesion-averaged ADC mean, paired: only lesions with an ADC at baseline and at this
 * time point enter, so a lesion measured once cannot shift the average.
 */
export function meanAdcChangePct(baseline: readonly LesionInput[], current: readonly LesionInput[]): number | null {
  const before = new Map(baseline.map((l) => [l.label, l.adcMeanMm2s] as const));
  let sumBefore = 0;
  let sumNow = 0;
  let n = 0;
  for (const lesion of current) {
    const b = before.get(lesion.label);
    if (b === null || b === undefined || lesion.adcMeanMm2s === null) continue;
    sumBefore += b;
    sumNow += lesion.adcMeanMm2s;
    n += 1;
  }
  // Ratio of sums equals ratio of means for the same n.
  return n === 0 ? null : percentChange(sumBefore, sumNow);
}
