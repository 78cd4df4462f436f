import { canRedo, canUndo, commit, createHistory, redo, redoLabel, undo, undoLabel, type RoiHistory } from '../../core/roi/history';
import type { RoiModel } from '../../core/roi/model';

export type RoiStoreListener = (model: RoiModel, change: RoiStoreChange) => void;

export interface RoiStoreChange {
  kind: 'edit' | 'undo' | 'redo' | 'replace';
  /** The edit's label ("Brush Lesion 1"), or the one undone / redone. */
  label: string | null;
}

/**
 * The app's one owner of the lesion model: every edit goes through `edit` (so it can be undone and
 * autosaved), and every view (viewer overlays, lesion panel, measurements, autosave) subscribes.
 */
export class RoiStore {
  private history: RoiHistory;
  private readonly listeners = new Set<RoiStoreListener>();

  constructor(model: RoiModel) {
    this.history = createHistory(model);
  }

  get model(): RoiModel {
    return this.history.present;
  }

  /** Applies an edit (a pure function of the model) as one undoable step; no-op edits record nothing. */
  edit(label: string, change: (model: RoiModel) => RoiModel): void {
    const before = this.history;
    this.history = commit(this.history, change(this.history.present), label);
    if (this.history !== before) this.emit({ kind: 'edit', label });
  }

  undo(): void {
    const label = undoLabel(this.history);
    if (!canUndo(this.history)) return;
    this.history = undo(this.history);
    this.emit({ kind: 'undo', label });
  }

  redo(): void {
    const label = redoLabel(this.history);
    if (!canRedo(this.history)) return;
    this.history = redo(this.history);
    this.emit({ kind: 'redo', label });
  }

  /** Replaces the model without history (e.g. restored from autosave at start). */
  replace(model: RoiModel): void {
    this.history = createHistory(model, this.history.maxSteps);
    this.emit({ kind: 'replace', label: null });
  }

  get undoLabel(): string | null {
    return undoLabel(this.history);
  }

  get redoLabel(): string | null {
    return redoLabel(this.history);
  }

  subscribe(listener: RoiStoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(change: RoiStoreChange): void {
    for (const listener of [...this.listeners]) listener(this.history.present, change);
  }
}
