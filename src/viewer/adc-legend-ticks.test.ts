import { describe, expect, it } from 'vitest';
import { adcLegendTicks, niceStep } from './adc-legend-ticks';

describe('adcLegendTicks', () => {
  // One window, written in the three storage conventions the unit detection tells apart:
  // 0.5e-3 .. 2.5e-3 mm^2/s gives ticks 0.5, 1.0, 1.5, 2.0, 2.5 (x10^-3 mm^2/s) at the quarter marks.
  const expected = [
    { value: 0.5, fraction: 0, label: '0.5' },
    { value: 1, fraction: 0.25, label: '1.0' },
    { value: 1.5, fraction: 0.5, label: '1.5' },
    { value: 2, fraction: 0.75, label: '2.0' },
    { value: 2.5, fraction: 1, label: '2.5' },
  ];
  it.each([
    ['1e-6 mm2/s (integers)', { lower: 500, upper: 2500 }, 1e-6],
    ['1e-3 mm2/s', { lower: 0.5, upper: 2.5 }, 1e-3],
    ['mm2/s', { lower: 0.0005, upper: 0.0025 }, 1],
  ])('%s', (_, window, scale) => {
    const ticks = adcLegendTicks(window, scale);
    expect(ticks.map((t) => t.label)).toEqual(expected.map((t) => t.label));
    ticks.forEach((t, i) => {
      expect(t.value).toBeCloseTo(expected[i]!.value, 12);
      expect(t.fraction).toBeCloseTo(expected[i]!.fraction, 12);
    });
  });

  it('a window not on tick values: ticks inside it only, positions from its ends', () => {
    // 730 .. 2170 x1e-6 = 0.73 .. 2.17; range 1.44 / 5 = 0.288 -> step 0.5: 1.0, 1.5, 2.0.
    const ticks = adcLegendTicks({ lower: 730, upper: 2170 }, 1e-6);
    expect(ticks.map((t) => t.label)).toEqual(['1.0', '1.5', '2.0']);
    expect(ticks[0]!.fraction).toBeCloseTo((1.0 - 0.73) / 1.44, 12);
    expect(ticks[2]!.fraction).toBeCloseTo((2.0 - 0.73) / 1.44, 12);
  });

  it('a narrow window gets finer steps with enough decimals; an empty window none', () => {
    // 1000 .. 1100 x1e-6: range 0.1 / 5 = 0.02 -> step 0.02, labels 1.00 .. 1.10.
    expect(adcLegendTicks({ lower: 1000, upper: 1100 }, 1e-6).map((t) => t.label)).toEqual(['1.00', '1.02', '1.04', '1.06', '1.08', '1.10']);
    expect(adcLegendTicks({ lower: 1000, upper: 1000 }, 1e-6)).toEqual([]);
    expect(adcLegendTicks({ lower: 2000, upper: 1000 }, 1e-6)).toEqual([]);
  });

  it('niceStep rounds up to 1, 2, 2.5 or 5 x 10^n', () => {
    expect([0.288, 0.4, 0.11, 3, 7, 0.02].map(niceStep)).toEqual([0.5, 0.5, 0.2, 5, 10, 0.02]);
  });
});
