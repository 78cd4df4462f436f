import type { Mask3D } from '../types/volume';
import type { IjkBox } from './bounding-box';

/** Distance (index units) below which a point counts as lying on a pixel edge (it touches both pixels). */
const EDGE_EPS_PX = 1e-9;

/**
 * One k-slice of a mask's bounding box as row runs. Continuous in-plane coordinates (x, y) are grid
 * indices (i, j): pixel (i, j) covers [i - 0.5, i + 0.5] x [j - 0.5, j + 0.5], its centre at (i, j).
 * The mask is the CLOSED union of its pixel squares (pixels touching at a corner connect), and every
 * test here is exact: a row's runs of mask pixels are closed x intervals, and a segment is inside
 * the union when, in each row band it crosses, its part there lies in one run of that row.
 */
export class SliceRaster {
  /**
   * Grid (i, j) of the slice's tight corner (its lowest mask column and row): every coordinate this
   * class takes and returns is local, x = i - i0 and y = j - j0.
   */
  readonly i0: number;
  readonly j0: number;
  readonly rows: number;
  readonly count: number;
  /** Runs of row r: runX[2 m], runX[2 m + 1] (grid x of the outer edges) for m in rowStart[r] .. rowStart[r + 1] - 1. */
  private readonly rowStart: Int32Array;
  private readonly runX: Float64Array;
  /** The mask's voxels, read in place for O(1) point tests: pixel (x, y) is data[pixel0 + y * nx + x] for 0 <= x < cols, 0 <= y < rows. */
  private readonly data: Mask3D['data'];
  private readonly pixel0: number;
  private readonly nx: number;
  private readonly cols: number;

  constructor(mask: Mask3D, box: IjkBox, k: number) {
    const width = box.max[0] - box.min[0] + 1;
    const boxRows = box.max[1] - box.min[1] + 1;
    const nx = mask.dims[0];
    const base = k * nx * mask.dims[1];
    // Runs first in box columns (integer pixel starts / ends), then moved to the slice's own tight
    // corner: every coordinate is then local to the slice's pixels, so the same pixels give
    // bit-identical results wherever they lie in the grid (a crop and the full grid agree exactly).
    const starts: number[] = [];
    const ends: number[] = [];
    const rowStart = new Int32Array(boxRows + 1);
    let count = 0;
    let firstRow = -1;
    let lastRow = -1;
    let minCol = Infinity;
    const data = mask.data;
    for (let r = 0; r < boxRows; r++) {
      rowStart[r] = starts.length;
      const row = base + (box.min[1] + r) * nx + box.min[0];
      // Skip the gap, then walk the run: one comparison per pixel.
      let a = 0;
      for (;;) {
        while (a < width && data[row + a] === 0) a++;
        if (a === width) break;
        const start = a;
        while (a < width && data[row + a] !== 0) a++;
        starts.push(start);
        ends.push(a);
        count += a - start;
        if (start < minCol) minCol = start;
      }
      if (starts.length > rowStart[r]!) {
        if (firstRow < 0) firstRow = r;
        lastRow = r;
      }
    }
    rowStart[boxRows] = starts.length;
    if (firstRow < 0) {
      firstRow = 0;
      lastRow = -1;
      minCol = 0;
    }
    this.i0 = box.min[0] + minCol;
    this.j0 = box.min[1] + firstRow;
    this.rows = lastRow - firstRow + 1;
    this.data = data;
    this.nx = nx;
    this.pixel0 = base + this.j0 * nx + this.i0;
    this.cols = box.max[0] - this.i0 + 1;
    this.rowStart = new Int32Array(this.rows + 1);
    for (let r = 0; r <= this.rows; r++) this.rowStart[r] = rowStart[firstRow + r]! - rowStart[firstRow]!;
    const first = rowStart[firstRow]!;
    this.runX = new Float64Array(2 * (this.rowStart[this.rows]! ));
    for (let m = 0; m < this.runX.length / 2; m++) {
      this.runX[2 * m] = starts[first + m]! - minCol - 0.5;
      this.runX[2 * m + 1] = ends[first + m]! - minCol - 0.5;
    }
    this.count = count;
  }

