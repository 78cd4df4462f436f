import { toErrorInfo, type HccErrorInfo } from '../core/errors';
import { measureLesion, type LesionMeasureInput, type LesionResult } from '../core/measure';

/** Errors cross comlink as data: a plain Error would lose its code on the way. */
export type LesionOutcome = { ok: true; result: LesionResult } | { ok: false; error: HccErrorInfo };

/**
 * The operations a compute worker exposes; the same object runs inline with { worker: false }.
 * Inputs arrive already cropped to the lesion (compute-client.ts), as transferred copies.
 */
export const computeApi = {
  measureLesion(input: LesionMeasureInput): LesionOutcome {
    try {
      return { ok: true, result: measureLesion(input) };
    } catch (error) {
      // Anything without a code of its own is a fault of the engine, not of the input.
      return { ok: false, error: toErrorInfo(error, undefined, 'COMPUTE_FAILED') };
    }
  },
};

export type ComputeApi = typeof computeApi;
