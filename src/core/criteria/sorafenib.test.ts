/**
 * The Sorafenib pattern from CLINICAL.md: Lesion 1 swells through haemorrhagic necrosis while its viable
 * part shrinks; Lesion 2 is unchanged. Expected categories worked by hand below.
 */
import { describe, expect, it } from 'vitest';
import { assessResponse } from './assess';
import { lesion, tp } from './test-fixtures';

// Spheres, so perpendicular = longest and V = pi d^3 / 6:
// 40 mm -> 33 510 mm^3 = 33.5 mL; 28 mm -> 11 494 mm^3 = 11.5 mL; 46 mm -> 50 965 mm^3 = 51 mL; 16 mm -> 2 145 mm^3 = 2.14 mL.
const baseline = tp(
  [
    lesion('Lesion 1', {
      longestDiameterMm: 40,
      perpendicularDiameterMm: 40,
      viableLongestDiameterMm: 40,
      viablePerpendicularDiameterMm: 40,
      volumeMl: 33.5,
      enhancingVolumeMl: 33.5,
    }),
    lesion('Lesion 2', {
      longestDiameterMm: 28,
      perpendicularDiameterMm: 28,
      viableLongestDiameterMm: 28,
      viablePerpendicularDiameterMm: 28,
      volumeMl: 11.5,
      enhancingVolumeMl: 11.5,
    }),
  ],
  { label: 'Baseline' },
);
const followUp = tp(
  [
    lesion('Lesion 1', {
      longestDiameterMm: 46,
      perpendicularDiameterMm: 46,
      viableLongestDiameterMm: 16,
      viablePerpendicularDiameterMm: 16,
      volumeMl: 51,
      enhancingVolumeMl: 2.14,
    }),
    baseline.lesions[1] ?? lesion('Lesion 2'),
  ],
  { label: 'Sorafenib 8 weeks' },
);

describe('Sorafenib scenario', () => {
  const [response] = assessResponse([baseline, followUp]);

  it.each([
    // RECIST 1.1: 40 + 28 = 68 mm -> 46 + 28 = 74 mm: +6 / 68 = +8.82 %: neither -30 % nor +20 %.
    ['recist11', 'SD', 68, 74, 8.8235],
    // WHO: 40x40 + 28x28 = 1600 + 784 = 2384 mm² -> 46x46 + 784 = 2116 + 784 = 2900 mm²: +516 / 2384 = +21.64 %, not > 25 %.
    ['who', 'SD', 2384, 2900, 21.6443],
    // mRECIST: viable 40 + 28 = 68 mm -> 16 + 28 = 44 mm: -24 / 68 = -35.29 % <= -30 %.
    ['mrecist', 'PR', 68, 44, -35.2941],
    // EASL: 2384 mm² -> 16x16 + 784 = 256 + 784 = 1040 mm²: -1344 / 2384 = -56.38 % <= -50 %.
    ['easl', 'PR', 2384, 1040, -56.3758],
    // qEASL: enhancing 33.5 + 11.5 = 45 mL -> 2.14 + 11.5 = 13.64 mL: -31.36 / 45 = -69.69 % <= -65 %.
    ['qeasl', 'PR', 45, 13.64, -69.6889],
    // vRECIST: 45 mL -> 51 + 11.5 = 62.5 mL: +17.5 / 45 = +38.89 %, below +73 %.
    ['vrecist', 'SD', 45, 62.5, 38.8889],
  ] as const)('%s: %s (baseline %d -> %d, %d %%)', (id, category, baselineSum, sum, changePct) => {
    const r = response?.criteria[id];
    expect(r?.category).toBe(category);
    expect(r?.baselineSum).toBeCloseTo(baselineSum, 9);
    expect(r?.sum).toBeCloseTo(sum, 9);
    expect(r?.changeFromBaselinePct).toBeCloseTo(changePct, 3);
    // Nadir is the baseline at the first follow-up.
    expect(r?.changeFromNadirPct).toBeCloseTo(changePct, 3);
    expect(r?.nadirTimePoint).toBe(0);
  });

  it('flags Lesion 1 as possible necrotic swelling: volume 33.5 -> 51 mL (+52.24 %) while enhancing 33.5 -> 2.14 mL', () => {
    const swelling = response?.flagDetails.filter((f) => f.code === 'necroticSwelling') ?? [];
    expect(swelling.map((f) => f.lesion)).toEqual(['Lesion 1']);
    expect(swelling[0]?.message).toContain('+52.24 %');
    expect(response?.lesions[0]?.volumeChangePct).toBeCloseTo(52.2388, 3);
    expect(response?.lesions[0]?.enhancingVolumeChangePct).toBeCloseTo(-93.6119, 3);
  });

  it('flags the size/enhancement disagreement for all three pairs', () => {
    const flag = response?.flagDetails.find((f) => f.code === 'sizeEnhancementDisagreement');
    expect(flag?.message).toContain('RECIST 1.1 SD vs mRECIST PR, WHO SD vs EASL PR, vRECIST SD vs qEASL PR');
    expect(response?.flags).toContain(flag?.message);
  });

  it('raises nothing for unchanged Lesion 2', () => {
    expect(response?.flagDetails.filter((f) => f.lesion === 'Lesion 2')).toEqual([]);
  });
});
