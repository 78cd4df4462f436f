import { describe, expect, it } from 'vitest';
import { disagreementFlag, lesionFlags, meanAdcChangePct } from './flags';
import { lesion } from './test-fixtures';
import { CRITERION_IDS, type CriterionId, type CriterionResult, type LesionInput, type ResponseCategory } from './types';

const vol = (volumeMl: number | null, enhancingVolumeMl: number | null) => lesion('Lesion 1', { volumeMl, enhancingVolumeMl });
const codes = (base: LesionInput, now: LesionInput, limit?: number) => lesionFlags(base, now, limit).map((f) => f.code);

describe('necrotic swelling (total volume up > 20 % while enhancing volume falls)', () => {
  it.each([
    ['50 -> 60 mL is exactly +20 %: not more than 20 %', vol(50, 40), vol(60, 10), false],
    ['50 -> 60.05 mL is +20.1 % with enhancing 40 -> 10 mL', vol(50, 40), vol(60.05, 10), true],
    ['50 -> 80 mL, enhancing unchanged 40 mL', vol(50, 40), vol(80, 40), false],
    ['50 -> 80 mL, enhancing rising 40 -> 45 mL', vol(50, 40), vol(80, 45), false],
    ['volume unknown at follow-up', vol(50, 40), vol(null, 10), false],
  ])('%s -> flagged %s', (_name, base, now, expected) => {
    expect(codes(base, now).includes('necroticSwelling')).toBe(expected);
  });

  it('states the numbers', () => {
    const [flag] = lesionFlags(vol(50, 40), vol(80, 10));
    // 50 -> 80: +30 mL = +60 %; 40 -> 10: -75 %.
    expect(flag?.message).toBe(
      'Lesion 1: size increase with loss of enhancement - possible necrotic swelling, not progression ' +
        '(volume 50 mL -> 80 mL, +60 % > +20 %; enhancing volume 40 mL -> 10 mL, -75 %).',
    );
    expect(flag?.lesion).toBe('Lesion 1');
  });
});

describe('ADC possibly confounded by haemorrhage (T1-hyperintense fraction > 0.10)', () => {
  const adc = (adcMeanMm2s: number | null, t1HyperintenseFraction: number | null) =>
    lesion('Lesion 1', { adcMeanMm2s, t1HyperintenseFraction });
  it.each([
    ['fraction exactly 0.10 now', adc(1e-3, 0), adc(1.1e-3, 0.1), false],
    ['fraction 0.11 now', adc(1e-3, 0), adc(1.1e-3, 0.11), true],
    ['fraction 0.5 now but no ADC measured', adc(1e-3, 0), adc(null, 0.5), false],
    ['fraction 0.2 at baseline with ADC at both', adc(1e-3, 0.2), adc(1.1e-3, 0), true],
  ])('%s -> flagged %s', (_name, base, now, expected) => {
    expect(codes(base, now).includes('adcHaemorrhage')).toBe(expected);
  });

  it('the limit is an option', () => {
    expect(codes(adc(1e-3, 0), adc(1.1e-3, 0.2), 0.3)).not.toContain('adcHaemorrhage');
  });
});

describe('ADC rise > 25 % (Bonekamp/Kamel 2013)', () => {
  const adc = (v: number | null) => lesion('Lesion 1', { adcMeanMm2s: v });
  it.each([
    ['1.00 -> 1.25e-3 mm²/s is +25 %: not more than 25 %', 1e-3, 1.25e-3, false],
    ['1.00 -> 1.26e-3 mm²/s is +26 %', 1e-3, 1.26e-3, true],
    ['1.00 -> 0.80e-3 mm²/s is a fall', 1e-3, 0.8e-3, false],
  ])('%s -> flagged %s', (_name, a, b, expected) => {
    expect(codes(adc(a), adc(b)).includes('adcRise')).toBe(expected);
  });
});

function criteria(categories: Partial<Record<CriterionId, ResponseCategory>>): Record<CriterionId, CriterionResult> {
  const entry = (category: ResponseCategory): CriterionResult => ({
    category,
    sum: null,
    changeFromBaselinePct: null,
    changeFromNadirPct: null,
    reasons: [],
    unit: 'mm',
    baselineSum: null,
    nadirSum: null,
    nadirTimePoint: null,
    targets: [],
  });
  return Object.fromEntries(CRITERION_IDS.map((id) => [id, entry(categories[id] ?? 'SD')])) as Record<CriterionId, CriterionResult>;
}

describe('size vs enhancement disagreement', () => {
  it('all SD: no flag', () => {
    expect(disagreementFlag(criteria({}))).toBeNull();
  });

  it('RECIST SD vs mRECIST PR: flagged, naming the pair', () => {
    const flag = disagreementFlag(criteria({ mrecist: 'PR' }));
    expect(flag?.code).toBe('sizeEnhancementDisagreement');
    expect(flag?.lesion).toBeNull();
    expect(flag?.message).toContain('RECIST 1.1 SD vs mRECIST PR');
    expect(flag?.message).not.toContain('WHO');
  });

  it('NE on one side is not a disagreement', () => {
    expect(disagreementFlag(criteria({ recist11: 'NE', mrecist: 'PR', who: 'NE', easl: 'PR', vrecist: 'NE', qeasl: 'PR' }))).toBeNull();
  });

  it('RECIST PD with mRECIST PD agree even when WHO/EASL say SD', () => {
    expect(disagreementFlag(criteria({ recist11: 'PD', mrecist: 'PD' }))).toBeNull();
  });
});

describe('time-point ADC change', () => {
  it('pairs lesions: only those with ADC at baseline and now enter', () => {
    const base = [lesion('Lesion 1', { adcMeanMm2s: 1e-3 }), lesion('Lesion 2', { adcMeanMm2s: 1e-3 })];
    const now = [lesion('Lesion 1', { adcMeanMm2s: 1.5e-3 }), lesion('Lesion 2', { adcMeanMm2s: null }), lesion('Lesion 3', { adcMeanMm2s: 3e-3 })];
    // Only Lesion 1: 1.0 -> 1.5e-3 = +50 %.
    expect(meanAdcChangePct(base, now)).toBeCloseTo(50, 9);
    // Lesions 1 and 2: mean 1.0 -> mean (1.5 + 0.9) / 2 = 1.2e-3 = +20 %.
    const both = [lesion('Lesion 1', { adcMeanMm2s: 1.5e-3 }), lesion('Lesion 2', { adcMeanMm2s: 0.9e-3 })];
    expect(meanAdcChangePct(base, both)).toBeCloseTo(20, 9);
    expect(meanAdcChangePct(base, [lesion('Lesion 3', { adcMeanMm2s: 3e-3 })])).toBeNull();
  });
});
