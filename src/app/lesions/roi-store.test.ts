import { describe, expect, it } from 'vitest';
import { addLesion, createRoiModel } from '../../core/roi/lesion-model';
import { RoiStore, type RoiStoreChange } from './roi-store';

describe('RoiStore', () => {
  it('edits are undoable and redoable, listeners hear each change with its label', () => {
    const store = new RoiStore(createRoiModel('P', ['1.2.3']));
    const heard: RoiStoreChange[] = [];
    store.subscribe((_, c) => heard.push(c));
    store.edit('Add Lesion 1', (m) => addLesion(m, {}).model);
    expect(store.model.lesions.map((l) => l.lesionNumber)).toEqual([1]);
    store.undo();
    expect(store.model.lesions).toEqual([]);
    store.redo();
    expect(store.model.lesions.map((l) => l.lesionNumber)).toEqual([1]);
    expect(heard).toEqual([
      { kind: 'edit', label: 'Add Lesion 1' },
      { kind: 'undo', label: 'Add Lesion 1' },
      { kind: 'redo', label: 'Add Lesion 1' },
    ]);
  });

  it('a no-op edit records nothing and tells nobody; undo with nothing to undo is silent', () => {
    const store = new RoiStore(createRoiModel('P', ['1.2.3']));
    let calls = 0;
    store.subscribe(() => calls++);
    store.edit('nothing', (m) => m);
    store.undo();
    expect(calls).toBe(0);
    expect(store.undoLabel).toBeNull();
  });
});
