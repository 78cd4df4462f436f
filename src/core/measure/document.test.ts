// measurements.json assembly from hand-made lesion results (no voxels): response, flags, method, JSON.
import { describe, expect, it } from 'vitest';
import { resolveMeasureConfig } from './config';
import { buildMeasurementsDocument } from './document';
import { RESPONSE_FLAG_CODES } from './flags';
import type { AdcRecord, LesionResult, TimePointResult } from './inputs';
import { nullMeasurement } from './lesion';
import type { LesionMeasurement } from './types';

const SERIES = { pre: 'p', arterial: 'a', portalVenous: 'pv', delayed: 'd', t2: 't2', dwi: 'dwi', adc: 'adc' };
const ADC_RECORD: AdcRecord = {
  source: 'map', unitSource: 'detected', storedUnit: '1e-6 mm2/s', detection: null, usedBValuesSmm2: null, perfusionSuppressed: null,
  t1HyperintenseExcluded: false, maskVoxels: 10, excludedVoxels: 0, nonFiniteVoxels: 0, histogram: { edgesMm2s: new Float64Array([0, 1]), counts: new Uint32Array([10]) },
};

function result(m: Partial<LesionMeasurement>, adcSource: 'map' | 'fit' | null = 'map'): LesionResult {
  return {
    measurement: { ...nullMeasurement('Lesion 1', true, []), ...m },
    method: { enhancement: { source: 'automatic', kind: 'relative-threshold', threshold: 0.5 }, t1Hyperintensity: null, adc: adcSource ? { ...ADC_RECORD, source: adcSource } : null, mappedRoles: ['dwi', 'adc'] },
    intensity: { pre: null, arterial: null, portalVenous: null, delayed: null, t2: null },
    enhancingMask: null,
  };
}
const adc = (meanMm2s: number) => ({ meanMm2s, medianMm2s: meanMm2s, sdMm2s: 1e-5, p10Mm2s: meanMm2s, p25Mm2s: meanMm2s, p75Mm2s: meanMm2s, p90Mm2s: meanMm2s, voxels: 10 });

function timePoint(label: string, lesion: LesionResult): TimePointResult {
  return { studyInstanceUid: `uid-${label}`, studyDate: '2024-01-15', label, series: SERIES, lesions: [lesion], organs: ['liver'], nonTargetStatus: null, newLesion: false };
}

// Lesion 1: 40 x 40 mm, 30 mL all enhancing -> 42 x 42 mm, 40 mL (+33 %), 6 mL enhancing, viable 20 x 20 mm.
const BASELINE = result({ longestDiameterMm: 40, perpendicularDiameterMm: 40, viableLongestDiameterMm: 40, viablePerpendicularDiameterMm: 40, volumeMl: 30, enhancingVolumeMl: 30, necroticVolumeMl: 0, enhancingFraction: 1, adc: adc(1.0e-3), t1HyperintenseFraction: 0 });
const FOLLOW_UP = result({ longestDiameterMm: 42, perpendicularDiameterMm: 42, viableLongestDiameterMm: 20, viablePerpendicularDiameterMm: 20, volumeMl: 40, enhancingVolumeMl: 6, necroticVolumeMl: 34, enhancingFraction: 0.15, adc: adc(1.5e-3), t1HyperintenseFraction: 0 });
const GENERATOR = { name: 'hcc-response', version: '0.1.0' };

describe('buildMeasurementsDocument', () => {
  const doc = buildMeasurementsDocument({ generator: GENERATOR, config: resolveMeasureConfig(), timePoints: [timePoint('Baseline', BASELINE), timePoint('Follow-up 1', FOLLOW_UP)] });

  it('one response per follow-up, every criterion, worked by hand', () => {
    expect(doc.response).toHaveLength(1);
    const r = doc.response[0]!;
    expect(r).toMatchObject({ timePoint: 1, vsBaseline: 0, vsNadir: 0 });
    // RECIST 40 -> 42 (+5 %): SD. mRECIST 40 -> 20 (-50 %): PR. WHO 1600 -> 1764 (+10.25 %): SD. EASL 1600 -> 400 (-75 %): PR.
    // vRECIST 30 -> 40 (+33 %): SD. qEASL 30 -> 6 (-80 %): PR.
    expect(Object.fromEntries(Object.entries(r.criteria).map(([k, c]) => [k, c.category]))).toEqual({ recist11: 'SD', who: 'SD', mrecist: 'PR', easl: 'PR', qeasl: 'PR', vrecist: 'SD' });
    expect(r.criteria.recist11.sum).toBe(42);
    expect(r.criteria.recist11.changeFromBaselinePct).toBeCloseTo(5, 12);
    expect(r.criteria.who.sum).toBe(1764);
    expect(r.adcChangePct).toBeCloseTo(50, 12);
  });

  it('lesion flags of the response are copied onto the lesion they concern, at that time point only', () => {
    expect(doc.timePoints[1]!.lesions[0]!.flags).toEqual([RESPONSE_FLAG_CODES.necroticSwelling, RESPONSE_FLAG_CODES.adcRise]);
    expect(doc.timePoints[0]!.lesions[0]!.flags).toEqual([]);
    // The inputs are not modified.
    expect(FOLLOW_UP.measurement.flags).toEqual([]);
  });

  it('records the method and what was done per lesion, as plain JSON', () => {
    expect(doc.method.adcSource).toBe('map');
    expect(doc.method.enhancement).toEqual({ kind: 'relative-threshold', threshold: 0.5, userDrawnOverrides: true });
    const perTimePoint = doc.method.timePoints as { lesions: { adc: Record<string, unknown> }[] }[];
    expect(perTimePoint[1]!.lesions[0]!.adc).not.toHaveProperty('histogram');
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
    expect(doc.generator).toEqual(GENERATOR);
  });

  it('adcSource is null when sources differ between time points (each lesion records its own)', () => {
    const mixed = buildMeasurementsDocument({ generator: GENERATOR, config: resolveMeasureConfig(), timePoints: [timePoint('Baseline', BASELINE), timePoint('Follow-up 1', result({ ...FOLLOW_UP.measurement }, 'fit'))] });
    expect(mixed.method.adcSource).toBeNull();
    expect(mixed.method.adcSourcePreference).toBe('map');
  });

  it('an unmeasured target makes the follow-up NE, never a guessed sum', () => {
    const doc2 = buildMeasurementsDocument({ generator: GENERATOR, config: resolveMeasureConfig(), timePoints: [timePoint('Baseline', BASELINE), timePoint('Follow-up 1', result({}, null))] });
    expect(doc2.response[0]!.criteria.recist11.category).toBe('NE');
    expect(doc2.response[0]!.criteria.recist11.sum).toBeNull();
  });
});
