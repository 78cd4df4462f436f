import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { GridGeometry } from '../../src/core/types/volume';
import type { HccErrorCode } from '../../src/core/errors';
import type { GeometryIssueKind } from '../../src/core/dicom/model';
import { formatDs } from './grids';
import { gridPlane, slicePixels, valueTable } from './pixels';
import { uidFor } from './prng';
import { rasterizeSlice } from './rasterize';
import type { SeriesSpec } from './series';
import { classicMrImage, type ImagePlane, type StudyContext } from './write-dicom';

/**
 * Deliberately broken input, each with the error code the ingest should report (DESIGN.md
 * "Errors"). Files are whole rejects; the two geometry series load, with a reported issue.
 */

export interface BrokenFile {
  /** Relative to variants/broken. */
  path: string;
  code: HccErrorCode;
  why: string;
}

export interface BrokenSeries {
  path: string;
  seriesInstanceUid: string;
  description: string;
  code: HccErrorCode;
  issue: GeometryIssueKind;
  /** The series still loads (the issue is reported, nothing is rejected). */
  loads: true;
  files: string[];
  why: string;
}

export interface BrokenSet {
  files: BrokenFile[];
  series: BrokenSeries[];
}

const tiltedOrientation = (deg: number): [number, number, number, number, number, number] => {
  const a = (deg * Math.PI) / 180;
  return [1, 0, 0, 0, Math.cos(a), Math.sin(a)];
};

/** Writes the broken set under `dir` (= <out>/variants/broken) from baseline T1 content. */
export function writeBroken(dir: string, ctx: StudyContext, baseSpec: SeriesSpec, grid: GridGeometry): BrokenSet {
  const seed = ctx.seed;
  const filesDir = path.join(dir, 'files');
  mkdirSync(filesDir, { recursive: true });
  const [nx, ny, nz] = grid.dims;
  const mid = Math.floor(nz / 2);
  const table = valueTable(baseSpec, null);
  const labels = new Uint8Array(nx * ny);
  const pixelsOf = (k: number): Uint16Array => {
    rasterizeSlice('baseline', grid, k, labels);
    return slicePixels(seed, 'baseline', baseSpec, null, k, labels, table, new Uint16Array(nx * ny));
  };
  const image = (spec: SeriesSpec, seriesUid: string, name: string, index: number, plane: ImagePlane, pixels: Uint16Array | null): Uint8Array =>
    classicMrImage(ctx, spec, { seriesInstanceUid: seriesUid, sopInstanceUid: uidFor(seed, 'broken', name, index), instanceNumber: index + 1, plane, bValue: null, pixels });

  const files: BrokenFile[] = [];
  const put = (name: string, bytes: Uint8Array, code: HccErrorCode, why: string): void => {
    writeFileSync(path.join(filesDir, name), bytes);
    files.push({ path: `files/${name}`, code, why });
  };
  const singleSpec: SeriesSpec = { ...baseSpec, description: 'broken single files', seriesNumber: 90 };
  const singleUid = uidFor(seed, 'broken', 'single-files', 'series');
  const good = image(singleSpec, singleUid, 'truncated-pixel-data', 0, gridPlane(grid, mid), pixelsOf(mid));
  const pixelBytes = nx * ny * 2;
  put('truncated-pixel-data.dcm', good.subarray(0, good.length - Math.floor(pixelBytes * 0.4)), 'TRUNCATED', 'file ends 40 % before the end of its pixel data');
  const header = image(singleSpec, singleUid, 'truncated-header', 1, gridPlane(grid, mid + 1), pixelsOf(mid + 1));
  put('truncated-header.dcm', header.subarray(0, Math.floor((header.length - pixelBytes) * 0.6)), 'TRUNCATED', 'file ends inside the data set header, before the pixel data');
  put('not-dicom.dcm', new TextEncoder().encode('This is a radiology report, not a DICOM file.\nLiver: two lesions.\n'.repeat(8)), 'NOT_DICOM', 'plain text with a .dcm name');
  const png = new Uint8Array(512);
  png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  for (let i = 16; i < png.length; i++) png[i] = (i * 37) & 0xff;
  put('IM9999.dcm', png, 'NOT_DICOM', 'a PNG header under a DICOM-like name (no DICM at offset 128)');
  put('no-pixel-data.dcm', image(singleSpec, singleUid, 'no-pixel-data', 2, gridPlane(grid, mid + 2), null), 'NO_PIXEL_DATA', 'complete MR image header without (7FE0,0010)');

  const series: BrokenSeries[] = [];
  const geometrySeries = (key: 'geometry-size' | 'geometry-tilt', issue: GeometryIssueKind, why: string, odd: (plane: ImagePlane) => ImagePlane, oddPixels: (k: number) => Uint16Array): void => {
    const spec: SeriesSpec = { ...baseSpec, description: `broken_${key.replace('-', '_')}`, seriesNumber: key === 'geometry-size' ? 91 : 92 };
    const uid = uidFor(seed, 'broken', key, 'series');
    const folder = path.join(filesDir, key);
    mkdirSync(folder, { recursive: true });
    const written: string[] = [];
    const first = Math.max(0, mid - 3);
    const count = Math.min(6, nz - first);
    for (let n = 0; n < count; n++) {
      const k = first + n;
      const isOdd = n === 3;
      const plane = isOdd ? odd(gridPlane(grid, k)) : gridPlane(grid, k);
      const name = `IM${String(n + 1).padStart(4, '0')}.dcm`;
      writeFileSync(path.join(folder, name), image(spec, uid, key, n, plane, isOdd ? oddPixels(k) : pixelsOf(k)));
      written.push(`files/${key}/${name}`);
    }
    series.push({ path: `files/${key}`, seriesInstanceUid: uid, description: spec.description, code: 'GEOMETRY_MISMATCH', issue, loads: true, files: written, why });
  };
  geometrySeries('geometry-size', 'INCONSISTENT_SIZE', 'the 4th slice has half the matrix (same field of view)',
    (p) => ({ ...p, rows: Math.floor(p.rows / 2), columns: Math.floor(p.columns / 2), pixelSpacingMm: [Number(formatDs(p.pixelSpacingMm[0] * 2)), Number(formatDs(p.pixelSpacingMm[1] * 2))] }),
    (k) => {
      // Every other pixel of every other row: the same anatomy at half the matrix.
      const full = pixelsOf(k);
      const hx = Math.floor(nx / 2);
      const hy = Math.floor(ny / 2);
      const half = new Uint16Array(hx * hy);
      for (let j = 0; j < hy; j++) for (let i = 0; i < hx; i++) half[i + j * hx] = full[2 * i + 2 * j * nx]!;
      return half;
    });
  geometrySeries('geometry-tilt', 'NON_PARALLEL_SLICES', 'the 4th slice is tilted 15 degrees about the x axis',
    (p) => ({ ...p, orientation: tiltedOrientation(15).map((v) => Number(formatDs(v))) as ImagePlane['orientation'] }),
    (k) => pixelsOf(k));
  return { files, series };
}
