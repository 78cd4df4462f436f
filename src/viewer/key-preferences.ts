/**
 * The user's key bindings, kept between sessions (UX.md §1: OHIF #308, keys lost on reload). Stored
 * as JSON under one versioned key; an unreadable or outdated entry falls back to the defaults with a
 * reason, never to a half-applied map.
 */
import { KEY_BINDINGS, RESERVED_KEYS, bindingsWith, keyConflicts, type KeyAction, type KeyBinding, type KeyOverrides } from './keymap';

export const KEY_PREFERENCES_STORAGE_KEY = 'hcc-response.keyBindings@1';

/** The part of the Web Storage API used here (localStorage in the app; a Map in tests). */
export type KeyStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface LoadedKeyPreferences {
  overrides: KeyOverrides;
  /** Why the saved keys were not used (the defaults apply); null when they were, or none were saved. */
  problem: string | null;
}

const ACTIONS = new Set<KeyAction>(KEY_BINDINGS.map((b) => b.action));

export function loadKeyPreferences(storage: KeyStorage | null): LoadedKeyPreferences {
  let text: string | null;
  try {
    text = storage?.getItem(KEY_PREFERENCES_STORAGE_KEY) ?? null;
  } catch (error) {
    return { overrides: {}, problem: `saved keys could not be read (${error instanceof Error ? error.message : String(error)}): default keys in use` };
  }
  if (text === null) return { overrides: {}, problem: null };
  try {
    const overrides = parseOverrides(JSON.parse(text));
    const conflicts = keyConflicts(bindingsWith(overrides));
    if (conflicts.length > 0) throw new Error(`${conflicts[0]!.actions.join(' and ')} share a key`);
    return { overrides, problem: null };
  } catch (error) {
    return { overrides: {}, problem: `saved keys are not valid (${error instanceof Error ? error.message : String(error)}): default keys in use` };
  }
}

/** Saves the overrides (only the actions that differ from their defaults); throws with the storage's reason. */
export function saveKeyPreferences(storage: KeyStorage | null, overrides: KeyOverrides): void {
  if (!storage) throw new Error('this browser keeps no local storage: the keys apply until the page is closed');
  const changed = changedOnly(overrides);
  if (Object.keys(changed).length === 0) storage.removeItem(KEY_PREFERENCES_STORAGE_KEY);
  else storage.setItem(KEY_PREFERENCES_STORAGE_KEY, JSON.stringify(changed));
}

/** Drops overrides equal to an action's default (a single default key with the same Ctrl). */
export function changedOnly(overrides: KeyOverrides): KeyOverrides {
  const out: KeyOverrides = {};
  for (const b of KEY_BINDINGS) {
    const chord = overrides[b.action];
    if (chord && !isDefault(b, chord.key, chord.ctrl)) out[b.action] = chord;
  }
  return out;
}

const isDefault = (b: KeyBinding, key: string, ctrl: boolean): boolean => b.keys.length === 1 && b.keys[0] === key && (b.ctrl === true) === ctrl;

function parseOverrides(value: unknown): KeyOverrides {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
  const out: KeyOverrides = {};
  for (const [action, chord] of Object.entries(value as Record<string, unknown>)) {
    if (!ACTIONS.has(action as KeyAction)) throw new Error(`unknown action "${action}"`);
    const c = chord as { key?: unknown; ctrl?: unknown } | null;
    if (typeof c?.key !== 'string' || c.key.length === 0 || typeof c.ctrl !== 'boolean') throw new Error(`the key of "${action}" is not a key`);
    if (RESERVED_KEYS.has(c.key)) throw new Error(`"${c.key}" cannot be bound`);
    out[action as KeyAction] = { key: c.key, ctrl: c.ctrl };
  }
  return out;
}
