import { beforeAll, describe, expect, it } from 'vitest';
import { ensurePhantom } from './cache';
import { classify } from './criteria';
import type { LesionTruth, PhantomTruth } from './truth';

// Expected categories recomputed by hand from the lesion numbers in truth.json.
let truth: PhantomTruth;
beforeAll(async () => {
  ({ truth } = await ensurePhantom({ seed: 42, size: [128, 128, 40] }));
});

const pct = (from: number, to: number): number => ((to - from) / from) * 100;
const sum = (lesions: LesionTruth[], f: (l: LesionTruth) => number): number => lesions.reduce((a, l) => a + f(l), 0);

describe('expected response categories at follow-up (128x128x40)', () => {
  it('sums in the response equal the sums of the lesion measurements', () => {
    const [base, follow] = truth.timePoints.map((tp) => tp.lesions) as [LesionTruth[], LesionTruth[]];
    const m = truth.response[0]!.criteria.measured;
    const check = (key: keyof typeof m, f: (l: LesionTruth) => number): void => {
      expect(m[key].baselineSum, key).toBeCloseTo(sum(base, f), 9);
      expect(m[key].sum, key).toBeCloseTo(sum(follow, f), 9);
      expect(m[key].changeFromBaselinePct, key).toBeCloseTo(pct(sum(base, f), sum(follow, f)), 9);
    };
    check('recist11', (l) => l.longestDiameterMm);
    check('who', (l) => l.longestDiameterMm * l.perpendicularDiameterMm);
    check('mrecist', (l) => l.viableLongestDiameterMm);
    check('easl', (l) => l.viableLongestDiameterMm * l.viablePerpendicularDiameterMm);
    check('qeasl', (l) => l.enhancingVolumeMl);
    check('vrecist', (l) => l.volumeMl);
  });

  it('gives the worked design: RECIST SD, WHO SD, mRECIST PR, EASL PR, qEASL PR, vRECIST SD', () => {
    const r = truth.response[0]!;
    const m = r.criteria.measured;
    // By hand, with the thresholds of CLINICAL.md.
    expect(m.recist11.changeFromBaselinePct).toBeGreaterThan(-30);
    expect(m.recist11.changeFromBaselinePct).toBeLessThan(20);
    expect(m.who.changeFromBaselinePct).toBeGreaterThan(-50);
    expect(m.who.changeFromBaselinePct).toBeLessThanOrEqual(25);
    expect(m.mrecist.changeFromBaselinePct).toBeLessThanOrEqual(-30);
    expect(m.easl.changeFromBaselinePct).toBeLessThanOrEqual(-50);
    expect(m.qeasl.changeFromBaselinePct).toBeLessThanOrEqual(-65);
    expect(m.vrecist.changeFromBaselinePct).toBeGreaterThan(-65);
    expect(m.vrecist.changeFromBaselinePct).toBeLessThan(73);
    const design = { recist11: 'SD', who: 'SD', mrecist: 'PR', easl: 'PR', qeasl: 'PR', vrecist: 'SD' };
    expect(r.categories).toEqual(design);
    expect(r.analyticCategories).toEqual(design);
    expect(r.categoriesMatchDesign).toBe(true);
  });

  it('analytic sums are the designed ones (spheres r 20/13 -> 21.75 with a 6 mm viable nodule, 13)', () => {
    const a = truth.response[0]!.criteria.analytic;
    // RECIST 40 + 26 = 66 -> 43.5 + 26 = 69.5 mm (+5.3 %); WHO 1600 + 676 = 2276 -> 1892.25 + 676 = 2568.25 mm^2 (+12.8 %);
    // mRECIST 66 -> 12 + 26 = 38 mm (-42.4 %); EASL 2276 -> 144 + 676 = 820 mm^2 (-64.0 %).
    expect([a.recist11.baselineSum, a.recist11.sum]).toEqual([66, 69.5]);
    expect([a.who.baselineSum, a.who.sum]).toEqual([40 * 40 + 26 * 26, 43.5 * 43.5 + 26 * 26]);
    expect([a.mrecist.baselineSum, a.mrecist.sum]).toEqual([66, 38]);
    expect([a.easl.baselineSum, a.easl.sum]).toEqual([2276, 12 * 12 + 676]);
    expect(a.who.changeFromBaselinePct).toBeCloseTo(12.84, 2);
    const v = (r: number): number => ((4 / 3) * Math.PI * r ** 3) / 1000;
    // qEASL 33.51 + 9.20 = 42.71 -> 0.905 + 9.20 = 10.11 mL (-76.3 %); vRECIST 42.71 -> 43.10 + 9.20 = 52.30 mL (+22.5 %).
    expect(a.qeasl.baselineSum).toBeCloseTo(v(20) + v(13), 9);
    expect(a.qeasl.sum).toBeCloseTo(v(6) + v(13), 9);
    expect(a.qeasl.changeFromBaselinePct).toBeCloseTo(-76.34, 2);
    expect(a.vrecist.sum).toBeCloseTo(v(21.75) + v(13), 9);
    expect(a.vrecist.changeFromBaselinePct).toBeCloseTo(22.45, 2);
  });

  it('flags Lesion 1 (volume up > 20 % while the enhancing volume falls), not Lesion 2', () => {
    const [base, follow] = truth.timePoints.map((tp) => tp.lesions) as [LesionTruth[], LesionTruth[]];
    expect(pct(base[0]!.volumeMl, follow[0]!.volumeMl)).toBeGreaterThan(20);
    expect(follow[0]!.enhancingVolumeMl).toBeLessThan(base[0]!.enhancingVolumeMl);
    expect(follow[0]!.flags).toEqual(['size-increase-with-loss-of-enhancement']);
    expect(follow[1]!.flags).toEqual([]);
    expect(truth.response[0]!.flags).toEqual(['Lesion 1: size-increase-with-loss-of-enhancement']);
    // Necrosis raises ADC: Lesion 1 ADC up by far more than the 25 % of Bonekamp/Kamel.
    expect(follow[0]!.adcChangeFromBaselinePct!).toBeGreaterThan(25);
    expect(Math.abs(follow[1]!.adcChangeFromBaselinePct!)).toBeLessThan(10);
  });
});

describe('classify() boundaries', () => {
  it('applies inclusive/exclusive thresholds and the RECIST 5 mm rule', () => {
    expect(classify('recist11', [100, 70]).category).toBe('PR');
    expect(classify('recist11', [100, 70.1]).category).toBe('SD');
    expect(classify('recist11', [100, 120]).category).toBe('PD');
    expect(classify('recist11', [20, 24]).category).toBe('SD'); // +20 % but only 4 mm
    expect(classify('mrecist', [20, 24]).category).toBe('PD'); // no 5 mm rule
    expect(classify('who', [100, 125]).category).toBe('SD'); // WHO PD needs > 25 %
    expect(classify('who', [100, 50]).category).toBe('PR');
    expect(classify('qeasl', [100, 35]).category).toBe('PR');
    expect(classify('vrecist', [100, 173]).category).toBe('PD');
    expect(classify('easl', [100, 0]).category).toBe('CR');
    // Nadir: progression is measured from the smallest sum so far.
    expect(classify('recist11', [100, 60, 75]).category).toBe('PD');
  });
});
