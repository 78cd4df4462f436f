import { describe, expect, it } from 'vitest';
import { diameterProduct } from './bidimensional';
import { assessPair, lesion } from './test-fixtures';
import type { ResponseCategory } from './types';

const whole = (label: string, longest: number, perpendicular: number) =>
  lesion(label, { longestDiameterMm: longest, perpendicularDiameterMm: perpendicular });
/** Whole lesion fixed at 40 x 25 mm; only the enhancing (viable) part varies. */
const enhancingPart = (label: string, longest: number, perpendicular: number) =>
  lesion(label, {
    longestDiameterMm: 40,
    perpendicularDiameterMm: 25,
    viableLongestDiameterMm: longest,
    viablePerpendicularDiameterMm: perpendicular,
  });

// Baseline 40 x 25 = 1000 mm². Products worked by hand.
type Row = [name: string, followUp: [number, number], expected: ResponseCategory];
const rows: Row[] = [
  ['20 x 25 = 500 mm² is exactly -50 %: PR', [20, 25], 'PR'],
  ['20.04 x 25 = 501 mm² is -49.9 %: SD', [20.04, 25], 'SD'],
  ['50 x 25 = 1250 mm² is exactly +25 % (PD needs more than 25 %): SD', [50, 25], 'SD'],
  ['41 x 30.5 = 1250.5 mm² is +25.05 %: PD', [41, 30.5], 'PD'],
  ['0 mm: CR', [0, 0], 'CR'],
];

describe('WHO (sum of products of whole-lesion diameters)', () => {
  it.each(rows)('%s', (_name, [l, p], expected) => {
    expect(assessPair('who', [whole('Lesion 1', 40, 25)], [whole('Lesion 1', l, p)]).category).toBe(expected);
  });

  it('sums products over targets: 40x25 + 30x20 = 1000 + 600 = 1600 mm²', () => {
    const r = assessPair('who', [whole('Lesion 1', 40, 25), whole('Lesion 2', 30, 20)], [whole('Lesion 1', 40, 25), whole('Lesion 2', 30, 20)]);
    expect(r.baselineSum).toBe(1600);
    expect(r.sum).toBe(1600);
    expect(r.category).toBe('SD');
  });
});

describe('EASL (sum of enhancing-area products)', () => {
  it.each(rows)('%s', (_name, [l, p], expected) => {
    expect(assessPair('easl', [enhancingPart('Lesion 1', 40, 25)], [enhancingPart('Lesion 1', l, p)]).category).toBe(expected);
  });

  it('reads only the enhancing part: whole lesion unchanged, enhancing area halved is PR', () => {
    const r = assessPair('easl', [enhancingPart('Lesion 1', 40, 25)], [enhancingPart('Lesion 1', 20, 25)]);
    expect(r.changeFromBaselinePct).toBe(-50);
    expect(assessPair('who', [enhancingPart('Lesion 1', 40, 25)], [enhancingPart('Lesion 1', 20, 25)]).category).toBe('SD');
  });
});

describe('diameterProduct', () => {
  it('multiplies, needs both diameters, but a vanished lesion needs no perpendicular', () => {
    expect(diameterProduct(40, 25)).toBe(1000);
    expect(diameterProduct(40, null)).toBeNull();
    expect(diameterProduct(null, 25)).toBeNull();
    expect(diameterProduct(0, null)).toBe(0);
  });
});
