import { describe, expect, it } from 'vitest';
import { inPlaneShift } from './inplane-shift';
import { prng } from './test-fixtures';

// A slice drawn from shapes: a body ellipse, a liver-like ellipse inside, a vessel and a lesion that
// brighten on the "arterial" image, noise. The shift applied is the answer (independent of the kernel).
function slice(w: number, h: number, opts: { dx?: number; dy?: number; arterial?: boolean; seed: number }): Float64Array {
  const rand = prng(opts.seed);
  const out = new Float64Array(w * h);
  const dx = opts.dx ?? 0, dy = opts.dy ?? 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const X = x - dx, Y = y - dy;
      const inside = (cx: number, cy: number, rx: number, ry: number) => ((X - cx) / rx) ** 2 + ((Y - cy) / ry) ** 2 <= 1;
      let v = 0;
      if (inside(w / 2, h / 2, w * 0.42, h * 0.32)) v = 300;
      if (inside(w * 0.4, h * 0.45, w * 0.2, h * 0.16)) v = 500;
      if (inside(w * 0.62, h * 0.5, 4, 4)) v = opts.arterial ? 1400 : 350;
      if (inside(w * 0.35, h * 0.42, 6, 5)) v = opts.arterial ? 900 : 420;
      out[y * w + x] = v === 0 ? 0 : v + (rand() - 0.5) * 20;
    }
  }
  return out;
}

describe('inPlaneShift', () => {
  const w = 96, h = 80;
  const pre = slice(w, h, { seed: 1 });

  it('aligned phases (contrast changes grey values, not edges): no shift', () => {
    const arterial = slice(w, h, { arterial: true, seed: 2 });
    const r = inPlaneShift({ fixed: arterial, moving: pre, width: w, height: h });
    expect([r.dxPx, r.dyPx]).toEqual([0, 0]);
    expect(r.score).toBe(r.scoreAtZero);
  });

  it.each([[2, -1], [-3, 0], [0, 3], [1, 1]])('pre moved by (%i, %i) px against arterial: found, and it aligns much better than no shift', (mx, my) => {
    const arterial = slice(w, h, { arterial: true, seed: 3 });
    const moved = slice(w, h, { dx: mx, dy: my, seed: 4 });
    const r = inPlaneShift({ fixed: arterial, moving: moved, width: w, height: h });
    // moved(x + mx, y + my) = pre(x, y) ~ arterial's edges at (x, y).
    expect([r.dxPx, r.dyPx]).toEqual([mx, my]);
    expect(r.score - r.scoreAtZero).toBeGreaterThan(0.2);
  });

  it('refuses images of the wrong size', () => {
    expect(() => inPlaneShift({ fixed: new Float64Array(10), moving: new Float64Array(10), width: 4, height: 4 })).toThrow(/4x4/);
  });
});

describe('inPlaneShift on a large matrix (sparser sampling)', () => {
  it('finds the shift on 384 x 320 pixels as on small ones', () => {
    const w = 384, h = 320;
    const arterial = slice(w, h, { arterial: true, seed: 5 });
    const moved = slice(w, h, { dx: -2, dy: 3, seed: 6 });
    const r = inPlaneShift({ fixed: arterial, moving: moved, width: w, height: h });
    expect([r.dxPx, r.dyPx]).toEqual([-2, 3]);
    const still = inPlaneShift({ fixed: arterial, moving: slice(w, h, { seed: 7 }), width: w, height: h });
    expect([still.dxPx, still.dyPx]).toEqual([0, 0]);
  });
});
