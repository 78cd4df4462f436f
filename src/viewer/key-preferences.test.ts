import { describe, expect, it } from 'vitest';
import { bindingsWith, chordLabel, keyConflicts, keyResolver, KEY_BINDINGS } from './keymap';
import { KEY_PREFERENCES_STORAGE_KEY, loadKeyPreferences, saveKeyPreferences, type KeyStorage } from './key-preferences';

function memoryStorage(initial: Record<string, string> = {}): KeyStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}
const press = (key: string, ctrlKey = false) => ({ key, ctrlKey, altKey: false, metaKey: false });

describe('user key bindings', () => {
  it('a rebound action answers its new key only; the other actions keep their defaults', () => {
    const resolve = keyResolver(bindingsWith({ nextImage: { key: 'j', ctrl: false } }));
    expect(resolve(press('j'))).toBe('nextImage');
    expect(resolve(press('ArrowDown'))).toBeNull();
    expect(resolve(press('ArrowUp'))).toBe('previousImage');
    expect(resolve(press('j', true))).toBeNull();
  });

  it('finds a key given to two actions', () => {
    const conflicts = keyConflicts(bindingsWith({ nextImage: { key: 'i', ctrl: false } }));
    expect(conflicts).toEqual([{ chord: { key: 'i', ctrl: false }, actions: ['nextImage', 'invert'] }]);
    // Ctrl+z (undo) and z are different chords.
    expect(keyConflicts(bindingsWith({ nextImage: { key: 'z', ctrl: false } }))).toEqual([]);
    expect(keyConflicts(KEY_BINDINGS)).toEqual([]);
  });

  it('labels chords as the sheet shows them', () => {
    expect(chordLabel({ key: ' ', ctrl: false })).toBe('Space');
    expect(chordLabel({ key: 'T', ctrl: false })).toBe('Shift+t');
    expect(chordLabel({ key: 'z', ctrl: true })).toBe('Ctrl+z');
    expect(chordLabel({ key: 'ArrowDown', ctrl: false })).toBe('↓');
    expect(chordLabel({ key: 'F2', ctrl: false })).toBe('F2');
  });

  it('saves only what differs from the defaults and reads it back', () => {
    const storage = memoryStorage();
    saveKeyPreferences(storage, { nextImage: { key: 'j', ctrl: false }, invert: { key: 'i', ctrl: false } });
    expect(JSON.parse(storage.data.get(KEY_PREFERENCES_STORAGE_KEY)!)).toEqual({ nextImage: { key: 'j', ctrl: false } });
    expect(loadKeyPreferences(storage)).toEqual({ overrides: { nextImage: { key: 'j', ctrl: false } }, problem: null });
    // Back to the defaults: nothing stays stored.
    saveKeyPreferences(storage, {});
    expect(storage.data.size).toBe(0);
    expect(loadKeyPreferences(storage)).toEqual({ overrides: {}, problem: null });
  });

  it('falls back to the defaults, with the reason, on a broken, unknown, reserved or conflicting entry', () => {
    for (const [text, reason] of [
      ['{not json', 'not valid'],
      ['{"flyAway":{"key":"q","ctrl":false}}', 'unknown action "flyAway"'],
      ['{"nextImage":{"key":"Escape","ctrl":false}}', '"Escape" cannot be bound'],
      ['{"nextImage":{"key":"i","ctrl":false}}', 'nextImage and invert share a key'],
      ['{"nextImage":{"key":7,"ctrl":false}}', 'is not a key'],
    ] as const) {
      const loaded = loadKeyPreferences(memoryStorage({ [KEY_PREFERENCES_STORAGE_KEY]: text }));
      expect(loaded.overrides).toEqual({});
      expect(loaded.problem).toContain(reason);
    }
    const throwing: KeyStorage = { getItem: () => { throw new Error('denied'); }, setItem: () => undefined, removeItem: () => undefined };
    expect(loadKeyPreferences(throwing).problem).toContain('denied');
    expect(() => saveKeyPreferences(null, {})).toThrow(/no local storage/);
  });
});
