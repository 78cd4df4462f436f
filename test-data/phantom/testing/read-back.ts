import { readFileSync } from 'node:fs';
import path from 'node:path';
import dicomParser, { type DataSet } from 'dicom-parser';
import type { Direction3, GridGeometry, Vec3 } from '../../../src/core/types/volume';

/**
 * Test-only reader: re-reads what the generator wrote with dicom-parser (not the project's ingest,
 * not the generator's own code), so the tests check the files, not the generator's intentions.
 */

export interface ReadImage {
  file: string;
  ds: DataSet;
  positionLps: Vec3;
  orientation: number[];
  rows: number;
  columns: number;
  /** [row spacing (y), column spacing (x)] */
  pixelSpacingMm: [number, number];
  slope: number;
  intercept: number;
  bValue: number | null;
  instanceNumber: number;
  stored: Uint16Array | null;
}

const numbers = (ds: DataSet, tag: string): number[] => (ds.string(tag) ?? '').split('\\').filter((s) => s !== '').map(Number);

/** b-value from (0018,9087), Siemens (0019,100C) or GE (0043,1039) (first value, 1e9 flag removed). */
export function bValueOf(ds: DataSet): number | null {
  if (ds.elements.x00189087) return ds.double('x00189087') ?? null;
  if (ds.elements.x0019100c) return Number(ds.string('x0019100c'));
  if (ds.elements.x00431039) {
    const first = numbers(ds, 'x00431039')[0]!;
    return first >= 1e9 ? first - 1e9 : first;
  }
  return null;
}

export function readImage(file: string): ReadImage {
  const bytes = new Uint8Array(readFileSync(file));
  const ds = dicomParser.parseDicom(bytes);
  const px = ds.elements.x7fe00010;
  const rows = ds.uint16('x00280010')!;
  const columns = ds.uint16('x00280011')!;
  let stored: Uint16Array | null = null;
  if (px && !px.encapsulatedPixelData) {
    stored = new Uint16Array(rows * columns);
    const view = new DataView(bytes.buffer, bytes.byteOffset + px.dataOffset, rows * columns * 2);
    for (let v = 0; v < stored.length; v++) stored[v] = view.getUint16(v * 2, true);
  }
  const spacing = numbers(ds, 'x00280030');
  return {
    file,
    ds,
    positionLps: numbers(ds, 'x00200032') as Vec3,
    orientation: numbers(ds, 'x00200037'),
    rows,
    columns,
    pixelSpacingMm: [spacing[0]!, spacing[1]!],
    slope: ds.floatString('x00281053') ?? 1,
    intercept: ds.floatString('x00281052') ?? 0,
    bValue: bValueOf(ds),
    instanceNumber: ds.intString('x00200013') ?? 0,
    stored,
  };
}

export function readFiles(out: string, files: readonly string[]): ReadImage[] {
  return files.map((f) => readImage(path.join(out, f)));
}

export interface ReadVolume {
  grid: GridGeometry;
  /** Real values (slope and intercept applied), index i + j*nx + k*nx*ny. */
  data: Float64Array;
  images: ReadImage[];
}

/** Sorts single-frame images along the slice normal and stacks them. */
export function stackVolume(images: readonly ReadImage[]): ReadVolume {
  const first = images[0]!;
  const o = first.orientation;
  const normal: Vec3 = [o[1]! * o[5]! - o[2]! * o[4]!, o[2]! * o[3]! - o[0]! * o[5]!, o[0]! * o[4]! - o[1]! * o[3]!];
  const along = (im: ReadImage): number => im.positionLps[0] * normal[0] + im.positionLps[1] * normal[1] + im.positionLps[2] * normal[2];
  const sorted = [...images].sort((a, b) => along(a) - along(b));
  const nx = first.columns;
  const ny = first.rows;
  const nz = sorted.length;
  const step = nz > 1 ? along(sorted[1]!) - along(sorted[0]!) : 1;
  const data = new Float64Array(nx * ny * nz);
  sorted.forEach((im, k) => {
    for (let v = 0; v < nx * ny; v++) data[k * nx * ny + v] = im.stored![v]! * im.slope + im.intercept;
  });
  const direction = [o[0]!, o[1]!, o[2]!, o[3]!, o[4]!, o[5]!, ...normal] as Direction3;
  return { grid: { dims: [nx, ny, nz], spacingMm: [first.pixelSpacingMm[1], first.pixelSpacingMm[0], step], originLps: sorted[0]!.positionLps, direction }, data, images: sorted };
}

/** Centre of voxel (i, j, k) of a read grid. */
export function centreOf(grid: GridGeometry, i: number, j: number, k: number): Vec3 {
  const d = grid.direction;
  const s = grid.spacingMm;
  return [0, 1, 2].map((a) => grid.originLps[a]! + i * s[0] * d[a]! + j * s[1] * d[3 + a]! + k * s[2] * d[6 + a]!) as Vec3;
}

/** [lo, hi] range a noisy stored tissue value can take (bounded noise, then rounding to the slope). */
export function valueRange(value: number, amplitude: number, slope = 1): [number, number] {
  return [value * (1 - amplitude) - slope / 2 - 1e-9, value * (1 + amplitude) + slope / 2 + 1e-9];
}

export const within = (v: number, [lo, hi]: [number, number]): boolean => v >= lo && v <= hi;
