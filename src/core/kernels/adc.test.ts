import { describe, expect, it } from 'vitest';
import { adcStats } from './adc';
import { mapMaskToGrid } from '../geometry/map-mask';
import { grid, maskFromPredicate, maskWith, volumeOf } from './test-fixtures';

describe('adcStats', () => {
  const g = grid([3, 3, 1], [2, 2, 5]);
  // Scanner map stored in 1e-6 mm^2/s.
  const map = volumeOf(g, Uint16Array.from([1000, 1200, 1400, 1600, 3000, 800, 0, 1100, 1300]));
  const mask = maskWith(g, [[0, 0, 0], [1, 0, 0], [2, 0, 0], [0, 1, 0], [1, 1, 0]]); // 1000 1200 1400 1600 3000

  it('statistics in mm^2/s from a 1e-6 map, hand-worked', () => {
    const s = adcStats({ adc: map, unit: '1e-6 mm2/s', mask });
    expect(s.voxels).toBe(5);
    expect(s.meanMm2s).toBeCloseTo(0.00164, 12); // 8200e-6 / 5
    // deviations (1e-6): -640 -440 -240 -40 1360; squares 409600 + 193600 + 57600 + 1600 + 1849600 = 2,512,000; / 4
    expect(s.sdMm2s).toBeCloseTo(Math.sqrt(628000) * 1e-6, 12);
    expect(s.medianMm2s).toBeCloseTo(0.0014, 12);
    expect(s.p25Mm2s).toBeCloseTo(0.0012, 12);
    expect(s.p75Mm2s).toBeCloseTo(0.0016, 12);
    expect(s.p10Mm2s).toBeCloseTo(0.00108, 12); // h = 0.4
    expect(s.p90Mm2s).toBeCloseTo(0.00244, 12); // h = 3.6: 1600 + 0.6 * 1400
    expect(s.minMm2s).toBeCloseTo(0.001, 12);
    expect(s.maxMm2s).toBeCloseTo(0.003, 12);
    expect(s.storedUnit).toBe('1e-6 mm2/s');
  });

  it('optionally excludes (T1-hyperintense) voxels', () => {
    const s = adcStats({ adc: map, unit: '1e-6 mm2/s', mask, exclude: maskWith(g, [[1, 1, 0]]) });
    expect(s.voxels).toBe(4);
    expect(s.excludedVoxels).toBe(1);
    expect(s.meanMm2s).toBeCloseTo(0.0013, 12);
  });

  it('histogram range in mm^2/s', () => {
    const s = adcStats({ adc: map, unit: '1e-6 mm2/s', mask, histogram: { bins: 2, min: 0.0005, max: 0.0025 } });
    // [0.5e-3, 1.5e-3): 1000 1200 1400; [1.5e-3, 2.5e-3]: 1600; above: 3000
    expect(Array.from(s.histogram!.counts)).toEqual([3, 1]);
    expect(s.histogram!.edgesMm2s[1]).toBeCloseTo(0.0015, 15);
    expect(s.histogram!.aboveRange).toBe(1);
    expect(s.histogram!.belowRange).toBe(0);
  });

  it('NaN from a fit is left out and counted', () => {
    const fit = volumeOf(g, Float32Array.from([0.001, NaN, 0.002, 0, 0, 0, 0, 0, 0]));
    const s = adcStats({ adc: fit, unit: 'mm2/s', mask: maskWith(g, [[0, 0, 0], [1, 0, 0], [2, 0, 0]]) });
    expect(s.nonFiniteVoxels).toBe(1);
    expect(s.meanMm2s).toBeCloseTo(0.0015, 9);
  });

  it('a mask drawn on the arterial grid, mapped to the DWI grid, gives the ADC of the region it covers', () => {
    // Arterial 0.8 mm grid, DWI 2.5 x 2.5 x 6 mm grid with an ADC of 1.0e-3 inside a 12 mm radius sphere and 2.0e-3 outside.
    const arterial = grid([60, 60, 20], [0.8, 0.8, 3], [-24, -24, -30]);
    const dwi = grid([24, 24, 12], [2.5, 2.5, 6], [-28.75, -28.75, -33]);
    const adcData = new Uint16Array(24 * 24 * 12);
    const sphere = maskFromPredicate(dwi, (p) => Math.hypot(...p) <= 12);
    sphere.data.forEach((v, t) => (adcData[t] = v ? 1000 : 2000));
    const lesion = maskFromPredicate(arterial, (p) => Math.hypot(...p) <= 8); // well inside the 12 mm sphere
    const onDwi = mapMaskToGrid({ source: lesion, target: dwi });
    expect(onDwi.voxelCount).toBeGreaterThan(0);
    const s = adcStats({ adc: volumeOf(dwi, adcData), unit: '1e-6 mm2/s', mask: onDwi.mask, box: onDwi.box! });
    expect(s.meanMm2s).toBeCloseTo(0.001, 12);
    expect(s.maxMm2s).toBeCloseTo(0.001, 12);
  });
});
