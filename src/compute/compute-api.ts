import { toErrorInfo, type HccErrorInfo } from '../core/errors';
import { measureLesion, measureLesionHalf, type LesionHalf, type LesionHalfResult, type LesionMeasureInput, type LesionResult } from '../core/measure';

/** Errors cross comlink as data: a plain Error would lose its code on the way. */
export type Outcome<R> = { ok: true; result: R } | { ok: false; error: HccErrorInfo };
export type LesionOutcome = Outcome<LesionResult>;

function outcome<R>(run: () => R): Outcome<R> {
  try {
    return { ok: true, result: run() };
  } catch (error) {
    // Anything without a code of its own is a fault of the engine, not of the input.
    return { ok: false, error: toErrorInfo(error, undefined, 'COMPUTE_FAILED') };
  }
}

/**
 * The operations a compute worker exposes; the same object runs inline with { worker: false }.
 * Inputs arrive already cropped to the lesion (compute-client.ts), as transferred copies.
 */
export const computeApi = {
  measureLesion(input: LesionMeasureInput): LesionOutcome {
    return outcome(() => measureLesion(input));
  },
  /** One of the two halves of measureLesion (two workers run them side by side; the client joins them). */
  measureLesionHalf(input: LesionMeasureInput, half: LesionHalf): Outcome<LesionHalfResult> {
    return outcome(() => measureLesionHalf(input, half));
  },
};

export type ComputeApi = typeof computeApi;
