import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Vec3 } from '../../../src/core/types/volume';
import { NOISE_AMPLITUDE, TISSUE_VALUES, type Tissue } from '../definitions';
import type { PhantomManifest } from '../generate';
import type { TimePointTruth } from '../truth';
import { centreOf, readFiles, stackVolume, valueRange, within, type ReadVolume } from './read-back';

/**
 * Reads one time point back from disk and classifies every T1 voxel by its written values alone
 * (pre-contrast and arterial value ranges), then assigns lesion voxels to the nearest lesion
 * centre: an independent count to compare with truth.json.
 */

export const TISSUES: readonly Tissue[] = ['air', 'body', 'liver', 'viable', 'necrosis'];
export const UNCLASSIFIED = 255;

export interface LoadedTimePoint {
  volumes: Record<string, ReadVolume>;
  /** DWI volumes per b-value. */
  dwi: Map<number, ReadVolume>;
  /** Index into TISSUES per T1 voxel, or UNCLASSIFIED. */
  tissue: Uint8Array;
  /** Lesion number (1-based) per T1 voxel of a tumour tissue, else 0. */
  lesion: Uint8Array;
  /** Voxels of tumour tissue that are near no lesion centre (must be 0). */
  strayTumourVoxels: number;
}

export function readManifest(dir: string): PhantomManifest {
  return JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as PhantomManifest;
}

export function loadTimePoint(dir: string, manifest: PhantomManifest, tp: TimePointTruth): LoadedTimePoint {
  const entry = manifest.timePoints.find((t) => t.label === tp.label)!;
  const volumes: Record<string, ReadVolume> = {};
  const dwi = new Map<number, ReadVolume>();
  for (const series of entry.series) {
    const images = readFiles(dir, series.files);
    if (series.phase === 'dwi') {
      for (const b of [...new Set(images.map((im) => im.bValue!))]) dwi.set(b, stackVolume(images.filter((im) => im.bValue === b)));
    } else {
      volumes[series.phase] = stackVolume(images);
    }
  }
  const pre = volumes.t1_pre!;
  const art = volumes.arterial!;
  const [nx, ny, nz] = pre.grid.dims;
  const tissue = new Uint8Array(nx * ny * nz).fill(UNCLASSIFIED);
  const lesion = new Uint8Array(nx * ny * nz);
  const ranges = TISSUES.map((t) => [valueRange(TISSUE_VALUES.t1_pre[t], NOISE_AMPLITUDE), valueRange(TISSUE_VALUES.arterial[t], NOISE_AMPLITUDE)] as const);
  const s = pre.grid.spacingMm;
  const diagonalMm = Math.hypot(s[0], s[1], s[2]);
  let stray = 0;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const v = i + j * nx + k * nx * ny;
        const matches = ranges.flatMap(([rPre, rArt], t) => (within(pre.data[v]!, rPre) && within(art.data[v]!, rArt) ? [t] : []));
        if (matches.length !== 1) continue;
        tissue[v] = matches[0]!;
        const name = TISSUES[matches[0]!];
        if (name !== 'viable' && name !== 'necrosis') continue;
        const c = centreOf(pre.grid, i, j, k);
        const near = tp.lesions.findIndex((l) => distance(c, l.centreLps) <= l.radiusMm + diagonalMm);
        if (near < 0) stray++;
        else lesion[v] = near + 1;
      }
    }
  }
  return { volumes, dwi, tissue, lesion, strayTumourVoxels: stray };
}

export const distance = (a: Vec3, b: Vec3): number => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

export const tissueIndex = (t: Tissue): number => TISSUES.indexOf(t);
