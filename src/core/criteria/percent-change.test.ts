import { describe, expect, it } from 'vitest';
import {
  formatNumber,
  formatPct,
  isAbsoluteIncreaseAtLeast,
  isDecreaseAtLeast,
  isIncreaseAtLeast,
  isIncreaseMoreThan,
  percentChange,
} from './percent-change';

describe('percentChange', () => {
  it('is exact for integer sums: 70 -> 49 is -30 %, 25 -> 30 is +20 %, 100 -> 173 is +73 %', () => {
    expect(percentChange(70, 49)).toBe(-30);
    expect(percentChange(25, 30)).toBe(20);
    expect(percentChange(100, 173)).toBe(73);
    expect(percentChange(1000, 1250)).toBe(25);
  });

  it('is null from 0 (no relative change from nothing)', () => {
    expect(percentChange(0, 5)).toBeNull();
  });

  it('naive ratio form is not exact, which is why the scaled form is used', () => {
    // 49/70 - 1 is not -0.3 in binary floating point; documents the trap the implementation avoids.
    expect((49 / 70 - 1) * 100).not.toBe(-30);
  });
});

describe('threshold tests', () => {
  it.each([
    // [change %, threshold, expected]
    [-30, 30, true],
    [-29.9, 30, false],
    [-30.1, 30, true],
    [-29.999999, 30, false],
  ])('decrease %d %% vs %d %% -> %s', (change, threshold, expected) => {
    expect(isDecreaseAtLeast(change, threshold)).toBe(expected);
  });

  it('tolerates float error at an exact decimal threshold: 10.1 -> 7.07 mm is a 30 % decrease', () => {
    // 7.07 / 10.1 = 0.7 exactly in decimals, but binary floats give -29.999999999999996 %.
    const change = percentChange(10.1, 7.07) ?? 0;
    expect(change).toBeGreaterThan(-30);
    expect(isDecreaseAtLeast(change, 30)).toBe(true);
    // 7.08 / 10.1 - 1 = -29.9 %: not a 30 % decrease.
    expect(isDecreaseAtLeast(percentChange(10.1, 7.08) ?? 0, 30)).toBe(false);
  });

  it('inclusive vs strict increase at the threshold', () => {
    expect(isIncreaseAtLeast(20, 20)).toBe(true);
    expect(isIncreaseAtLeast(19.9, 20)).toBe(false);
    expect(isIncreaseMoreThan(25, 25)).toBe(false);
    expect(isIncreaseMoreThan(25.05, 25)).toBe(true);
  });

  it('absolute increase: 5 mm counts, 4.9 mm does not, float sums of decimals still count', () => {
    expect(isAbsoluteIncreaseAtLeast(20, 25, 5)).toBe(true);
    expect(isAbsoluteIncreaseAtLeast(20, 24.9, 5)).toBe(false);
    // 10.1 + 20.2 = 30.299999999999997 in binary; +5 mm must still be met.
    expect(isAbsoluteIncreaseAtLeast(10.1 + 20.2, 35.3, 5)).toBe(true);
  });
});

describe('formatting', () => {
  it('rounds, trims and signs', () => {
    expect(formatNumber(13.640000000000001, 2)).toBe('13.64');
    expect(formatNumber(-0.001, 2)).toBe('0');
    expect(formatPct(-30)).toBe('-30 %');
    expect(formatPct(8.823529)).toBe('+8.82 %');
    expect(formatPct(-29.9)).toBe('-29.9 %');
    expect(formatPct(null)).toBe('undefined (from 0)');
  });
});
