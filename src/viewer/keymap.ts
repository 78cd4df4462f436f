/**
 * Keyboard bindings of the reading room (pure: one table drives both the handler and the `?`
 * cheat-sheet, so the sheet can never disagree with what the keys do). OHIF v3 default keys are
 * kept unchanged (UX.md §1); additions follow the UX proposals (t, s, x, ?).
 */
export type KeyAction =
  | 'nextImage' | 'previousImage' | 'firstImage' | 'lastImage'
  | 'nextViewport' | 'previousViewport' | 'nextSeries' | 'previousSeries'
  | 'reset' | 'invert' | 'zoomIn' | 'zoomOut' | 'zoomFit'
  | 'rotateRight' | 'rotateLeft' | 'flipHorizontal' | 'flipVertical' | 'cycleOrientation'
  | 'windowHeader' | 'windowAuto' | 'window1' | 'window2' | 'window3' | 'window4' | 'window5'
  | 'nextTimePoint' | 'previousTimePoint' | 'toggleSliceSync' | 'toggleReferencePoint' | 'clearAnchors'
  | 'cine' | 'cheatSheet' | 'escape'
  | RoiCommand
  | ResponseCommand;

/** Keys of the response views, handled by the host (it owns their state and the toolbar buttons). */
export type ResponseCommand = 'toggleResponseOverlay' | 'toggleSubtraction' | 'toggleAdcColour';

import type { RoiCommand } from './roi-types';

export interface KeyBinding {
  action: KeyAction;
  /** KeyboardEvent.key values that trigger it (case-sensitive: "T" is shift+t). */
  keys: readonly string[];
  /** Only with Ctrl (or Cmd on macOS) held: undo/redo, as in every editor. */
  ctrl?: boolean;
  /** How the sheet shows the key. */
  label: string;
  description: string;
  group: 'Navigation' | 'View' | 'Window / level' | 'Time points and sync' | 'Contouring' | 'Response views' | 'Help';
}

