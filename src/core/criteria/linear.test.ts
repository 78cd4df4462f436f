import { describe, expect, it } from 'vitest';
import { assessPair, lesion } from './test-fixtures';
import type { ResponseCategory } from './types';

const ld = (label: string, mm: number) => lesion(label, { longestDiameterMm: mm });
/** Whole lesion `wholeMm` with a viable (arterially enhancing) part of `viableMm`. */
const viable = (label: string, wholeMm: number, viableMm: number) =>
  lesion(label, { longestDiameterMm: wholeMm, viableLongestDiameterMm: viableMm });

type Row = [name: string, baseline: number[], followUp: number[], expected: ResponseCategory];

describe('RECIST 1.1 (sum of longest diameters)', () => {
  const rows: Row[] = [
    ['70 -> 49 mm is exactly -30 %: PR', [40, 30], [28, 21], 'PR'],
    ['70 -> 49.07 mm is -29.9 %: SD', [40, 30], [28.07, 21], 'SD'],
    ['10.1 -> 7.07 mm is -30 % in decimals (float gives -29.999...): PR', [10.1], [7.07], 'PR'],
    ['70 -> 84 mm is +20 % and +14 mm: PD', [40, 30], [48, 36], 'PD'],
    ['70 -> 83.93 mm is +19.9 % and +13.93 mm: SD', [40, 30], [47.93, 36], 'SD'],
    ['20 -> 24 mm is +20 % but only +4 mm (5 mm rule): SD', [10, 10], [12, 12], 'SD'],
    ['20 -> 24.9 mm is +24.5 % but +4.9 mm: SD', [10, 10], [12.5, 12.4], 'SD'],
    ['25 -> 30 mm is +20 % and exactly +5 mm: PD', [12.5, 12.5], [15, 15], 'PD'],
    ['70 -> 0 mm, no non-target lesions: CR', [40, 30], [0, 0], 'CR'],
  ];
  it.each(rows)('%s', (_name, base, follow, expected) => {
    const labels = base.map((_, i) => `Lesion ${i + 1}`);
    const result = assessPair(
      'recist11',
      base.map((mm, i) => ld(labels[i] ?? '', mm)),
      follow.map((mm, i) => ld(labels[i] ?? '', mm)),
    );
    expect(result.category).toBe(expected);
    expect(result.reasons.some((r) => r.startsWith(`${expected}:`))).toBe(true);
  });

  it('reports sums and exact percentages in numbers and words', () => {
    const r = assessPair('recist11', [ld('Lesion 1', 40), ld('Lesion 2', 30)], [ld('Lesion 1', 28), ld('Lesion 2', 21)]);
    expect(r.sum).toBe(49);
    expect(r.baselineSum).toBe(70);
    expect(r.changeFromBaselinePct).toBe(-30);
    expect(r.changeFromNadirPct).toBe(-30);
    expect(r.unit).toBe('mm');
    expect(r.reasons.join(' ')).toContain('baseline 70 mm (-30 %)');
    expect(r.reasons.join(' ')).toContain('>= 30 % vs baseline');
  });

  it('names the 5 mm rule when +20 % is met without it', () => {
    const r = assessPair('recist11', [ld('Lesion 1', 10), ld('Lesion 2', 10)], [ld('Lesion 1', 12), ld('Lesion 2', 12)]);
    expect(r.category).toBe('SD');
    expect(r.reasons.join(' ')).toContain('+4 mm is below the 5 mm absolute minimum');
  });
});

describe('mRECIST (sum of viable longest diameters, no 5 mm rule)', () => {
  const rows: Row[] = [
    ['viable 70 -> 49 mm (-30 %): PR', [40, 30], [28, 21], 'PR'],
    ['viable 70 -> 49.07 mm (-29.9 %): SD', [40, 30], [28.07, 21], 'SD'],
    ['viable 70 -> 84 mm (+20 %): PD', [40, 30], [48, 36], 'PD'],
    ['viable 70 -> 83.93 mm (+19.9 %): SD', [40, 30], [47.93, 36], 'SD'],
    ['viable 20 -> 24 mm is +20 % with +4 mm: PD (no 5 mm rule)', [10, 10], [12, 12], 'PD'],
    ['viable 20 -> 23.9 mm is +19.5 %: SD', [10, 10], [12, 11.9], 'SD'],
    ['no enhancement left in any target: CR', [40, 30], [0, 0], 'CR'],
  ];
  it.each(rows)('%s', (_name, base, follow, expected) => {
    // Whole lesions stay 40 and 30 mm (or at baseline size): mRECIST must only read the viable part.
    const result = assessPair(
      'mrecist',
      base.map((mm, i) => viable(`Lesion ${i + 1}`, mm, mm)),
      follow.map((mm, i) => viable(`Lesion ${i + 1}`, Math.max(mm, base[i] ?? 0), mm)),
    );
    expect(result.category).toBe(expected);
  });

  it('CR on enhancement although the lesions are still there, while RECIST sees SD', () => {
    const base = [viable('Lesion 1', 40, 40), viable('Lesion 2', 30, 30)];
    const follow = [viable('Lesion 1', 40, 0), viable('Lesion 2', 30, 0)];
    expect(assessPair('mrecist', base, follow).category).toBe('CR');
    expect(assessPair('recist11', base, follow).category).toBe('SD');
  });
});
