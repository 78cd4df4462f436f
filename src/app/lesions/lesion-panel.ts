import type { NonTargetStatus } from '../../core/criteria/types';
import type { RoiModel } from '../../core/roi/model';
import { lesionLabel, LIVER_REFERENCE_LABEL } from '../../core/roi/types';
import type { RoiTool } from '../../viewer/roi-types';
import type { AutosaveStatus } from './autosave';
import { cssColour, lesionColour, LIVER_REFERENCE_COLOUR } from './colours';
import type { EditorState } from './editor-state';
import type { EditLayer } from './gesture-edit';
import type { LayerSummary } from './roi-summary';

/** What the panel asks of its owner (every model change goes through the store there). */
export interface LesionPanelActions {
  addLesion(): void;
  selectLesion(lesionNumber: number): void;
  selectLayer(layer: EditLayer): void;
  setTool(tool: RoiTool): void;
  setBrushRadius(radiusMm: number): void;
  setThreshold(tolerancePct: number, range: [number, number] | null): void;
  setTarget(lesionNumber: number, target: boolean): void;
  renumber(from: number, to: number): void;
  deleteLesion(lesionNumber: number): void;
  setNonTargetStatus(studyInstanceUid: string, status: NonTargetStatus | null): void;
  setNewLesion(studyInstanceUid: string, newLesion: boolean): void;
  interpolate(): void;
  undo(): void;
  redo(): void;
}

export interface PanelView {
  model: RoiModel | null;
  timePointLabels: ReadonlyMap<string, string>;
  editor: EditorState;
  summaries: readonly LayerSummary[];
  undoLabel: string | null;
  redoLabel: string | null;
  autosave: AutosaveStatus | null;
  /** The last edit refused or failed (shown until the next successful edit). */
  notice: string | null;
}

const TOOLS: readonly { tool: RoiTool; label: string; key: string; layer?: EditLayer }[] = [
  { tool: 'navigate', label: 'W/L', key: 'w' },
  { tool: 'contour', label: 'Contour', key: 'f' },
  { tool: 'brush', label: 'Brush', key: 'g' },
  { tool: 'threshold', label: 'Threshold', key: 'Shift+g' },
  { tool: 'eraser', label: 'Eraser', key: 'Shift+e' },
];
const LAYERS: readonly { layer: EditLayer; label: string }[] = [
  { layer: 'tumour', label: 'Tumour' },
  { layer: 'enhancing', label: 'Enhancing portion' },
  { layer: 'liverReference', label: 'Liver reference' },
];
const NON_TARGET: readonly { value: NonTargetStatus | ''; label: string }[] = [
  { value: '', label: 'not assessed' },
  { value: 'present', label: 'present' },
  { value: 'absent', label: 'absent' },
  { value: 'unequivocalProgression', label: 'unequivocal progression' },
];

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

function button(label: string, title: string, onClick: () => void, attrs: Record<string, string> = {}): HTMLButtonElement {
  const b = h('button', { class: 'button', type: 'button', title, ...attrs }, label);
  // Buttons do not keep the focus: the reading room's keys (f, g, ctrl+z...) work right after a click.
  b.addEventListener('mousedown', (e) => e.preventDefault());
  b.addEventListener('click', onClick);
  return b;
}

const mlText = (ml: number): string => (ml >= 10 ? ml.toFixed(1) : ml.toFixed(2));

/**
 * The lesion panel (OHIF segmentation-panel style): tools and the active layer on top, then one
 * row per lesion (colour, name, target / non-target, rename, delete, volume per time point), the
 * liver reference, and per time point the non-target status and the new-lesion flag.
 */
export class LesionPanel {
  readonly root: HTMLElement;
  private readonly message = h('div', { class: 'roi-message', role: 'alert', 'data-testid': 'roi-message' });
  private readonly saveState = h('div', { class: 'roi-save', role: 'status', 'aria-live': 'polite', 'data-testid': 'roi-save' });
  private readonly tools = h('div', { class: 'roi-tools', role: 'toolbar', 'aria-label': 'Drawing tools' });
  private readonly layers = h('div', { class: 'roi-layers', role: 'radiogroup', 'aria-label': 'Layer edited' });
  private readonly brushInput = h('input', { type: 'number', min: '0.5', max: '50', step: '0.5', 'aria-label': 'Brush radius (mm)', class: 'roi-num' });
  private readonly toleranceInput = h('input', { type: 'number', min: '0', max: '200', step: '1', 'aria-label': 'Threshold tolerance (%)', class: 'roi-num' });
  private readonly rangeMin = h('input', { type: 'number', 'aria-label': 'Threshold minimum', class: 'roi-num', placeholder: 'min' });
  private readonly rangeMax = h('input', { type: 'number', 'aria-label': 'Threshold maximum', class: 'roi-num', placeholder: 'max' });
  private readonly undoButton: HTMLButtonElement;
  private readonly redoButton: HTMLButtonElement;
  private readonly list = h('div', { class: 'roi-list', 'data-testid': 'lesion-list' });
  private readonly timePoints = h('div', { class: 'roi-time-points' });
  private renaming: number | null = null;
  /**
   * The number field of the lesion being renamed, kept across renders: the panel re-renders whenever
   * the viewer or the measurements change, and a new field each time would drop what the user typed.
   */
  private renameField: { lesionNumber: number; input: HTMLInputElement } | null = null;
  /** Set while the list is rebuilt: moving the focused field is not the user leaving it. */
  private rebuilding = false;
  private view: PanelView | null = null;

