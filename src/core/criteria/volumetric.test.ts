import { describe, expect, it } from 'vitest';
import { assessPair, lesion } from './test-fixtures';
import { VOLUMETRIC_PD_INCREASE_PCT, VOLUMETRIC_PR_DECREASE_PCT } from './thresholds';
import type { ResponseCategory } from './types';

// Baseline 60 + 40 = 100 mL (both criteria). Follow-up volumes are split 60:40 as well.
type Row = [name: string, followUpMl: [number, number], expected: ResponseCategory];
const rows: Row[] = [
  ['100 -> 35 mL is exactly -65 %: PR', [21, 14], 'PR'],
  ['100 -> 35.1 mL is -64.9 %: SD', [21.1, 14], 'SD'],
  ['100 -> 173 mL is exactly +73 %: PD', [103, 70], 'PD'],
  ['100 -> 172.9 mL is +72.9 %: SD', [102.9, 70], 'SD'],
  ['100 -> 0 mL: CR', [0, 0], 'CR'],
];

describe('qEASL (sum of 3D enhancing volumes)', () => {
  // Whole lesions stay 30 mm / 120 mL: qEASL must read only the enhancing volume.
  const withEnhancing = (label: string, ml: number) =>
    lesion(label, { longestDiameterMm: 30, volumeMl: 120, enhancingVolumeMl: ml });
  it.each(rows)('%s', (_name, [a, b], expected) => {
    const r = assessPair('qeasl', [withEnhancing('Lesion 1', 60), withEnhancing('Lesion 2', 40)], [withEnhancing('Lesion 1', a), withEnhancing('Lesion 2', b)]);
    expect(r.category).toBe(expected);
    expect(r.unit).toBe('mL');
  });
});

describe('vRECIST (sum of 3D total volumes)', () => {
  const withVolume = (label: string, ml: number) => lesion(label, { longestDiameterMm: ml === 0 ? 0 : 30, volumeMl: ml });
  it.each(rows)('%s', (_name, [a, b], expected) => {
    const r = assessPair('vrecist', [withVolume('Lesion 1', 60), withVolume('Lesion 2', 40)], [withVolume('Lesion 1', a), withVolume('Lesion 2', b)]);
    expect(r.category).toBe(expected);
  });
});

describe('volumetric cut-offs are the 3D equivalents of -30 % / +20 % in diameter', () => {
  it('1 - 0.7^3 = 0.657 and 1.2^3 - 1 = 0.728, taken as 65 % and 73 %', () => {
    expect(1 - 0.7 ** 3).toBeCloseTo(0.657, 12);
    expect(1.2 ** 3 - 1).toBeCloseTo(0.728, 12);
    expect(VOLUMETRIC_PR_DECREASE_PCT).toBe(65);
    expect(VOLUMETRIC_PD_INCREASE_PCT).toBe(73);
  });
});
