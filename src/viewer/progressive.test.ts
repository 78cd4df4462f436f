import { describe, expect, it } from 'vitest';
import type { FrameHeader, SeriesVolume } from '../core/dicom/model';
import { mustShowAgain, sameImages } from './progressive';

/** A volume of the given files (one frame each, or frames of one file), enough for these checks. */
function volume(id: string, files: string[], frameIndex: (i: number) => number = () => 0): SeriesVolume {
  const frames = files.map((fileName, i) => ({ fileName, frameIndex: frameIndex(i) }) as FrameHeader);
  return { id, frames } as SeriesVolume;
}

describe('in-place update of a viewport', () => {
  const a = volume('S1', ['f1', 'f2', 'f3']);
  it('same images: same files and frames in the same order', () => {
    expect(sameImages(a, volume('S1', ['f1', 'f2', 'f3']))).toBe(true);
    expect(sameImages(a, volume('S1', ['f1', 'f2']))).toBe(false);
    expect(sameImages(a, volume('S1', ['f1', 'f3', 'f2']))).toBe(false);
    expect(sameImages(volume('M', ['m', 'm']), volume('M', ['m', 'm'], (i) => i))).toBe(false);
  });

  it('keeps a viewport whose series and images are unchanged (a new phase record only)', () => {
    expect(mustShowAgain('S1', a, 'S1', { ...volume('S1', ['f1', 'f2', 'f3']), classification: { phase: 'arterial', confidence: 1, reasons: [] } })).toBe(false);
  });

  it('shows again for another series, the same series with more images, or nothing', () => {
    expect(mustShowAgain('S1', a, 'S2', volume('S2', ['g1']))).toBe(true);
    expect(mustShowAgain('S1', a, 'S1', volume('S1', ['f1', 'f2', 'f3', 'f4']))).toBe(true);
    expect(mustShowAgain('S1', a, null, null)).toBe(true);
    // an empty viewport that stays empty, and one whose series arrives
    expect(mustShowAgain(null, null, null, null)).toBe(false);
    expect(mustShowAgain(null, null, 'S1', a)).toBe(true);
  });
});
