import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../src/core/types/volume';
import { BODY, LESIONS, LIVER_LOBES, LIVER_REFERENCE, NOISE_AMPLITUDE, TIME_POINTS, TISSUE_VALUES, type Sphere, type Tissue } from './definitions';
import { dwiGrid, t1Grid } from './grids';
import { insideSphere, phantomLabels } from './rasterize';
import { seriesSpecs } from './series';

// The analytic anatomy is sound: every structure nests where the labels assume it does.
const inEllipsoid = (e: { centreMm: Vec3; semiAxesMm: Vec3 }, p: Vec3): boolean =>
  p.reduce((a, x, i) => a + ((x - e.centreMm[i]!) / e.semiAxesMm[i]!) ** 2, 0) <= 1;
const inLiver = (p: Vec3): boolean => LIVER_LOBES.some((lobe) => inEllipsoid(lobe, p)) && inEllipsoid(BODY, p);

/** Points on a sphere's surface (Fibonacci lattice). */
function surface(s: Sphere, n = 2000): Vec3[] {
  return Array.from({ length: n }, (_, i) => {
    const z = 1 - (2 * (i + 0.5)) / n;
    const r = Math.sqrt(1 - z * z);
    const phi = i * Math.PI * (3 - Math.sqrt(5));
    return [s.centreMm[0] + s.radiusMm * r * Math.cos(phi), s.centreMm[1] + s.radiusMm * r * Math.sin(phi), s.centreMm[2] + s.radiusMm * z] as Vec3;
  });
}

describe('phantom anatomy', () => {
  it('keeps lesions and the liver reference inside the liver, apart from each other', () => {
    for (const tp of TIME_POINTS) {
      const lesions = LESIONS[tp];
      for (const lesion of lesions) {
        expect(surface(lesion.whole).every(inLiver), `${tp} ${lesion.label}`).toBe(true);
        if (lesion.viable !== 'whole') {
          // The viable nodule lies inside its lesion, touching the periphery region.
          expect(surface(lesion.viable).every((p) => insideSphere(lesion.whole, ...p))).toBe(true);
        }
        expect(surface(LIVER_REFERENCE).some((p) => insideSphere(lesion.whole, ...p))).toBe(false);
      }
      const [a, b] = lesions;
      const gap = Math.hypot(...([0, 1, 2].map((i) => a!.whole.centreMm[i]! - b!.whole.centreMm[i]!) as Vec3)) - a!.whole.radiusMm - b!.whole.radiusMm;
      expect(gap).toBeGreaterThan(5);
    }
    expect(surface(LIVER_REFERENCE).every(inLiver)).toBe(true);
  });

  it('grows Lesion 1 by about 29 % in volume with a small viable part', () => {
    const v = (r: number): number => r ** 3;
    const [base] = LESIONS.baseline;
    const [follow] = LESIONS['follow-up'];
    // (21.75 / 20)^3 = 1.2861
    expect(v(follow!.whole.radiusMm) / v(base!.whole.radiusMm)).toBeCloseTo(1.2861, 4);
    expect(follow!.viable !== 'whole' && follow!.viable.radiusMm).toBe(6);
  });

  it('chooses tissue values whose noisy ranges never overlap, and that fit 12 bits', () => {
    const tissues: Tissue[] = ['air', 'body', 'liver', 'viable', 'necrosis'];
    for (const kind of ['t1_pre', 'arterial', 'adc'] as const) {
      const ranges = tissues.map((t) => [TISSUE_VALUES[kind][t] * (1 - NOISE_AMPLITUDE), TISSUE_VALUES[kind][t] * (1 + NOISE_AMPLITUDE)]);
      for (let a = 0; a < ranges.length; a++) for (let b = a + 1; b < ranges.length; b++) {
        expect(ranges[a]![1]! + 1 < ranges[b]![0]! || ranges[b]![1]! + 1 < ranges[a]![0]!, `${kind} ${tissues[a]}/${tissues[b]}`).toBe(true);
      }
    }
    for (const tp of TIME_POINTS) {
      for (const spec of seriesSpecs(tp)) {
        const maxStored = Math.max(...Object.values(TISSUE_VALUES[spec.kind])) * (1 + NOISE_AMPLITUDE) / spec.rescaleSlope;
        expect(Math.round(maxStored), `${tp} ${spec.key}`).toBeLessThan(4096);
      }
    }
  });

  it('labels any grid from the same definitions (phantomLabels)', () => {
    const grid = t1Grid([32, 32, 16]);
    for (const tp of TIME_POINTS) {
      const labels = phantomLabels(tp, grid);
      const present = new Set(labels);
      expect(present.has(0) && present.has(1) && present.has(2)).toBe(true);
      expect(present.has(11)).toBe(true);
      expect(present.has(12)).toBe(tp === 'follow-up');
    }
    const dwi = dwiGrid([128, 128, 40]);
    expect(dwi.dims).toEqual([64, 64, 25]);
    expect(dwi.spacingMm[2]).toBeCloseTo(8, 9);
  });
});
