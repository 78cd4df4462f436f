import { addTimePoint, createRoiModel } from '../../core/roi/lesion-model';
import type { RoiModel } from '../../core/roi/model';
import { deserializeRoiModel, serializeRoiModel } from '../../core/roi/serialize';
import type { RecordStore } from './record-store';
import type { RoiStore } from './roi-store';

/** Edits arriving faster than this are saved together (a brush stroke is one edit anyway). */
export const AUTOSAVE_DEBOUNCE_MS = 400;

export type AutosaveState = 'restoring' | 'saved' | 'pending' | 'saving' | 'error';

export interface AutosaveStatus {
  state: AutosaveState;
  /** Changes of the model since it was opened, and the last one known to be on disk. */
  revision: number;
  savedRevision: number;
  /** What went wrong, in words for the user (null when all is well). */
  error: string | null;
}

const describe = (e: unknown): string => (e instanceof Error ? `${e.name === 'Error' ? '' : `${e.name}: `}${e.message}` : String(e));

/** Loads the saved model of a patient's studies; a missing record gives an empty model. */
export async function restoreModel(
  store: RecordStore,
  key: string,
  patientId: string,
  studyInstanceUids: readonly string[],
): Promise<{ model: RoiModel; restored: boolean; error: string | null }> {
  const fresh = createRoiModel(patientId, studyInstanceUids);
  const record = await store.get(key);
  if (record === undefined) return { model: fresh, restored: false, error: null };
  try {
    let model = deserializeRoiModel(record);
    for (const uid of studyInstanceUids) if (!model.timePoints.some((t) => t.studyInstanceUid === uid)) model = addTimePoint(model, uid);
    return { model, restored: true, error: null };
  } catch (e) {
    // The unreadable record is kept beside the new one, never overwritten: it may be recoverable.
    const aside = `${key}|unreadable|${new Date().toISOString()}`;
    let kept = `kept as "${aside}"`;
    await store.put(aside, record).catch((e2: unknown) => (kept = `could not be kept aside (${describe(e2)})`));
    return { model: fresh, restored: false, error: `The saved lesions could not be read (${describe(e)}); the record ${kept}. Starting empty.` };
  }
}

/**
 * Saves every change of the store, debounced, and at once when the page is hidden or closed.
 * A failed save leaves the drawing in memory, reports the error and is retried with the next change
 * (or by `flush()`); the model itself is never touched.
 */
export class Autosave {
  private status: AutosaveStatus = { state: 'saved', revision: 0, savedRevision: 0, error: null };
  private timer: ReturnType<typeof setTimeout> | null = null;
  private saving: Promise<void> | null = null;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly roiStore: RoiStore,
    private readonly records: Promise<RecordStore>,
    private readonly key: string,
    private readonly onStatus: (status: AutosaveStatus) => void,
  ) {
    this.unsubscribe = roiStore.subscribe((_model, change) => {
      // The restored model is already what is on disk.
      if (change.kind === 'replace') return;
      this.status = { ...this.status, revision: this.status.revision + 1, state: this.status.state === 'error' ? 'error' : 'pending' };
      this.report();
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.flush(), AUTOSAVE_DEBOUNCE_MS);
    });
    // Outside a page (unit tests in node) there is nothing to hide.
    if (typeof window !== 'undefined') window.addEventListener('pagehide', this.onHide);
    if (typeof document !== 'undefined') document.addEventListener('visibilitychange', this.onHide);
  }

  get current(): AutosaveStatus {
    return this.status;
  }

  /** Writes the model now (pending debounce included); resolves when it is on disk or failed. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.saving) await this.saving;
    if (this.status.savedRevision === this.status.revision && this.status.state !== 'error') return;
    const revision = this.status.revision;
    this.saving = this.write(revision).finally(() => (this.saving = null));
    await this.saving;
  }

  /** Reports a storage error found outside a save (opening the database, reading the record). */
  fail(message: string): void {
    this.status = { ...this.status, state: 'error', error: message };
    this.report();
  }

  dispose(): void {
    this.unsubscribe();
    if (typeof window !== 'undefined') window.removeEventListener('pagehide', this.onHide);
    if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', this.onHide);
    if (this.timer) clearTimeout(this.timer);
  }

  private readonly onHide = (e: Event): void => {
    if (e.type === 'pagehide' || document.visibilityState === 'hidden') void this.flush();
  };

  private async write(revision: number): Promise<void> {
    this.status = { ...this.status, state: 'saving' };
    this.report();
    try {
      const store = await this.records;
      await store.put(this.key, serializeRoiModel(this.roiStore.model));
      const newer = this.status.revision > revision;
      this.status = { ...this.status, savedRevision: revision, state: newer ? 'pending' : 'saved', error: null };
      if (newer && !this.timer) this.timer = setTimeout(() => void this.flush(), AUTOSAVE_DEBOUNCE_MS);
    } catch (e) {
      this.status = {
        ...this.status,
        state: 'error',
        error: `Autosave failed: ${describe(e)}. Your drawing is kept in this tab; do not close it until the save succeeds (retried with the next edit).`,
      };
    }
    this.report();
  }

  private report(): void {
    this.onStatus({ ...this.status });
  }
}
