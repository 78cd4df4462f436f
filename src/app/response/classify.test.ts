import { describe, expect, it } from 'vitest';
import { sparseFromMask3D } from '../../core/roi/sparse-mask';
import type { GridGeometry, Mask3D, Vec3 } from '../../core/types/volume';
import { RESPONSE_NECROTIC, RESPONSE_VIABLE } from '../../viewer/response-types';
import { classCounts, classifyLesion } from './classify';

// An oblique-free but anisotropic grid with a non-zero origin, rows along -x (a flipped direction).
const GRID: GridGeometry = { dims: [20, 18, 10], spacingMm: [1.5, 1.5, 3], originLps: [40, -10, 7], direction: [-1, 0, 0, 0, 1, 0, 0, 0, 1] };
const centreOf = (g: GridGeometry, i: number, j: number, k: number): Vec3 => [
  g.originLps[0] + i * g.spacingMm[0] * g.direction[0] + j * g.spacingMm[1] * g.direction[3] + k * g.spacingMm[2] * g.direction[6],
  g.originLps[1] + i * g.spacingMm[0] * g.direction[1] + j * g.spacingMm[1] * g.direction[4] + k * g.spacingMm[2] * g.direction[7],
  g.originLps[2] + i * g.spacingMm[0] * g.direction[2] + j * g.spacingMm[1] * g.direction[5] + k * g.spacingMm[2] * g.direction[8],
];
const inSphere = (p: Vec3, c: Vec3, r: number) => (p[0] - c[0]) ** 2 + (p[1] - c[1]) ** 2 + (p[2] - c[2]) ** 2 <= r * r;

function maskOf(g: GridGeometry, inside: (p: Vec3) => boolean): Mask3D {
  const data = new Uint8Array(g.dims[0] * g.dims[1] * g.dims[2]);
  for (let k = 0; k < g.dims[2]; k++)
    for (let j = 0; j < g.dims[1]; j++) for (let i = 0; i < g.dims[0]; i++) data[i + j * g.dims[0] + k * g.dims[0] * g.dims[1]] = inside(centreOf(g, i, j, k)) ? 1 : 0;
  return { ...g, data };
}

describe('classifyLesion', () => {
  const tumourCentre = centreOf(GRID, 10, 9, 5);
  const viableCentre: Vec3 = [tumourCentre[0], tumourCentre[1] - 4, tumourCentre[2]];
  const inTumour = (p: Vec3) => inSphere(p, tumourCentre, 9);
  const inViable = (p: Vec3) => inTumour(p) && inSphere(p, viableCentre, 4);

  it('labels each tumour voxel viable where the enhancing crop is set, necrotic elsewhere, through patient space', () => {
    const tumour = sparseFromMask3D(maskOf(GRID, inTumour));
    // The enhancing mask on a crop of the same grid starting at voxel (3, 2, 1): its own origin.
    const crop: GridGeometry = { ...GRID, dims: [14, 12, 8], originLps: centreOf(GRID, 3, 2, 1) };
    const enhancing = maskOf(crop, inViable);
    const map = classifyLesion(1, tumour, enhancing)!;
    // Expected counts straight from the spheres, voxel centre by voxel centre on the full grid.
    let viable = 0;
    let necrotic = 0;
    for (let k = 0; k < GRID.dims[2]; k++)
      for (let j = 0; j < GRID.dims[1]; j++)
        for (let i = 0; i < GRID.dims[0]; i++) {
          const p = centreOf(GRID, i, j, k);
          if (inViable(p)) viable++;
          else if (inTumour(p)) necrotic++;
        }
    expect(viable).toBeGreaterThan(10);
    expect(classCounts(map)).toEqual({ viable, necrotic });
    // Every labelled voxel sits where its class says, in patient space (the crop's own origin).
    for (let k = 0; k < map.dims[2]; k++)
      for (let j = 0; j < map.dims[1]; j++)
        for (let i = 0; i < map.dims[0]; i++) {
          const label = map.labels[i + j * map.dims[0] + k * map.dims[0] * map.dims[1]];
          const p = centreOf(map, i, j, k);
          expect(label).toBe(inViable(p) ? RESPONSE_VIABLE : inTumour(p) ? RESPONSE_NECROTIC : 0);
        }
  });

  it('an empty enhancing mask makes the whole tumour necrotic; an empty tumour gives nothing', () => {
    const tumour = sparseFromMask3D(maskOf(GRID, inTumour));
    const map = classifyLesion(2, tumour, maskOf({ ...GRID, dims: [1, 1, 1] }, () => false))!;
    expect(classCounts(map).viable).toBe(0);
    expect(classCounts(map).necrotic).toBe(maskOf(GRID, inTumour).data.reduce((n, v) => n + v, 0));
    expect(classifyLesion(3, sparseFromMask3D(maskOf(GRID, () => false)), maskOf(GRID, () => true))).toBeNull();
  });
});
