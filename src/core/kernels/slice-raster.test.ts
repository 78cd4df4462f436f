import { describe, expect, it } from 'vitest';
import { SliceRaster } from './slice-raster';
import { grid, maskFromPredicate, prng } from './test-fixtures';

describe('SliceRaster point test', () => {
  it('on the half-pixel lattice (answered from the pixels) it equals the row-run answer, on random slices with holes and corner contacts', () => {
    const rand = prng(77);
    for (let trial = 0; trial < 40; trial++) {
      const g = grid([14, 11, 3]);
      const mask = maskFromPredicate(g, () => rand() < 0.45);
      const box = { min: [1, 1, 0] as [number, number, number], max: [12, 9, 2] as [number, number, number] };
      for (let k = 0; k < 3; k++) {
        const raster = new SliceRaster(mask, box, k);
        let inside = 0;
        for (let y2 = -4; y2 <= 2 * (raster.rows + 2); y2++) {
          for (let x2 = -4; x2 <= 2 * 14; x2++) {
            const x = x2 / 2, y = y2 / 2;
            const fast = raster.insideClosed(x, y);
            expect(fast, `trial ${trial} k ${k} (${x}, ${y})`).toBe(raster.insideClosedByRuns(x, y));
            if (fast) inside++;
          }
        }
        if (raster.count > 0) expect(inside).toBeGreaterThan(0);
      }
    }
  });

  it('pixels outside the given box are not part of the slice', () => {
    const g = grid([6, 6, 1]);
    const mask = maskFromPredicate(g, (_p, i, j) => (i === 1 && j === 1) || (i === 4 && j === 4));
    const raster = new SliceRaster(mask, { min: [0, 0, 0], max: [2, 2, 0] }, 0);
    expect(raster.count).toBe(1);
    // Local coordinates: the pixel at grid (1, 1) is local (0, 0); grid (4, 4) is outside the box.
    expect(raster.insideClosed(0, 0)).toBe(true);
    expect(raster.insideClosed(3, 3)).toBe(false);
    expect(raster.insideClosedByRuns(3, 3)).toBe(false);
  });
});
