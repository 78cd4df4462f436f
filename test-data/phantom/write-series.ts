import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { GridGeometry } from '../../src/core/types/volume';
import { LABEL, TIME_POINT_DEFS, lesionOfLabel, type TimePointKey } from './definitions';
import { voxelCentre } from './grids';
import { gridPlane, slicePixels, valueTable } from './pixels';
import { permutation, rngFor, uidFor } from './prng';
import { labelFunction, rasterizeSlice } from './rasterize';
import { seriesFolder, seriesSpecs, VENDORS, type SeriesKey, type SeriesSpec } from './series';
import { LabelHistogram } from './stats';
import { classicMrImage, studyContext, type StudyContext } from './write-dicom';

/**
 * Streams one time point to disk slice by slice: labels of a slice are rasterised once and feed
 * every series on that grid; nothing volume-sized is held in memory. Statistics of the written
 * values are gathered on the way for the ground truth.
 */

export interface WrittenSeries {
  spec: SeriesSpec;
  seriesInstanceUid: string;
  /** Folder relative to the output directory (forward slashes). */
  folder: string;
  grid: GridGeometry;
  /** Files relative to the output directory, sorted by name. */
  files: string[];
}

export interface TimePointStats {
  /** Real (rescaled) written values per T1-grid label, per series. */
  t1Grid: Partial<Record<SeriesKey, LabelHistogram>>;
  /** Written ADC values (1e-6 mm^2/s) of DWI voxels, keyed by the label of the nearest T1 voxel centre. */
  adcByMappedLabel: Map<number, number[]>;
  /** Written ADC values per label of the DWI voxel itself. */
  adcOwnLabel: LabelHistogram;
  /** Smallest distance (in T1 voxels) of a DWI centre's T1 index from a rounding tie (.5). */
  mappingTieMarginVoxels: number;
}

export interface WrittenTimePoint {
  timePoint: TimePointKey;
  ctx: StudyContext;
  series: WrittenSeries[];
  stats: TimePointStats;
}

/** Mapped label of a DWI voxel whose nearest T1 voxel would lie outside the T1 grid. */
export const OUTSIDE_T1 = 255;

interface Track {
  written: WrittenSeries;
  instanceNumbers: Uint32Array;
  fileNumbers: Uint32Array;
  digits: number;
}

function track(out: string, seed: number, timePoint: TimePointKey, spec: SeriesSpec, grid: GridGeometry): Track {
  const folder = `${TIME_POINT_DEFS[timePoint].dir}/${seriesFolder(spec)}`;
  mkdirSync(path.join(out, folder), { recursive: true });
  const images = grid.dims[2] * (spec.bValues?.length ?? 1);
  return {
    written: { spec, seriesInstanceUid: uidFor(seed, timePoint, spec.key, 'series'), folder, grid, files: [] },
    // InstanceNumber and file name are independent shuffles: neither follows slice position.
    instanceNumbers: permutation(images, rngFor(seed, timePoint, spec.key, 'instance-numbers')),
    fileNumbers: permutation(images, rngFor(seed, timePoint, spec.key, 'file-names')),
    digits: Math.max(4, String(images).length),
  };
}

function writeImage(out: string, ctx: StudyContext, t: Track, index: number, k: number, bValue: number | null, pixels: Uint16Array): void {
  const { written } = t;
  const name = `IM${String(t.fileNumbers[index]! + 1).padStart(t.digits, '0')}.dcm`;
  const bytes = classicMrImage(ctx, written.spec, {
    seriesInstanceUid: written.seriesInstanceUid,
    sopInstanceUid: uidFor(ctx.seed, ctx.def.key, written.spec.key, 'sop', index),
    instanceNumber: t.instanceNumbers[index]! + 1,
    plane: gridPlane(written.grid, k),
    bValue,
    pixels,
  });
  writeFileSync(path.join(out, written.folder, name), bytes);
  written.files.push(`${written.folder}/${name}`);
}