  constructor(private readonly actions: LesionPanelActions) {
    for (const t of TOOLS) {
      this.tools.append(button(t.label, `${t.label} (${t.key})`, () => actions.setTool(t.tool), { 'data-tool': t.tool, 'aria-pressed': 'false' }));
    }
    for (const l of LAYERS) {
      this.layers.append(button(l.label, `Edit the ${l.label.toLowerCase()}`, () => actions.selectLayer(l.layer), { 'data-layer': l.layer, role: 'radio', 'aria-checked': 'false' }));
    }
    this.brushInput.addEventListener('change', () => actions.setBrushRadius(Number(this.brushInput.value)));
    const setThreshold = () => {
      const lo = this.rangeMin.value === '' ? NaN : Number(this.rangeMin.value);
      const hi = this.rangeMax.value === '' ? NaN : Number(this.rangeMax.value);
      actions.setThreshold(Number(this.toleranceInput.value), Number.isFinite(lo) && Number.isFinite(hi) ? [lo, hi] : null);
    };
    for (const input of [this.toleranceInput, this.rangeMin, this.rangeMax]) input.addEventListener('change', setThreshold);
    this.undoButton = button('Undo', 'Undo (Ctrl+z)', () => actions.undo(), { 'data-testid': 'undo' });
    this.redoButton = button('Redo', 'Redo (Ctrl+y)', () => actions.redo(), { 'data-testid': 'redo' });
    this.root = h(
      'div',
      { class: 'roi-panel' },
      h('h2', {}, 'Lesions'),
      this.message,
      this.saveState,
      this.tools,
      h('div', { class: 'roi-row' }, h('label', {}, 'Brush ', this.brushInput, ' mm')),
      h('div', { class: 'roi-row' }, h('label', {}, 'Threshold ± ', this.toleranceInput, ' %'), ' or ', this.rangeMin, '–', this.rangeMax),
      this.layers,
      h('div', { class: 'roi-row' }, button('Interpolate', 'Fill the slices between drawn ones (Shift+i)', () => actions.interpolate(), { 'data-testid': 'interpolate' }), this.undoButton, this.redoButton),
      this.list,
      button('+ Add lesion', 'Add Lesion <n> (drawing with no lesion chosen adds one too)', () => actions.addLesion(), { 'data-testid': 'add-lesion' }),
      this.timePoints,
    );
  }

  render(view: PanelView): void {
    this.view = view;
    const { editor } = view;
    this.message.textContent = [view.autosave?.error, view.notice].filter(Boolean).join(' · ');
    this.message.hidden = this.message.textContent === '';
    this.saveState.textContent = view.autosave ? saveText(view.autosave) : 'Autosave starts with a study';
    for (const b of this.tools.querySelectorAll<HTMLButtonElement>('button')) b.setAttribute('aria-pressed', String(b.dataset['tool'] === editor.tool));
    for (const b of this.layers.querySelectorAll<HTMLButtonElement>('button')) b.setAttribute('aria-checked', String(b.dataset['layer'] === editor.activeLayer));
    if (document.activeElement !== this.brushInput) this.brushInput.value = String(editor.brushRadiusMm);
    if (document.activeElement !== this.toleranceInput) this.toleranceInput.value = String(editor.threshold.tolerancePct);
    this.undoButton.textContent = view.undoLabel ? `Undo: ${view.undoLabel}` : 'Undo';
    this.undoButton.disabled = view.undoLabel === null;
    this.redoButton.textContent = view.redoLabel ? `Redo: ${view.redoLabel}` : 'Redo';
    this.redoButton.disabled = view.redoLabel === null;
    this.renderList(view);
    this.renderTimePoints(view);
  }

  private volumesText(view: PanelView, lesionNumber: number | null, layer: EditLayer): string {
    const model = view.model;
    if (!model) return '';
    return model.timePoints
      .map((tp) => {
        const s = view.summaries.find((x) => x.studyInstanceUid === tp.studyInstanceUid && x.lesionNumber === lesionNumber && x.layer === layer);
        return `${view.timePointLabels.get(tp.studyInstanceUid) ?? '?'} ${s ? `${mlText(s.volumeMl)} mL` : '—'}`;
      })
      .join(' · ');
  }

