// The brute-force edge-to-edge diameters of the ground truth on tiny masks worked out by hand.
import { describe, expect, it } from 'vitest';
import { inClosedUnion, maskDiameters, pieceThrough, segmentInUnion, sliceDiameters, type SliceMask } from './diameters';

/** '#' = mask pixel; row j of the picture is grid row j. */
const slice = (rows: string[], sxMm = 1, syMm = 1): SliceMask => {
  const nx = rows[0]!.length;
  const mask = new Uint8Array(nx * rows.length);
  rows.forEach((r, j) => [...r].forEach((c, i) => { mask[i + j * nx] = c === '#' ? 1 : 0; }));
  return { mask, nx, ny: rows.length, sxMm, syMm };
};

describe('closed union of pixel squares', () => {
  const s = slice(['#.', '.#']);
  it('points on an edge or a corner belong to every pixel touching them', () => {
    expect(inClosedUnion(s, 0.5, 0.5)).toBe(true); // the corner where the two diagonal pixels touch
    expect(inClosedUnion(s, 0.5, 0)).toBe(true); // right edge of pixel (0, 0)
    expect(inClosedUnion(s, 1, 0)).toBe(false); // centre of the empty pixel (1, 0)
    expect(inClosedUnion(s, -0.5, -0.5)).toBe(true);
    expect(inClosedUnion(s, -0.6, 0)).toBe(false);
  });
  it('segments: through the touching corner yes, across an empty pixel no', () => {
    expect(segmentInUnion(s, [-0.5, -0.5], [1.5, 1.5])).toBe(true);
    expect(segmentInUnion(s, [0.5, -0.5], [1.5, 0.5])).toBe(false); // the empty pixel's diagonal
    // Clips only a tiny corner of the empty pixel (1, 0): still outside, however small.
    expect(segmentInUnion(s, [-0.5, -0.5], [1.5, 0.499])).toBe(false);
  });
  it('the piece of a line through a point: ends where the union ends', () => {
    const bar = slice(['###']);
    expect(pieceThrough(bar, 1, 0, 1, 0)).toEqual([-1.5, 1.5]);
    expect(pieceThrough(bar, 1, 0, 0, 2)).toEqual([-0.25, 0.25]); // direction (0, 2): half a pixel each way
  });
});

describe('brute-force diameters, edge to edge, hand-worked', () => {
  it('a 3 x 1 bar: 3 px along it, and its diagonal sqrt(3^2 + 1^2) is the longest chord', () => {
    const d = sliceDiameters(slice(['###']))!;
    expect(d.longest.lengthMm).toBeCloseTo(Math.sqrt(10), 12);
    // Perpendicular to (3, 1): direction (-1, 3) crosses the 1 px height in 1 / (3 / sqrt 10) = sqrt(10) / 3.
    expect(d.perpendicular.lengthMm).toBeCloseTo(Math.sqrt(10) / 3, 12);
  });

  it('a 2 x 2 square: diagonal 2 sqrt 2, the other diagonal as perpendicular', () => {
    const d = sliceDiameters(slice(['##', '##']))!;
    expect(d.longest.lengthMm).toBeCloseTo(2 * Math.SQRT2, 12);
    expect(d.perpendicular.lengthMm).toBeCloseTo(2 * Math.SQRT2, 12);
  });

  it('anisotropic pixels: a 1 x 2 pixel column of 0.5 x 2 mm pixels is hypot(0.5, 4) long', () => {
    const d = sliceDiameters(slice(['#', '#'], 0.5, 2))!;
    expect(d.longest.lengthMm).toBeCloseTo(Math.hypot(0.5, 4), 12);
  });

  it('an L shape: no chord across the notch; the perpendicular runs up the other arm', () => {
    // Bottom bar i = 0..4 (j = 0) and left bar j = 0..4 (i = 0). Convex corners: (-.5,-.5), (4.5,-.5),
    // (4.5,.5), (-.5,4.5), (.5,4.5). (4.5,-.5)-(-.5,4.5) = sqrt 50 crosses the notch; so do sqrt 41 and
    // sqrt 32; the longest inside is (-.5,-.5)-(4.5,.5) = sqrt 26 (or its mirror image).
    const d = sliceDiameters(slice(['#####', '#....', '#....', '#....', '#....']))!;
    expect(d.longest.lengthMm).toBeCloseTo(Math.sqrt(26), 12);
    // Perpendicular direction (-1, 5): through the chord point x = 0.5 (the 5th of 20 quarter steps) the
    // line meets y = -0.5 at x = 0.54 and y = 4.5 at x = -0.46, inside both arms: dy 5, dx 1 -> sqrt 26.
    expect(d.perpendicular.lengthMm).toBeCloseTo(Math.sqrt(26), 12);
  });

  it('a ring (5 x 5 with the centre pixel missing): the diagonal 5 sqrt 2 crosses the hole, 5 does not', () => {
    const d = sliceDiameters(slice(['#####', '#####', '##.##', '#####', '#####']))!;
    expect(d.longest.lengthMm).toBeCloseTo(5, 12);
    // A side (e.g. y = -0.5); the perpendicular along the column edge x = 1.5 misses the hole: 5.
    expect(d.perpendicular.lengthMm).toBeCloseTo(5, 12);
  });

  it('empty slice: null; the slice with the longest chord wins, ties go to the greater perpendicular', () => {
    expect(sliceDiameters(slice(['...']))).toBeNull();
    const a = slice(['###.', '....']); // longest sqrt 10, perpendicular sqrt(10) / 3
    const b = slice(['##..', '##..']); // 2 sqrt 2 < sqrt 10
    const c = slice(['....', '###.']); // the same bar as a
    const d = maskDiameters([{ k: 4, mask: b.mask }, { k: 5, mask: a.mask }, { k: 6, mask: c.mask }], 4, 2, 1, 1)!;
    expect(d.sliceIndex).toBe(5);
    expect(d.longestMm).toBeCloseTo(Math.sqrt(10), 12);
    const wide = slice(['###.', '###.']); // sqrt(13) longest: wins outright
    expect(maskDiameters([{ k: 1, mask: a.mask }, { k: 2, mask: wide.mask }], 4, 2, 1, 1)!.sliceIndex).toBe(2);
  });
});
