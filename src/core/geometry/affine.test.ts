import { describe, expect, it } from 'vitest';
import { directionFromOrientation, gridAffine, ijkToLps, lpsToIjk } from './affine';
import type { GridGeometry } from '../types/volume';

describe('grid affine', () => {
  it('maps voxel centres of an axial grid by hand-worked numbers', () => {
    const grid: GridGeometry = {
      dims: [4, 3, 2],
      spacingMm: [0.5, 2, 5],
      originLps: [-10, 20, 30],
      direction: directionFromOrientation([1, 0, 0, 0, 1, 0]),
    };
    const a = gridAffine(grid);
    expect(ijkToLps(a, 3, 2, 1)).toEqual([-10 + 1.5, 20 + 4, 30 + 5]);
    const back = lpsToIjk(a, -8.5, 24, 35);
    expect(back[0]).toBeCloseTo(3, 12);
    expect(back[1]).toBeCloseTo(2, 12);
    expect(back[2]).toBeCloseTo(1, 12);
  });

  it('round-trips an oblique grid', () => {
    const c = Math.cos(0.3);
    const s = Math.sin(0.3);
    const grid: GridGeometry = {
      dims: [10, 10, 10],
      spacingMm: [0.8, 0.8, 3],
      originLps: [5, -7, 11],
      direction: directionFromOrientation([c, s, 0, 0, c, s]),
    };
    const a = gridAffine(grid);
    const p = ijkToLps(a, 2.5, 7, 4);
    const q = lpsToIjk(a, p[0], p[1], p[2]);
    expect(q[0]).toBeCloseTo(2.5, 10);
    expect(q[1]).toBeCloseTo(7, 10);
    expect(q[2]).toBeCloseTo(4, 10);
  });

  it('normal is row x column (axial: +z, i.e. towards the head in LPS)', () => {
    expect(directionFromOrientation([1, 0, 0, 0, 1, 0]).slice(6)).toEqual([0, 0, 1]);
  });
});