export const KEY_BINDINGS: readonly KeyBinding[] = [
  { action: 'nextImage', keys: ['ArrowDown'], label: '↓', description: 'Next image', group: 'Navigation' },
  { action: 'previousImage', keys: ['ArrowUp'], label: '↑', description: 'Previous image', group: 'Navigation' },
  { action: 'firstImage', keys: ['Home'], label: 'Home', description: 'First image', group: 'Navigation' },
  { action: 'lastImage', keys: ['End'], label: 'End', description: 'Last image', group: 'Navigation' },
  { action: 'cine', keys: ['c'], label: 'c', description: 'Cine on/off in the active viewport (the others follow)', group: 'Navigation' },
  { action: 'nextViewport', keys: ['ArrowRight'], label: '→', description: 'Next viewport (activate)', group: 'Navigation' },
  { action: 'previousViewport', keys: ['ArrowLeft'], label: '←', description: 'Previous viewport (activate)', group: 'Navigation' },
  { action: 'nextSeries', keys: ['PageDown'], label: 'PageDown', description: 'Next series in the viewport', group: 'Navigation' },
  { action: 'previousSeries', keys: ['PageUp'], label: 'PageUp', description: 'Previous series in the viewport', group: 'Navigation' },
  { action: 'reset', keys: [' '], label: 'Space', description: 'Reset viewport (zoom, pan, window, invert)', group: 'View' },
  { action: 'invert', keys: ['i'], label: 'i', description: 'Invert', group: 'View' },
  { action: 'zoomIn', keys: ['+'], label: '+', description: 'Zoom in (all viewports)', group: 'View' },
  { action: 'zoomOut', keys: ['-'], label: '-', description: 'Zoom out (all viewports)', group: 'View' },
  { action: 'zoomFit', keys: ['='], label: '=', description: 'Fit to window', group: 'View' },
  { action: 'rotateRight', keys: ['r'], label: 'r', description: 'Rotate right 90°', group: 'View' },
  { action: 'rotateLeft', keys: ['l'], label: 'l', description: 'Rotate left 90°', group: 'View' },
  { action: 'flipHorizontal', keys: ['h'], label: 'h', description: 'Flip horizontal', group: 'View' },
  { action: 'flipVertical', keys: ['v'], label: 'v', description: 'Flip vertical', group: 'View' },
  { action: 'cycleOrientation', keys: ['o'], label: 'o', description: 'Acquired / coronal / sagittal reformat', group: 'View' },
  { action: 'windowHeader', keys: ['1'], label: '1', description: 'Window from the DICOM header (default)', group: 'Window / level' },
  { action: 'windowAuto', keys: ['2'], label: '2', description: 'Auto window: 2–98 % of the series, zeros ignored', group: 'Window / level' },
  { action: 'window1', keys: ['3'], label: '3', description: 'W 200 L 100', group: 'Window / level' },
  { action: 'window2', keys: ['4'], label: '4', description: 'W 400 L 200', group: 'Window / level' },
  { action: 'window3', keys: ['5'], label: '5', description: 'W 800 L 400', group: 'Window / level' },
  { action: 'window4', keys: ['6'], label: '6', description: 'W 1600 L 800', group: 'Window / level' },
  { action: 'window5', keys: ['7'], label: '7', description: 'W 3200 L 1600 (ADC)', group: 'Window / level' },
  { action: 'nextTimePoint', keys: ['t'], label: 't', description: 'Same phase, next time point', group: 'Time points and sync' },
  { action: 'previousTimePoint', keys: ['T'], label: 'Shift+t', description: 'Same phase, previous time point', group: 'Time points and sync' },
  { action: 'toggleSliceSync', keys: ['s'], label: 's', description: 'Slice sync on/off', group: 'Time points and sync' },
  { action: 'toggleReferencePoint', keys: ['x'], label: 'x', description: 'Reference point (crosshair) on/off', group: 'Time points and sync' },
  { action: 'clearAnchors', keys: ['A'], label: 'Shift+a', description: 'Clear the time-point anchors', group: 'Time points and sync' },
  { action: 'toolNavigate', keys: ['w'], label: 'w', description: 'Window / level on the left button (leave the drawing tool)', group: 'Contouring' },
  { action: 'toolContour', keys: ['f'], label: 'f', description: 'Freehand contour of the tumour (drag; released = closed)', group: 'Contouring' },
  { action: 'toolEnhancingContour', keys: ['e'], label: 'e', description: 'Freehand contour of the enhancing (viable) part', group: 'Contouring' },
  { action: 'toolBrush', keys: ['g'], label: 'g', description: 'Brush (circle, mm)', group: 'Contouring' },
  { action: 'toolThreshold', keys: ['G'], label: 'Shift+g', description: 'Threshold brush (range from the voxel clicked ± tolerance, island removal)', group: 'Contouring' },
  { action: 'toolEraser', keys: ['E'], label: 'Shift+e', description: 'Eraser', group: 'Contouring' },
  { action: 'brushLarger', keys: [']'], label: ']', description: 'Brush larger', group: 'Contouring' },
  { action: 'brushSmaller', keys: ['['], label: '[', description: 'Brush smaller', group: 'Contouring' },
  { action: 'interpolate', keys: ['I'], label: 'Shift+i', description: 'Fill the slices between drawn ones (interpolation)', group: 'Contouring' },
  { action: 'undo', keys: ['z'], ctrl: true, label: 'Ctrl+z', description: 'Undo the last edit', group: 'Contouring' },
  { action: 'redo', keys: ['y', 'Z'], ctrl: true, label: 'Ctrl+y', description: 'Redo (also Ctrl+Shift+z)', group: 'Contouring' },
  { action: 'toggleResponseOverlay', keys: ['n'], label: 'n', description: 'Viable / necrotic overlay on/off', group: 'Response views' },
  { action: 'toggleSubtraction', keys: ['d'], label: 'd', description: 'Subtraction (arterial minus pre) column on/off', group: 'Response views' },
  { action: 'toggleAdcColour', keys: ['a'], label: 'a', description: 'ADC colour map on/off', group: 'Response views' },
  { action: 'cheatSheet', keys: ['?'], label: '?', description: 'This list of keys', group: 'Help' },
  { action: 'escape', keys: ['Escape'], label: 'Esc', description: 'Close this list; drop the contour being drawn', group: 'Help' },
];

