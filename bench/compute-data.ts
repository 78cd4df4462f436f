// Synthetic multiphase volumes for the compute benchmark (browser side): liver background with a
// spherical lesion (viable rim, necrotic core) and a liver reference ROI. Deterministic (LCG noise).
import type { Direction3, GridGeometry, Mask3D, Vec3, Volume3D } from '../src/core/types/volume';

export interface BenchSize {
  dims: Vec3;
  spacingMm: Vec3;
}

export interface BenchRoi {
  name: 'lesion' | 'large';
  radiusMm: number;
}

/** Radius of a sphere of the given volume. */
export const radiusForMl = (ml: number): number => Math.cbrt((3 * ml * 1000) / (4 * Math.PI));

export const LESION_CENTRE: Vec3 = [-30, 0, 0];
export const REFERENCE: { centre: Vec3; radiusMm: number } = { centre: [80, 0, 0], radiusMm: 15 };
const AXIAL: Direction3 = [1, 0, 0, 0, 1, 0, 0, 0, 1];

export function centredGrid(dims: Vec3, spacingMm: Vec3): GridGeometry {
  const originLps = [0, 1, 2].map((a) => -((dims[a]! - 1) / 2) * spacingMm[a]!) as Vec3;
  return { dims: [...dims] as Vec3, spacingMm: [...spacingMm] as Vec3, originLps, direction: [...AXIAL] as Direction3 };
}

/** DWI/ADC grid: half the in-plane matrix, slices 1.6x thicker, same field of view. */
export function dwiGridOf(t1: GridGeometry): GridGeometry {
  const dims: Vec3 = [Math.floor(t1.dims[0] / 2), Math.floor(t1.dims[1] / 2), Math.floor(t1.dims[2] / 1.6)];
  const fov = [0, 1, 2].map((a) => t1.dims[a]! * t1.spacingMm[a]!);
  return centredGrid(dims, [fov[0]! / dims[0], fov[1]! / dims[1], fov[2]! / dims[2]]);
}

type Tissue = 0 | 1 | 2 | 3; // liver, viable, necrosis, reference liver
const VALUES: Record<'pre' | 'arterial' | 'portalVenous' | 'adc', [number, number, number, number]> = {
  pre: [400, 300, 600, 400],
  arterial: [520, 750, 600, 520],
  portalVenous: [700, 550, 600, 700],
  adc: [1300, 1000, 2400, 1300],
};

function tissueAt(x: number, y: number, z: number, radiusMm: number): Tissue {
  const dx = x - LESION_CENTRE[0], dy = y - LESION_CENTRE[1], dz = z - LESION_CENTRE[2];
  const r2 = dx * dx + dy * dy + dz * dz;
  if (r2 <= radiusMm * radiusMm) return r2 <= 0.36 * radiusMm * radiusMm ? 2 : 1;
  const ex = x - REFERENCE.centre[0], ey = y - REFERENCE.centre[1], ez = z - REFERENCE.centre[2];
  return ex * ex + ey * ey + ez * ez <= REFERENCE.radiusMm * REFERENCE.radiusMm ? 3 : 0;
}

/** One pass over a grid: every image of `kinds` and the tumour / reference masks. */
export function generate(grid: GridGeometry, radiusMm: number, kinds: readonly (keyof typeof VALUES)[]): { images: Record<string, Volume3D<Float32Array>>; tumour: Mask3D; reference: Mask3D } {
  const [nx, ny, nz] = grid.dims;
  const n = nx * ny * nz;
  const images = Object.fromEntries(kinds.map((k) => [k, { ...grid, data: new Float32Array(n) }])) as Record<string, Volume3D<Float32Array>>;
  const tumour: Mask3D = { ...grid, data: new Uint8Array(n) };
  const reference: Mask3D = { ...grid, data: new Uint8Array(n) };
  const lists = kinds.map((k) => [images[k]!.data, VALUES[k]] as const);
  let seed = 12345;
  for (let k = 0; k < nz; k++) {
    const z = grid.originLps[2] + k * grid.spacingMm[2];
    for (let j = 0; j < ny; j++) {
      const y = grid.originLps[1] + j * grid.spacingMm[1];
      for (let i = 0; i < nx; i++) {
        const x = grid.originLps[0] + i * grid.spacingMm[0];
        const t = tissueAt(x, y, z, radiusMm);
        const v = i + j * nx + k * nx * ny;
        if (t === 1 || t === 2) tumour.data[v] = 1;
        else if (t === 3) reference.data[v] = 1;
        for (const [data, values] of lists) {
          seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
          data[v] = values[t] * (1 + 0.03 * (seed / 4294967296 - 0.5));
        }
      }
    }
  }
  return { images, tumour, reference };
}
