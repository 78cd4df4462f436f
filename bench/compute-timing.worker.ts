// Bench only: where a lesion's time goes inside a worker (the thread our engine computes on), per half.
import * as Comlink from 'comlink';
import { measureDrawingGridHalf, measureLesion, measureSeriesHalf, type LesionMeasureInput } from '../src/core/measure';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const api = {
  /** Medians over `repeats` runs (after two warm-up runs) of each half and of the whole lesion on one crop. */
  time(input: LesionMeasureInput, repeats: number): { drawingGridMs: number; seriesMs: number; wholeMs: number } {
    const timed = (f: () => unknown): number => {
      f();
      f();
      const ms: number[] = [];
      for (let r = 0; r < repeats; r++) {
        const t = performance.now();
        f();
        ms.push(performance.now() - t);
      }
      return median(ms);
    };
    return { drawingGridMs: timed(() => measureDrawingGridHalf(input)), seriesMs: timed(() => measureSeriesHalf(input)), wholeMs: timed(() => measureLesion(input)) };
  },
};

export type TimingWorkerApi = typeof api;
Comlink.expose(api);
