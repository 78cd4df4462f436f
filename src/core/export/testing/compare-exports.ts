/**
 * Test helper: two exports of the same study compared by content, not bytes (UIDs and dates differ
 * per export). SEG: every segment's voxels on its grid, read back with the core's SEG import. SR: the
 * numbers and categories read back with importSr, without the UIDs.
 */
import { importSeg, type SegSourceSeries } from '../../roi/seg-import';
import { sparseToMask3D } from '../../roi/sparse-mask';
import { importSr } from '../sr-import';

export interface SegLayerContent {
  label: string;
  algorithmType: string;
  voxelCount: number;
  dims: number[];
  originLps: number[];
  /** Indices of the set voxels (full-size mask on the SEG's grid), ascending. */
  voxels: number[];
}

/** The segments of a SEG in segment order, each as its set voxel indices. */
export function segContent(bytes: Uint8Array, fileName: string, source?: readonly SegSourceSeries[]): SegLayerContent[] {
  const seg = importSeg(bytes, fileName, source);
  return seg.segments.map((s) => {
    const { mask } = sparseToMask3D(s.mask);
    const voxels: number[] = [];
    mask.data.forEach((v, i) => (v !== 0 ? voxels.push(i) : undefined));
    return { label: s.label, algorithmType: s.algorithmType, voxelCount: s.voxelCount, dims: [...mask.dims], originLps: [...mask.originLps], voxels };
  });
}

/** What an SR says (figures, categories, method), without the UIDs that differ per export. */
export function srContent(bytes: Uint8Array, fileName: string): unknown {
  const sr = importSr(bytes, fileName);
  return {
    method: sr.method,
    timePoints: sr.timePoints.map((tp) => ({
      label: tp.label,
      studyInstanceUid: tp.studyInstanceUid,
      lesions: tp.lesions.map(({ trackingUid: _t, segment, ...figures }) => ({ ...figures, segmentNumber: segment?.segmentNumber ?? null })),
    })),
    responses: sr.responses,
    warnings: sr.warnings,
  };
}

/**
 * Differences between two JSON values where numbers may differ by `relTol` (relative; absolute for
 * values below 1): the measurement kernels compute on absolute voxel indices, so the app's cropped
 * grids and the CLI's full grids can round the same diameter one ulp apart. Anything else must match.
 */
export function jsonDiffs(a: unknown, b: unknown, relTol: number, at = '$'): string[] {
  if (typeof a === 'number' && typeof b === 'number') return closeEnough(a, b, relTol) ? [] : [`${at}: ${a} vs ${b}`];
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return [`${at}: ${a.length} vs ${b.length} items`];
    return a.flatMap((x, i) => jsonDiffs(x, b[i], relTol, `${at}[${i}]`));
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.join() !== kb.join()) return [`${at}: keys ${ka.join()} vs ${kb.join()}`];
    return ka.flatMap((k) => jsonDiffs((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], relTol, `${at}.${k}`));
  }
  return Object.is(a, b) ? [] : [`${at}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`];
}

/** The same for CSV text: same rows, same cells; cells that are both numbers may differ by `relTol`. */
export function csvDiffs(a: string, b: string, relTol: number): string[] {
  const ra = a.split('\r\n');
  const rb = b.split('\r\n');
  if (ra.length !== rb.length) return [`${ra.length} vs ${rb.length} rows`];
  return ra.flatMap((row, r) => {
    const ca = row.split(',');
    const cb = rb[r]!.split(',');
    if (ca.length !== cb.length) return [`row ${r}: ${ca.length} vs ${cb.length} cells`];
    return ca.flatMap((cell, c) => {
      const other = cb[c]!;
      if (cell === other) return [];
      const numeric = NUMBER.test(cell) && NUMBER.test(other) && closeEnough(Number(cell), Number(other), relTol);
      return numeric ? [] : [`row ${r} cell ${c}: ${cell} vs ${other}`];
    });
  });
}

const NUMBER = /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i;

function closeEnough(a: number, b: number, relTol: number): boolean {
  return a === b || Math.abs(a - b) <= relTol * Math.max(1, Math.abs(a), Math.abs(b));
}