export function writeTimePoint(out: string, seed: number, timePoint: TimePointKey, t1: GridGeometry, dwi: GridGeometry): WrittenTimePoint {
  const def = TIME_POINT_DEFS[timePoint];
  const ctx = studyContext(seed, def, VENDORS[def.vendor]);
  const specs = seriesSpecs(timePoint);
  const labelAt = labelFunction(timePoint);
  const stats: TimePointStats = { t1Grid: {}, adcByMappedLabel: new Map(), adcOwnLabel: new LabelHistogram(specs.find((s) => s.key === 'adc')!.rescaleSlope), mappingTieMarginVoxels: Infinity };

  // T1 grid: dynamic phases and T2.
  const t1Tracks = specs.filter((s) => s.gridKind === 't1').map((s) => track(out, seed, timePoint, s, t1));
  const t1Tables = t1Tracks.map((t) => valueTable(t.written.spec, null));
  for (const t of t1Tracks) stats.t1Grid[t.written.spec.key] = new LabelHistogram(t.written.spec.rescaleSlope);
  const [nx, ny, nz] = t1.dims;
  const labels = new Uint8Array(nx * ny);
  const pixels = new Uint16Array(nx * ny);
  for (let k = 0; k < nz; k++) {
    rasterizeSlice(timePoint, t1, k, labels, labelAt);
    t1Tracks.forEach((t, s) => {
      const spec = t.written.spec;
      slicePixels(seed, timePoint, spec, null, k, labels, t1Tables[s]!, pixels);
      stats.t1Grid[spec.key]!.addSlice(labels, pixels);
      writeImage(out, ctx, t, k, k, null, pixels);
    });
  }

  // DWI grid: all b-values in one series, and the scanner ADC map.
  const dwiSpec = specs.find((s) => s.key === 'dwi')!;
  const adcSpec = specs.find((s) => s.key === 'adc')!;
  const dwiTrack = track(out, seed, timePoint, dwiSpec, dwi);
  const adcTrack = track(out, seed, timePoint, adcSpec, dwi);
  const bValues = dwiSpec.bValues ?? [];
  const dwiTables = bValues.map((b) => valueTable(dwiSpec, b));
  const adcTable = valueTable(adcSpec, null);
  const [dx, dy, dz] = dwi.dims;
  const dLabels = new Uint8Array(dx * dy);
  const dPixels = new Uint16Array(dx * dy);
  const mapped = nearestT1Labels(t1, dwi, labelAt, stats);
  for (let k = 0; k < dz; k++) {
    rasterizeSlice(timePoint, dwi, k, dLabels, labelAt);
    bValues.forEach((b, bi) => {
      slicePixels(seed, timePoint, dwiSpec, b, k, dLabels, dwiTables[bi]!, dPixels);
      writeImage(out, ctx, dwiTrack, bi * dz + k, k, b, dPixels);
    });
    slicePixels(seed, timePoint, adcSpec, null, k, dLabels, adcTable, dPixels);
    const mappedSlice = mapped(k);
    stats.adcOwnLabel.addSlice(dLabels, dPixels);
    for (let v = 0; v < dPixels.length; v++) {
      const value = dPixels[v]! * adcSpec.rescaleSlope;
      const m = mappedSlice[v]!;
      if (m === LABEL.liverReference || (m !== OUTSIDE_T1 && lesionOfLabel(m) > 0)) {
        const list = stats.adcByMappedLabel.get(m) ?? [];
        list.push(value);
        stats.adcByMappedLabel.set(m, list);
      }
    }
    writeImage(out, ctx, adcTrack, k, k, null, dPixels);
  }

  const series = [...t1Tracks, dwiTrack, adcTrack].map((t) => ({ ...t.written, files: [...t.written.files].sort() }));
  return { timePoint, ctx, series, stats };
}

/**
 * For each DWI voxel centre, the label of the nearest T1 voxel centre (index rounded with
 * Math.round, i.e. ties upward; 255 outside the T1 grid). Grids are orthonormal, so the continuous
 * T1 index is the projection of (p - origin) on each axis divided by the spacing.
 */
function nearestT1Labels(t1: GridGeometry, dwi: GridGeometry, labelAt: (x: number, y: number, z: number) => number, stats: TimePointStats): (k: number) => Uint8Array {
  const [dx, dy] = dwi.dims;
  const out = new Uint8Array(dx * dy);
  const p: [number, number, number] = [0, 0, 0];
  const q: [number, number, number] = [0, 0, 0];
  const d = t1.direction;
  const o = t1.originLps;
  const index = (a: number): number => {
    const c = ((p[0] - o[0]) * d[a * 3]! + (p[1] - o[1]) * d[a * 3 + 1]! + (p[2] - o[2]) * d[a * 3 + 2]!) / t1.spacingMm[a]!;
    const margin = Math.abs(Math.abs(c - Math.floor(c)) - 0.5);
    if (margin < stats.mappingTieMarginVoxels) stats.mappingTieMarginVoxels = margin;
    return Math.round(c);
  };
  return (k) => {
    for (let j = 0; j < dy; j++) {
      for (let i = 0; i < dx; i++) {
        voxelCentre(dwi, i, j, k, p);
        const ti = index(0);
        const tj = index(1);
        const tk = index(2);
        const inside = ti >= 0 && tj >= 0 && tk >= 0 && ti < t1.dims[0] && tj < t1.dims[1] && tk < t1.dims[2];
        out[i + j * dx] = inside ? labelAt(...voxelCentre(t1, ti, tj, tk, q)) : OUTSIDE_T1;
      }
    }
    return out;
  };
}