  private renderList(view: PanelView): void {
    const rows: HTMLElement[] = [];
    for (const lesion of view.model?.lesions ?? []) {
      const n = lesion.lesionNumber;
      const active = view.editor.activeLesion === n;
      const name =
        this.renaming === n
          ? this.renameInputFor(n)
          : button(lesionLabel(n), 'Edit this lesion (click); its layers are chosen above', () => this.actions.selectLesion(n), { class: 'button roi-name' });
      const enhancing = view.summaries.some((s) => s.lesionNumber === n && s.layer === 'enhancing') ? h('div', { class: 'detail' }, `enhancing: ${this.volumesText(view, n, 'enhancing')}`) : '';
      rows.push(
        h(
          'div',
          { class: `roi-lesion${active ? ' active' : ''}`, 'data-lesion': String(n), 'aria-current': String(active) },
          h('span', { class: 'roi-dot', style: `background:${cssColour(lesionColour(n))}`, 'aria-hidden': 'true' }),
          h('div', { class: 'roi-lesion-body' }, name, h('div', { class: 'detail' }, this.volumesText(view, n, 'tumour')), enhancing),
          button(lesion.target ? 'Target' : 'Non-target', 'Target / non-target', () => this.actions.setTarget(n, !lesion.target), { 'data-testid': 'target-toggle', 'aria-pressed': String(lesion.target) }),
          button('Rename', 'Renumber this lesion (Lesion <n>)', () => {
            this.renaming = n;
            this.render(view);
            this.list.querySelector<HTMLInputElement>('input.roi-rename')?.focus();
          }),
          button('×', `Delete ${lesionLabel(n)} at every time point (undo restores it)`, () => this.actions.deleteLesion(n), { 'aria-label': `Delete ${lesionLabel(n)}`, class: 'button roi-delete' }),
        ),
      );
    }
    const ref = view.editor.activeLayer === 'liverReference';
    rows.push(
      h(
        'div',
        { class: `roi-lesion roi-liver${ref ? ' active' : ''}` },
        h('span', { class: 'roi-dot', style: `background:${cssColour(LIVER_REFERENCE_COLOUR)}`, 'aria-hidden': 'true' }),
        h('div', { class: 'roi-lesion-body' }, button(LIVER_REFERENCE_LABEL, 'Edit the liver reference', () => this.actions.selectLayer('liverReference'), { class: 'button roi-name' }), h('div', { class: 'detail' }, this.volumesText(view, null, 'liverReference'))),
      ),
    );
    const field = this.renameField;
    const typing = field !== null && document.activeElement === field.input;
    this.rebuilding = true;
    try {
      this.list.replaceChildren(...(view.model?.lesions.length ? [] : [h('div', { class: 'detail' }, 'No lesion yet: choose Contour (f) and draw on the arterial image.')]), ...rows);
    } finally {
      this.rebuilding = false;
    }
    if (typing && field.input.isConnected) field.input.focus();
  }

  private renameInputFor(n: number): HTMLInputElement {
    if (this.renameField?.lesionNumber !== n) this.renameField = { lesionNumber: n, input: this.renameInput(n) };
    return this.renameField.input;
  }

  private renameInput(n: number): HTMLInputElement {
    const input = h('input', { type: 'number', min: '1', step: '1', value: String(n), class: 'roi-num roi-rename', 'aria-label': `New number of ${lesionLabel(n)}` });
    const done = (commit: boolean) => {
      if (this.renaming !== n) return;
      this.renaming = null;
      this.renameField = null;
      const to = Number(input.value);
      if (commit && Number.isInteger(to) && to !== n) this.actions.renumber(n, to);
      else if (this.view) this.render(this.view);
    };
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') done(true);
      if (e.key === 'Escape') done(false);
    });
    input.addEventListener('blur', () => {
      if (!this.rebuilding) done(true);
    });
    return input;
  }

  private renderTimePoints(view: PanelView): void {
    const sections = (view.model?.timePoints ?? []).map((tp) => {
      const select = h('select', { 'aria-label': `Non-target lesions at ${view.timePointLabels.get(tp.studyInstanceUid) ?? ''}` });
      for (const o of NON_TARGET) select.append(h('option', { value: o.value }, o.label));
      select.value = tp.nonTargetStatus ?? '';
      select.addEventListener('change', () => this.actions.setNonTargetStatus(tp.studyInstanceUid, (select.value || null) as NonTargetStatus | null));
      const check = h('input', { type: 'checkbox', 'aria-label': 'New lesion' });
      check.checked = tp.newLesion;
      check.addEventListener('change', () => this.actions.setNewLesion(tp.studyInstanceUid, check.checked));
      return h(
        'div',
        { class: 'roi-tp', 'data-study': tp.studyInstanceUid },
        h('h3', {}, view.timePointLabels.get(tp.studyInstanceUid) ?? tp.studyInstanceUid),
        h('label', {}, 'Non-target ', select),
        h('label', {}, check, ' New lesion'),
      );
    });
    this.timePoints.replaceChildren(...sections);
  }
}

function saveText(s: AutosaveStatus): string {
  switch (s.state) {
    case 'restoring':
      return 'Restoring saved lesions…';
    case 'saved':
      return s.revision === 0 ? 'Autosave on' : 'All changes saved';
    case 'pending':
    case 'saving':
      return 'Saving…';
    case 'error':
      return 'NOT SAVED';
    default:
      return '';
  }
}
