import { describe, expect, it } from 'vitest';
import { rescaleNeedsFloat, rescaleToFloat } from './exact-rescale';

describe('exact rescale of frames with a fractional slope or intercept', () => {
  it('flags only fractional rescales', () => {
    expect(rescaleNeedsFloat(1, 0)).toBe(false);
    expect(rescaleNeedsFloat(2, -1024)).toBe(false);
    expect(rescaleNeedsFloat(0.25, 0)).toBe(true);
    expect(rescaleNeedsFloat(1, 0.5)).toBe(true);
  });

  it('keeps every stored value (the case Cornerstone truncates: 807 * 0.25 in a range of 0..203)', () => {
    const { values, min, max } = rescaleToFloat(Uint16Array.from([0, 807, 812, 39]), { slope: 0.25, intercept: 0 });
    expect([...values]).toEqual([0, 201.75, 203, 9.75]);
    expect([min, max]).toEqual([0, 203]);
    const shifted = rescaleToFloat(Int16Array.from([-3, 5]), { slope: 1, intercept: 0.5 });
    expect([...shifted.values]).toEqual([-2.5, 5.5]);
  });
});
