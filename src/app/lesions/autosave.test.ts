import { describe, expect, it } from 'vitest';
import { addLesion, createRoiModel } from '../../core/roi/lesion-model';
import { serializeRoiModel } from '../../core/roi/serialize';
import { Autosave, restoreModel, type AutosaveStatus } from './autosave';
import type { RecordStore } from './record-store';
import { RoiStore } from './roi-store';

function memoryStore(failPut: () => Error | null = () => null): RecordStore & { records: Map<string, unknown> } {
  const records = new Map<string, unknown>();
  return {
    records,
    get: async (key) => records.get(key),
    put: async (key, value) => {
      const e = failPut();
      if (e) throw e;
      records.set(key, structuredClone(value));
    },
  };
}

describe('autosave', () => {
  it('saves every change (debounced, flushed on demand) and restores all time points from the record', async () => {
    const records = memoryStore();
    const store = new RoiStore(createRoiModel('P', ['A', 'B']));
    const statuses: AutosaveStatus[] = [];
    const autosave = new Autosave(store, Promise.resolve(records), 'k', (s) => statuses.push(s));
    store.edit('Add lesion', (m) => addLesion(m).model);
    store.edit('Add lesion', (m) => addLesion(m).model);
    expect(autosave.current).toMatchObject({ state: 'pending', revision: 2, savedRevision: 0 });
    await autosave.flush();
    expect(autosave.current).toMatchObject({ state: 'saved', revision: 2, savedRevision: 2, error: null });
    const restored = await restoreModel(records, 'k', 'P', ['A', 'B']);
    expect(restored.restored).toBe(true);
    expect(serializeRoiModel(restored.model)).toEqual(serializeRoiModel(store.model));
    autosave.dispose();
  });

  it('a failing save is reported, keeps the model, and the next save succeeds', async () => {
    let fail = true;
    const records = memoryStore(() => (fail ? Object.assign(new Error('quota exceeded'), { name: 'QuotaExceededError' }) : null));
    const store = new RoiStore(createRoiModel('P', ['A']));
    const autosave = new Autosave(store, Promise.resolve(records), 'k', () => undefined);
    store.edit('Add lesion', (m) => addLesion(m).model);
    await autosave.flush();
    expect(autosave.current.state).toBe('error');
    expect(autosave.current.error).toMatch(/QuotaExceededError: quota exceeded/);
    expect(store.model.lesions).toHaveLength(1);
    fail = false;
    await autosave.flush();
    expect(autosave.current).toMatchObject({ state: 'saved', savedRevision: 1, error: null });
    expect(records.records.has('k')).toBe(true);
    autosave.dispose();
  });

  it('an unreadable record is kept aside (not overwritten) and reported', async () => {
    const records = memoryStore();
    records.records.set('k', { schema: 'something else' });
    const r = await restoreModel(records, 'k', 'P', ['A']);
    expect(r.restored).toBe(false);
    expect(r.error).toMatch(/could not be read/);
    const aside = [...records.records.keys()].find((key) => key.startsWith('k|unreadable|'));
    expect(aside).toBeDefined();
    expect(records.records.get(aside!)).toEqual({ schema: 'something else' });
  });
});
