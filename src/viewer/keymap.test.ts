import { describe, expect, it } from 'vitest';
import { actionForKey, KEY_BINDINGS } from './keymap';

const press = (key: string, mods: Partial<Record<'ctrlKey' | 'altKey' | 'metaKey', boolean>> = {}) =>
  actionForKey({ key, ctrlKey: false, altKey: false, metaKey: false, ...mods });

describe('keyboard bindings', () => {
  it('keeps the OHIF v3 defaults', () => {
    expect(press('ArrowDown')).toBe('nextImage');
    expect(press('ArrowUp')).toBe('previousImage');
    expect(press('Home')).toBe('firstImage');
    expect(press('End')).toBe('lastImage');
    expect(press('ArrowRight')).toBe('nextViewport');
    expect(press('ArrowLeft')).toBe('previousViewport');
    expect(press('PageDown')).toBe('nextSeries');
    expect(press('PageUp')).toBe('previousSeries');
    expect(press(' ')).toBe('reset');
    expect(press('i')).toBe('invert');
    expect(press('+')).toBe('zoomIn');
    expect(press('-')).toBe('zoomOut');
    expect(press('=')).toBe('zoomFit');
    for (const [k, a] of [['r', 'rotateRight'], ['l', 'rotateLeft'], ['h', 'flipHorizontal'], ['v', 'flipVertical']]) expect(press(k!)).toBe(a);
  });

  it('adds time-point focus, W/L presets and the cheat-sheet', () => {
    expect(press('t')).toBe('nextTimePoint');
    expect(press('T')).toBe('previousTimePoint');
    expect(press('1')).toBe('windowHeader');
    expect(press('2')).toBe('windowAuto');
    expect(press('?')).toBe('cheatSheet');
    expect(press('c')).toBe('cine');
  });

  it('binds every key once and leaves browser shortcuts alone', () => {
    const keys = KEY_BINDINGS.flatMap((b) => b.keys);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(KEY_BINDINGS.map((b) => b.action)).size).toBe(KEY_BINDINGS.length);
    expect(press('r', { ctrlKey: true })).toBeNull();
    expect(press('ArrowDown', { altKey: true })).toBeNull();
    expect(press('q')).toBeNull();
  });

  it('adds the contouring tools (UX.md §1 proposal: f, e) and ctrl+z / ctrl+y, without taking an OHIF key', () => {
    expect(press('f')).toBe('toolContour');
    expect(press('e')).toBe('toolEnhancingContour');
    expect(press('g')).toBe('toolBrush');
    expect(press('G')).toBe('toolThreshold');
    expect(press('E')).toBe('toolEraser');
    expect(press('w')).toBe('toolNavigate');
    expect(press('I')).toBe('interpolate');
    expect(press('z', { ctrlKey: true })).toBe('undo');
    expect(press('z', { metaKey: true })).toBe('undo');
    expect(press('y', { ctrlKey: true })).toBe('redo');
    expect(press('Z', { ctrlKey: true })).toBe('redo');
    // Without Ctrl, z stays free (OHIF's zoom-tool key) and undo does not fire.
    expect(press('z')).toBeNull();
    expect(press('i')).toBe('invert');
  });
});
