import { describe, expect, it } from 'vitest';
import { convexHull } from './convex-hull';

const hullOf = (pts: Array<[number, number]>): Array<[number, number]> => {
  const h = convexHull(Float64Array.from(pts.map((p) => p[0])), Float64Array.from(pts.map((p) => p[1])));
  return [...h].map((i) => pts[i]!);
};

describe('convexHull', () => {
  it('a square with interior and edge points: its four corners, counter-clockwise', () => {
    const h = hullOf([[0, 0], [1, 0], [2, 0], [2, 2], [1, 1], [0, 2], [2, 1]]);
    expect(h).toEqual([[0, 0], [2, 0], [2, 2], [0, 2]]);
  });

  it('one point, two points, collinear points', () => {
    expect(hullOf([[3, 4]])).toEqual([[3, 4]]);
    expect(hullOf([[3, 4], [1, 1]])).toEqual([[1, 1], [3, 4]]);
    expect(hullOf([[0, 0], [1, 1], [2, 2], [3, 3]])).toEqual([[0, 0], [3, 3]]);
  });
});
