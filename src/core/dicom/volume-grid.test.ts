import { describe, expect, it } from 'vitest';
import { HccError } from '../errors';
import type { GridGeometry } from '../types/volume';
import { placeFrame } from './volume-grid';

const grid: GridGeometry = { dims: [2, 2, 3], spacingMm: [1, 1, 2], originLps: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
const frame = { fileName: 'IM_7.dcm', frameIndex: 0, rescaleSlope: 0.5, rescaleIntercept: -10 };

describe('placeFrame', () => {
  it('puts stored values into plane k as stored * slope + intercept', () => {
    const data = new Float32Array(12);
    placeFrame(data, grid, 1, frame, Uint16Array.from([0, 2, 20, 101]), false);
    // plane 1 is elements 4..7; 101 * 0.5 - 10 = 40.5
    expect([...data]).toEqual([0, 0, 0, 0, -10, -9, 0, 40.5, 0, 0, 0, 0]);
  });

  it('copies values the decoder already rescaled as they are', () => {
    const data = new Float32Array(12);
    placeFrame(data, grid, 2, frame, Float32Array.from([-10, -9, 0, 40.5]), true);
    expect([...data.subarray(8)]).toEqual([-10, -9, 0, 40.5]);
  });

  it('refuses a frame of the wrong size, naming the file', () => {
    const data = new Float32Array(12);
    let error: unknown;
    try {
      placeFrame(data, grid, 0, frame, new Uint16Array(6), false);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HccError);
    expect((error as HccError).code).toBe('GEOMETRY_MISMATCH');
    expect((error as HccError).fileName).toBe('IM_7.dcm');
    expect(() => placeFrame(data, grid, 3, frame, new Uint16Array(4), false)).toThrow(RangeError);
  });
});