  /** Same pixels at the same place as another slice? (Mirror-image slices of a sphere often are.) */
  samePixels(other: SliceRaster): boolean {
    if (other.i0 !== this.i0 || other.j0 !== this.j0 || other.runX.length !== this.runX.length || other.rows !== this.rows) return false;
    for (let r = 0; r <= this.rows; r++) if (other.rowStart[r] !== this.rowStart[r]) return false;
    for (let m = 0; m < this.runX.length; m++) if (other.runX[m] !== this.runX[m]) return false;
    return true;
  }

  /** Index of the run of grid row j containing x (edges included), or -1. */
  private runAt(j: number, x: number): number {
    const r = j;
    if (r < 0 || r >= this.rows) return -1;
    for (let m = this.rowStart[r]!; m < this.rowStart[r + 1]!; m++) {
      if (x >= this.runX[2 * m]! - EDGE_EPS_PX && x <= this.runX[2 * m + 1]! + EDGE_EPS_PX) return m;
    }
    return -1;
  }

  /**
   * Is grid point (x, y) inside the closed union of mask pixels? Points on the half-pixel lattice
   * (pixel centres, edges and corners: corner chords' midpoints, the diameter search's first test)
   * are answered from the pixels touching them, in O(1); others from the row runs.
   */
  insideClosed(x: number, y: number): boolean {
    if (Number.isInteger(2 * x) && Number.isInteger(2 * y)) return this.latticePointInside(x, y);
    return this.insideClosedByRuns(x, y);
  }

  /** A point of the half-pixel lattice is in the closed union iff a mask pixel's closed square holds it: one to four pixels to look at. */
  private latticePointInside(x: number, y: number): boolean {
    const iHigh = Math.floor(x + 0.5), jHigh = Math.floor(y + 0.5);
    for (let j = Math.ceil(y - 0.5); j <= jHigh; j++) {
      if (j < 0 || j >= this.rows) continue;
      for (let i = Math.ceil(x - 0.5); i <= iHigh; i++) {
        if (i >= 0 && i < this.cols && this.data[this.pixel0 + j * this.nx + i] !== 0) return true;
      }
    }
    return false;
  }

  /** insideClosed for any point, from the row runs (edges within EDGE_EPS_PX count as on them). */
  insideClosedByRuns(x: number, y: number): boolean {
    const j = Math.round(y);
    if (Math.abs(y - j) > 0.5 - EDGE_EPS_PX) {
      // On the edge between rows floor(y + 0.5) - 1 and floor(y + 0.5).
      const upper = Math.round(y + 0.5);
      return this.runAt(upper - 1, x) >= 0 || this.runAt(upper, x) >= 0;
    }
    return this.runAt(j, x) >= 0;
  }

  /**
   * Farthest point of the horizontal line y = (a row edge) from x towards `dir` (+1 / -1) such that
   * everything between is in runs of the two rows meeting there.
   */
  private alongEdge(upper: number, x: number, dir: number): number {
    let reach = x;
    for (;;) {
      let next = reach;
      for (let j = upper - 1; j <= upper; j++) {
        const m = this.runAt(j, reach);
        if (m >= 0) next = dir > 0 ? Math.max(next, this.runX[2 * m + 1]!) : Math.min(next, this.runX[2 * m]!);
      }
      if (next === reach) return reach;
      reach = next;
    }
  }

