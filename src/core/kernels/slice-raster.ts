import type { Mask3D } from '../types/volume';
import type { IjkBox } from './bounding-box';

/** Index-space step for testing a segment against the mask: a quarter pixel. */
export const SEGMENT_SAMPLE_STEP_PX = 0.25;
/** Distance to a pixel edge below which a point counts as lying on it (touches both pixels). */
const EDGE_EPS_PX = 1e-9;

/**
 * One k-slice of a mask's bounding box, copied into a small 2D array with a one-pixel zero border.
 * Continuous in-plane coordinates (x, y) are grid indices (i, j): pixel (i, j) covers
 * [i - 0.5, i + 0.5] x [j - 0.5, j + 0.5], its centre at (i, j).
 */
export class SliceRaster {
  readonly width: number;
  readonly height: number;
  /** Grid (i, j) of local pixel (0, 0) (the border). */
  readonly i0: number;
  readonly j0: number;
  readonly pixels: Uint8Array;
  readonly count: number;

  constructor(mask: Mask3D, box: IjkBox, k: number) {
    this.i0 = box.min[0] - 1;
    this.j0 = box.min[1] - 1;
    this.width = box.max[0] - box.min[0] + 3;
    this.height = box.max[1] - box.min[1] + 3;
    this.pixels = new Uint8Array(this.width * this.height);
    const nx = mask.dims[0];
    const base = k * nx * mask.dims[1];
    let count = 0;
    for (let j: number = box.min[1]; j <= box.max[1]; j++) {
      for (let i: number = box.min[0]; i <= box.max[0]; i++) {
        if (mask.data[base + i + j * nx] !== 0) {
          this.pixels[i - this.i0 + (j - this.j0) * this.width] = 1;
          count++;
        }
      }
    }
    this.count = count;
  }

  private at(a: number, b: number): boolean {
    return a >= 0 && b >= 0 && a < this.width && b < this.height && this.pixels[a + b * this.width] !== 0;
  }

  /** Is grid point (x, y) inside the closed union of mask pixels? Points on an edge or corner touch every adjacent pixel. */
  insideClosed(x: number, y: number): boolean {
    const ax = x - this.i0 + 0.5;
    const ay = y - this.j0 + 0.5;
    const rx = Math.round(ax);
    const ry = Math.round(ay);
    const onX = Math.abs(ax - rx) < EDGE_EPS_PX;
    const onY = Math.abs(ay - ry) < EDGE_EPS_PX;
    const xa = onX ? rx - 1 : Math.floor(ax);
    const xb = onX ? rx : xa;
    const ya = onY ? ry - 1 : Math.floor(ay);
    const yb = onY ? ry : ya;
    return this.at(xa, ya) || this.at(xb, ya) || this.at(xa, yb) || this.at(xb, yb);
  }

  /**
   * Does the segment stay inside the mask? Sampled at most a quarter pixel apart, both ends included.
   * Samples are visited coarse to fine (midpoint, quarters, eighths, ...), so a chord across a gap
   * is usually rejected after a few samples; the set of samples is the same as in order.
   */
  segmentInside(x0: number, y0: number, x1: number, y1: number): boolean {
    const steps = Math.max(1, Math.ceil(Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0)) / SEGMENT_SAMPLE_STEP_PX));
    if (!this.insideClosed(x0, y0)) return false;
    let stride = 1;
    while (stride * 2 <= steps) stride *= 2;
    // Every s in 1..steps is odd * 2^m for exactly one m, so each sample is tested once.
    for (; stride >= 1; stride >>= 1) {
      for (let s = stride; s <= steps; s += 2 * stride) {
        const t = s / steps;
        if (!this.insideClosed(x0 + t * (x1 - x0), y0 + t * (y1 - y0))) return false;
      }
    }
    return true;
  }

  /**
   * Convex corners of the mask outline, in grid coordinates: pixel corners touched by exactly one
   * mask pixel. They are the candidate chord ends: the longest chord of a convex outline joins two
   * hull vertices, which are such corners, and a chord ending at a reflex or straight-edge corner
   * could be extended or pivoted, so leaving those out loses little and makes the pair search four
   * to nine times cheaper.
   */
  convexCorners(): { x: Float64Array; y: Float64Array } {
    const xs: number[] = [];
    const ys: number[] = [];
    // Corner (a, b) sits between local pixels a-1..a and b-1..b; the zero border makes 1..w-1 enough.
    for (let b = 1; b < this.height; b++) {
      for (let a = 1; a < this.width; a++) {
        const c = (this.at(a - 1, b - 1) ? 1 : 0) + (this.at(a, b - 1) ? 1 : 0) + (this.at(a - 1, b) ? 1 : 0) + (this.at(a, b) ? 1 : 0);
        if (c === 1) {
          xs.push(this.i0 + a - 0.5);
          ys.push(this.j0 + b - 0.5);
        }
      }
    }
    return { x: Float64Array.from(xs), y: Float64Array.from(ys) };
  }
}
