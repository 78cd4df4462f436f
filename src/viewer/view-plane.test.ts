import { describe, expect, it } from 'vitest';
import type { SeriesGeometry } from '../core/dicom/model';
import { isOnPlane, planeName, spacingAlongNormal, type ViewPlane } from './view-plane';

const geometry = (direction: SeriesGeometry['direction'], spacingMm: SeriesGeometry['spacingMm']): SeriesGeometry =>
  ({ dims: [10, 10, 10], spacingMm, originLps: [0, 0, 0], direction, sliceThicknessMm: null, issues: [] }) as SeriesGeometry;

describe('view planes', () => {
  it('spaces reformatted planes by the grid spacing along their normal', () => {
    const g = geometry([1, 0, 0, 0, 1, 0, 0, 0, 1], [0.8, 0.8, 5]);
    expect(spacingAlongNormal(g, [0, 1, 0])).toBeCloseTo(0.8, 9);
    expect(spacingAlongNormal(g, [0, 0, -1])).toBeCloseTo(5, 9);
    // oblique: the lattice planes crossed along (x+z)/sqrt2
    const n = Math.SQRT1_2;
    expect(spacingAlongNormal(g, [n, 0, n])).toBeCloseTo(1 / Math.sqrt((n / 0.8) ** 2 + (n / 5) ** 2), 9);
  });

  it('names planes radiologically and tells whether a point lies on one', () => {
    expect(planeName([0, 0, 1])).toBe('Axial');
    expect(planeName([0, -1, 0])).toBe('Coronal');
    expect(planeName([1, 0, 0])).toBe('Sagittal');
    expect(planeName([0.6, 0.6, 0.53])).toBe('Oblique');
    const plane: ViewPlane = { normal: [0, 1, 0], pointLps: [0, 10, 0], offsetMm: 10, spacingMm: 3, index: 0, count: 1 };
    expect(isOnPlane(plane, [50, 11.4, -3])).toBe(true);
    expect(isOnPlane(plane, [50, 11.6, -3])).toBe(false);
  });
});