  /** Does the segment (x0, y0)-(x1, y1) lie in the closed union of mask pixels? Exact. */
  segmentInside(x0: number, y0: number, x1: number, y1: number): boolean {
    // The middle first: chords across a gap or a necrotic hole usually fail there at once.
    if (!this.insideClosed((x0 + x1) / 2, (y0 + y1) / 2)) return false;
    if (y0 === y1) {
      if (!this.insideClosed(x0, y0)) return false;
      const upper = Math.round(y0 + 0.5);
      if (Math.abs(y0 + 0.5 - upper) < EDGE_EPS_PX) {
        const dir = x1 >= x0 ? 1 : -1;
        return dir * (this.alongEdge(upper, x0, dir) - x1) >= -EDGE_EPS_PX;
      }
      const m = this.runAt(Math.round(y0), x0);
      return m >= 0 && this.runAt(Math.round(y0), x1) === m;
    }
    // Per row band j, the segment's part with y in (j - 0.5, j + 0.5) must lie in one run (no allocation: hot path).
    const flip = y0 > y1;
    const ax = flip ? x1 : x0, ay = flip ? y1 : y0, bx = flip ? x0 : x1, by = flip ? y0 : y1;
    const slope = (bx - ax) / (by - ay);
    const jLow = Math.round(ay + EDGE_EPS_PX);
    const jHigh = Math.round(by - EDGE_EPS_PX);
    for (let j = jLow; j <= jHigh; j++) {
      const ya = Math.max(ay, j - 0.5);
      const yb = Math.min(by, j + 0.5);
      if (yb - ya <= 0) continue;
      const xa = ya === ay ? ax : ax + (ya - ay) * slope;
      const xb = yb === by ? bx : ax + (yb - ay) * slope;
      const m = this.runAt(j, xa);
      if (m < 0 || this.runAt(j, xb) !== m) return false;
    }
    return true;
  }

  /**
   * How far (in units of (qx, qy)) the ray from (px, py), a point of the union, runs before leaving
   * the closed union of mask pixels. Exact: walks the row bands the ray crosses.
   */
  rayLength(px: number, py: number, qx: number, qy: number): number {
    if (qy === 0) {
      if (qx === 0) return 0;
      const dir = qx > 0 ? 1 : -1;
      const upper = Math.round(py + 0.5);
      if (Math.abs(py + 0.5 - upper) < EDGE_EPS_PX) return (this.alongEdge(upper, px, dir) - px) / qx;
      const m = this.runAt(Math.round(py), px);
      return m < 0 ? 0 : (this.runX[2 * m + (dir > 0 ? 1 : 0)]! - px) / qx;
    }
    const up = qy > 0 ? 1 : -1;
    // The row band entered first: from a row edge, the one on the side of travel.
    let j = up > 0 ? Math.floor(py + 0.5 + EDGE_EPS_PX) : Math.ceil(py - 0.5 - EDGE_EPS_PX);
    let t = 0;
    for (;;) {
      const tBand = (j + 0.5 * up - py) / qy;
      const m = this.runAt(j, px + t * qx);
      if (m < 0) return t;
      const xEnd = px + tBand * qx;
      if (xEnd < this.runX[2 * m]! - EDGE_EPS_PX) return (this.runX[2 * m]! - px) / qx;
      if (xEnd > this.runX[2 * m + 1]! + EDGE_EPS_PX) return (this.runX[2 * m + 1]! - px) / qx;
      t = tBand;
      j += up;
    }
  }

  /**
   * Convex corners of the mask outline, in grid coordinates: pixel corners touched by exactly one
   * mask pixel, in order of y then x. The candidate chord ends (see diameters.ts). On the edge
   * between two rows such a corner is a run end of one row (one pixel of that row touches it) that
   * lies outside every run of the other row (none of its pixels does); a run end of both rows has two.
   */
  convexCorners(): { x: Float64Array; y: Float64Array } {
    const xs: number[] = [];
    const ys: number[] = [];
    const runX = this.runX;
    for (let r = 0; r <= this.rows; r++) {
      // Merge the sorted run ends of rows r - 1 (p) and r (q); an even count passed = outside that row's runs.
      let p = r > 0 ? 2 * this.rowStart[r - 1]! : 0;
      const pEnd = r > 0 ? 2 * this.rowStart[r]! : 0;
      let q = r < this.rows ? 2 * this.rowStart[r]! : 0;
      const qEnd = r < this.rows ? 2 * this.rowStart[r + 1]! : 0;
      const pStart = p, qStart = q;
      const y = r - 0.5;
      while (p < pEnd || q < qEnd) {
        const xp = p < pEnd ? runX[p]! : Infinity;
        const xq = q < qEnd ? runX[q]! : Infinity;
        if (xp === xq) {
          p++;
          q++;
        } else if (xp < xq) {
          if ((q - qStart) % 2 === 0) xs.push(xp), ys.push(y);
          p++;
        } else {
          if ((p - pStart) % 2 === 0) xs.push(xq), ys.push(y);
          q++;
        }
      }
    }
    return { x: Float64Array.from(xs), y: Float64Array.from(ys) };
  }
}