/** Mouse bindings, shown on the sheet (OHIF: left W/L, middle pan, right zoom, wheel scroll). */
export const MOUSE_BINDINGS: readonly { label: string; description: string }[] = [
  { label: 'Left drag', description: 'Window / level (linked per sequence type)' },
  { label: 'Middle drag', description: 'Pan (all viewports)' },
  { label: 'Right drag', description: 'Zoom (all viewports)' },
  { label: 'Wheel', description: 'Scroll images (synced through patient position)' },
  { label: 'Shift+click', description: 'Set the anchor: click the same lesion once in each time point' },
  { label: 'Click', description: 'Activate the viewport' },
  { label: 'Left drag (drawing tool)', description: 'Contour, brush or erase on the acquired image' },
];

/** One key press: KeyboardEvent.key, with or without Ctrl (Cmd on macOS). Shift is in the key itself ("T"). */
export interface KeyChord {
  key: string;
  ctrl: boolean;
}

/** The user's own keys: one chord per action they changed; every other action keeps its default keys. */
export type KeyOverrides = Partial<Record<KeyAction, KeyChord>>;

/** Keys a user cannot bind: Escape cancels (and ends a key capture), modifiers are never a key alone. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['Escape', 'Shift', 'Control', 'Alt', 'Meta', 'AltGraph', 'CapsLock', 'Tab', 'Dead', 'Unidentified']);

/** How the sheet and the preferences show a chord: "Space", "Shift+t", "Ctrl+z". */
export function chordLabel({ key, ctrl }: KeyChord): string {
  const named: Record<string, string> = { ' ': 'Space', ArrowDown: '↓', ArrowUp: '↑', ArrowLeft: '←', ArrowRight: '→' };
  const shifted = key.length === 1 && key !== key.toLowerCase() ? `Shift+${key.toLowerCase()}` : null;
  return `${ctrl ? 'Ctrl+' : ''}${named[key] ?? shifted ?? key}`;
}

/** The bindings with the user's keys in place of the defaults of the actions they changed. */
export function bindingsWith(overrides: KeyOverrides, defaults: readonly KeyBinding[] = KEY_BINDINGS): KeyBinding[] {
  return defaults.map((b) => {
    const chord = overrides[b.action];
    return chord ? { ...b, keys: [chord.key], ctrl: chord.ctrl, label: chordLabel(chord) } : b;
  });
}

const chordId = (key: string, ctrl: boolean): string => `${ctrl ? 'ctrl+' : ''}${key}`;

/** Chords bound to more than one action (each with those actions); empty when the bindings are usable. */
export function keyConflicts(bindings: readonly KeyBinding[]): Array<{ chord: KeyChord; actions: KeyAction[] }> {
  const byChord = new Map<string, { chord: KeyChord; actions: KeyAction[] }>();
  for (const b of bindings) {
    for (const key of b.keys) {
      const id = chordId(key, b.ctrl === true);
      const entry = byChord.get(id) ?? { chord: { key, ctrl: b.ctrl === true }, actions: [] };
      entry.actions.push(b.action);
      byChord.set(id, entry);
    }
  }
  return [...byChord.values()].filter((e) => e.actions.length > 1);
}

export type KeyResolver = (event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey'>) => KeyAction | null;

/**
 * The action of a key press under some bindings. Presses with Alt, or with Ctrl/Meta outside the
 * Ctrl bindings (undo/redo), are left to the browser and the OS.
 */
export function keyResolver(bindings: readonly KeyBinding[]): KeyResolver {
  const actions = new Map<string, KeyAction>(bindings.flatMap((b) => b.keys.map((k) => [chordId(k, b.ctrl === true), b.action] as const)));
  return (event) => (event.altKey ? null : (actions.get(chordId(event.key, event.ctrlKey || event.metaKey)) ?? null));
}

/** The action of a key press under the default bindings. */
export const actionForKey: KeyResolver = keyResolver(KEY_BINDINGS);
