import type { SeriesVolume } from '../core/dicom/model';

/**
 * Window/level for MR (pure). MR intensities are arbitrary units, so there are no absolute presets
 * as on CT: the header's window, a robust automatic window, and doubling steps.
 */
export interface WindowLevel {
  windowWidth: number;
  windowCenter: number;
}

/** The window the scanner stored (values after the rescale, as DICOM defines it); null when absent. */
export function headerWindow(volume: SeriesVolume): WindowLevel | null {
  const { windowCenter, windowWidth } = volume.header;
  return windowCenter !== null && windowWidth !== null && windowWidth > 0 ? { windowCenter, windowWidth } : null;
}

/** Lower and upper fractions of the robust window (niivue's default percentiles). */
export const ROBUST_LOW_FRACTION = 0.02;
export const ROBUST_HIGH_FRACTION = 0.98;
/** Values sampled at most for the robust window: enough for stable percentiles, cheap on 512² x 120. */
export const ROBUST_MAX_SAMPLES = 262_144;

/**
 * 2nd-98th percentile window over the pixels, ignoring zeros (MR background and padding would
 * otherwise pull the window down). Samples evenly when there are many pixels. Null when every pixel is 0.
 */
export function robustWindow(
  images: readonly ArrayLike<number>[],
  low = ROBUST_LOW_FRACTION,
  high = ROBUST_HIGH_FRACTION,
  maxSamples = ROBUST_MAX_SAMPLES,
): WindowLevel | null {
  const total = images.reduce((n, a) => n + a.length, 0);
  if (total === 0) return null;
  const stride = Math.max(1, Math.floor(total / maxSamples));
  const samples = new Float64Array(Math.ceil(total / stride));
  let n = 0;
  let position = 0;
  for (const image of images) {
    // keep the stride across image boundaries so every image is sampled in proportion to its size
    let i = (stride - (position % stride)) % stride;
    for (; i < image.length; i += stride) {
      const v = image[i]!;
      if (v !== 0 && Number.isFinite(v)) samples[n++] = v;
    }
    position += image.length;
  }
  if (n === 0) return null;
  const sorted = samples.subarray(0, n).sort();
  const at = (fraction: number): number => {
    const x = fraction * (n - 1);
    const lo = Math.floor(x);
    const hi = Math.min(n - 1, lo + 1);
    return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (x - lo);
  };
  const lower = at(low);
  const upper = at(high);
  const windowWidth = Math.max(upper - lower, 1e-6);
  return { windowWidth, windowCenter: (lower + upper) / 2 };
}

/** Doubling steps, level = width / 2 (window from 0): 200, 400 ... 3200 cover T1/T2/DWI and ADC (x1e-6 mm²/s). */
export const DOUBLING_WINDOWS: readonly WindowLevel[] = [200, 400, 800, 1600, 3200].map((w) => ({ windowWidth: w, windowCenter: w / 2 }));

export function formatWindow(wl: WindowLevel): string {
  return `W ${Math.round(wl.windowWidth)} L ${Math.round(wl.windowCenter)}`;
}

/** T1-weighted phases: one sequence (same receiver, same units) within an exam, so one window. */
const T1_FAMILY = new Set(['t1_pre', 'arterial', 'portal_venous', 'delayed', 'hepatobiliary', 'dce_dynamic']);

/**
 * Which viewports share window/level: the same sequence type only (REUSE.md: absolute MR windows
 * mean nothing across sequences). T1 phases of one time point share a window, so enhancement shows
 * as brightness; DWI per b-value; ADC across time points too, because it is quantitative
 * (x1e-6 mm²/s); other scanner units differ between visits, so they link within a time point.
 */
export function windowGroupOf(volume: SeriesVolume, row: number): string {
  const phase = volume.classification.phase;
  if (phase === 'adc') return 'adc';
  if (T1_FAMILY.has(phase)) return `t1@${row}`;
  if (phase === 't2') return `t2@${row}`;
  if (phase === 'dwi') return `dwi-b${volume.bValue ?? 'none'}@${row}`;
  return `volume:${volume.id}`;
}
