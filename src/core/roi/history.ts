/**
 * Undo / redo as a history of model states. States are immutable and share every unchanged part
 * (lesion lists, time points, and mask planes: sparse-mask.ts), so one step costs what the edit changed:
 * a brush stroke on one slice keeps one new plane of that slice's box, not a copy of the mask.
 * The number of steps kept is bounded (oldest dropped first).
 */
import type { RoiModel } from './model';

export interface HistoryEntry {
  readonly model: RoiModel;
  /** What the edit did, for the Undo / Redo buttons ("Brush Lesion 1"). */
  readonly label: string;
}

export interface RoiHistory {
  /** Older states, most recent last; each with the label of the edit that left it. */
  readonly past: readonly HistoryEntry[];
  readonly present: RoiModel;
  /** States undone, next redo last. */
  readonly future: readonly HistoryEntry[];
  readonly maxSteps: number;
}

export const DEFAULT_MAX_UNDO_STEPS = 200;

export function createHistory(model: RoiModel, maxSteps = DEFAULT_MAX_UNDO_STEPS): RoiHistory {
  return { past: [], present: model, future: [], maxSteps: Math.max(1, Math.floor(maxSteps)) };
}

/** Records an edit. A no-op edit (same model object) records nothing; a new edit clears redo. */
export function commit(history: RoiHistory, next: RoiModel, label: string): RoiHistory {
  if (next === history.present) return history;
  const past = [...history.past, { model: history.present, label }];
  return { past: past.slice(Math.max(0, past.length - history.maxSteps)), present: next, future: [], maxSteps: history.maxSteps };
}

export const canUndo = (history: RoiHistory): boolean => history.past.length > 0;
export const canRedo = (history: RoiHistory): boolean => history.future.length > 0;

/** Label of the edit the next undo reverts (null when there is none). */
export const undoLabel = (history: RoiHistory): string | null => history.past[history.past.length - 1]?.label ?? null;
export const redoLabel = (history: RoiHistory): string | null => history.future[history.future.length - 1]?.label ?? null;

export function undo(history: RoiHistory): RoiHistory {
  const last = history.past[history.past.length - 1];
  if (last === undefined) return history;
  return {
    past: history.past.slice(0, -1),
    present: last.model,
    future: [...history.future, { model: history.present, label: last.label }],
    maxSteps: history.maxSteps,
  };
}

export function redo(history: RoiHistory): RoiHistory {
  const next = history.future[history.future.length - 1];
  if (next === undefined) return history;
  return {
    past: [...history.past, { model: history.present, label: next.label }],
    present: next.model,
    future: history.future.slice(0, -1),
    maxSteps: history.maxSteps,
  };
}

/**
 * Bytes of mask data the whole history holds, each plane buffer counted once however many states
 * share it: the measure of what undo costs.
 */
export function historyMaskBytes(history: RoiHistory): number {
  const seen = new Set<Uint8Array>();
  let bytes = 0;
  const states = [...history.past.map((e) => e.model), history.present, ...history.future.map((e) => e.model)];
  for (const model of states) {
    for (const tp of model.timePoints) {
      const layers = [tp.liverReference, ...tp.otherSegments.map((s) => s.layer), ...tp.lesions.flatMap((l) => [l.tumour, l.enhancing])];
      for (const layer of layers) {
        for (const plane of layer?.mask.planes ?? []) {
          if (plane === null || seen.has(plane.data)) continue;
          seen.add(plane.data);
          bytes += plane.data.byteLength;
        }
      }
    }
  }
  return bytes;
}
