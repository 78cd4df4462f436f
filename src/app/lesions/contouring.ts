import type { StudyTree } from '../../core/dicom/model';
import { HccError } from '../../core/errors';
import { addLesion, createRoiModel, deleteLesion, renumberLesion, setLesionTarget, setNewLesion, setNonTargetStatus } from '../../core/roi/lesion-model';
import type { RoiModel } from '../../core/roi/model';
import { roiStorageKey } from '../../core/roi/storage-key';
import type { HccViewer, ViewerSnapshot } from '../../viewer';
import type { RoiCommand, RoiGesture, RoiTool } from '../../viewer/roi-types';
import { publishState } from '../test-hooks';
import { Autosave, restoreModel, type AutosaveStatus } from './autosave';
import { lesionColour } from './colours';
import { BRUSH_STEP_FACTOR, clampBrush, initialEditorState, type EditorState } from './editor-state';
import { planGestureEdit, planInterpolation, type EditLayer, type PlannedEdit } from './gesture-edit';
import { LesionPanel } from './lesion-panel';
import { openIndexedDbStore, type RecordStore } from './record-store';
import { RoiStore } from './roi-store';
import { summarizeModel } from './roi-summary';

const describe = (e: unknown): string => (e instanceof HccError || e instanceof Error ? e.message : String(e));

/**
 * Contouring in the app: owns the study's RoiStore (every edit one undoable step), the editor
 * state (active lesion, layer, tool), the autosave, the lesion panel, and feeds the viewer the
 * masks to draw and the tool to bind. The viewer only reports gestures and keys.
 */
export class Contouring {
  readonly panel: LesionPanel;
  private store: RoiStore | null = null;

  /** The lesion model of the open study (null before a study is opened). */
  get roiStore(): RoiStore | null {
    return this.store;
  }
  private autosave: Autosave | null = null;
  private autosaveStatus: AutosaveStatus | null = null;
  private restoring = false;
  /** A problem that stays until the user reloads (an unreadable saved record). */
  private restoreError: string | null = null;
  private notice: string | null = null;
  private editor: EditorState = initialEditorState();
  private viewer: HccViewer | null = null;
  private tree: StudyTree | null = null;
  private storageKey: string | null = null;
  private records: Promise<RecordStore> | null = null;
  private generation = 0;
  private shown: { model: RoiModel | null; activeLesion: number | null; activeLayer: EditLayer; viewer: HccViewer } | null = null;

  /** `reveal` opens the panel: called when a drawing tool is chosen and when a storage error must be seen. */
  constructor(host: HTMLElement, private readonly reveal: () => void = () => undefined) {
    this.panel = new LesionPanel({
      addLesion: () => this.edit('Add lesion', (m) => {
        const r = addLesion(m);
        this.editor.activeLesion = r.lesionNumber;
        if (this.editor.activeLayer === 'liverReference') this.editor.activeLayer = 'tumour';
        return r.model;
      }),
      selectLesion: (n) => this.setEditor({ activeLesion: n, activeLayer: this.editor.activeLayer === 'liverReference' ? 'tumour' : this.editor.activeLayer }),
      selectLayer: (layer) => this.setEditor({ activeLayer: layer }),
      setTool: (tool) => this.setEditor({ tool }),
      setBrushRadius: (r) => this.setEditor({ brushRadiusMm: clampBrush(Number.isFinite(r) ? r : this.editor.brushRadiusMm) }),
      setThreshold: (tolerancePct, range) => this.setEditor({ threshold: { tolerancePct: Math.max(0, Number.isFinite(tolerancePct) ? tolerancePct : 20), range } }),
      setTarget: (n, target) => this.edit(`${target ? 'Target' : 'Non-target'} Lesion ${n}`, (m) => setLesionTarget(m, n, target)),
      renumber: (from, to) =>
        this.edit(`Rename Lesion ${from} to Lesion ${to}`, (m) => {
          const next = renumberLesion(m, from, to);
          if (this.editor.activeLesion === from) this.editor.activeLesion = to;
          return next;
        }),
      deleteLesion: (n) => this.edit(`Delete Lesion ${n}`, (m) => deleteLesion(m, n)),
      setNonTargetStatus: (uid, status) => this.edit('Non-target status', (m) => setNonTargetStatus(m, uid, status)),
      setNewLesion: (uid, v) => this.edit(v ? 'New lesion' : 'No new lesion', (m) => setNewLesion(m, uid, v)),
      interpolate: () => this.interpolate(),
      undo: () => this.store?.undo(),
      redo: () => this.store?.redo(),
    });
    host.append(this.panel.root);
    this.update();
  }

  attach(viewer: HccViewer): void {
    this.viewer = viewer;
    this.update();
  }

  /** A study was loaded: its saved lesions are restored (or an empty model starts) and autosaved. */
  async open(tree: StudyTree): Promise<void> {
    const generation = ++this.generation;
    await this.close();
    this.tree = tree;
    const patient = tree.patients[0];
    if (!patient || patient.studies.length === 0) return this.update();
    const uids = patient.studies.map((s) => s.studyInstanceUid);
    const key = roiStorageKey(patient.patientId, uids);
    this.storageKey = key;
    const store = new RoiStore(createRoiModel(patient.patientId, uids));
    this.store = store;
    this.editor = { ...initialEditorState(), tool: this.editor.tool, brushRadiusMm: this.editor.brushRadiusMm, threshold: this.editor.threshold };
    this.notice = null;
    this.restoreError = null;
    this.records ??= openIndexedDbStore();
    const autosave = new Autosave(store, this.records, key, (s) => {
      this.autosaveStatus = s;
      this.update();
    });
    this.autosave = autosave;
    this.autosaveStatus = { ...autosave.current, state: 'restoring' };
    store.subscribe(() => this.update());
    this.restoring = true;
    this.update();
    try {
      const restored = await restoreModel(await this.records, key, patient.patientId, uids);
      if (generation !== this.generation) return;
      if (restored.restored) {
        store.replace(restored.model);
        this.editor.activeLesion = restored.model.lesions[0]?.lesionNumber ?? null;
      }
      this.restoreError = restored.error;
      this.autosaveStatus = autosave.current;
    } catch (e) {
      if (generation !== this.generation) return;
      autosave.fail(`Autosave is unavailable (${describe(e)}): your drawings are kept only in this tab.`);
    } finally {
      if (generation === this.generation) this.restoring = false;
      this.update();
    }
  }

  /** Saves what is pending and stops autosaving the current study. */
  async close(): Promise<void> {
    const autosave = this.autosave;
    this.autosave = null;
    this.store = null;
    if (autosave) {
      await autosave.flush();
      autosave.dispose();
    }
  }

  gesture(g: RoiGesture): void {
    const store = this.store;
    if (!store || this.restoring) return this.say('The saved lesions are still being restored: draw again in a moment.');
    try {
      const plan = planGestureEdit(store.model, g, { lesionNumber: this.editor.activeLesion, layer: this.editor.activeLayer }, this.editor.threshold);
      if (plan.empty) return this.say('That contour encloses no voxel centre: nothing was drawn.');
      this.editor.activeStudyUid = g.studyInstanceUid;
      this.apply(store, plan);
    } catch (e) {
      this.say(describe(e));
    }
  }

  command(c: RoiCommand): boolean {
    const tool: Partial<Record<RoiCommand, [RoiTool, EditLayer?]>> = {
      toolNavigate: ['navigate'],
      toolContour: ['contour', 'tumour'],
      toolEnhancingContour: ['contour', 'enhancing'],
      toolBrush: ['brush'],
      toolThreshold: ['threshold'],
      toolEraser: ['eraser'],
    };
    const t = tool[c];
    if (t) {
      this.setEditor(t[1] ? { tool: t[0], activeLayer: t[1] } : { tool: t[0] });
      return true;
    }
    switch (c) {
      case 'brushLarger':
      case 'brushSmaller':
        this.setEditor({ brushRadiusMm: clampBrush(this.editor.brushRadiusMm * (c === 'brushLarger' ? BRUSH_STEP_FACTOR : 1 / BRUSH_STEP_FACTOR)) });
        return true;
      case 'interpolate':
        this.interpolate();
        return true;
      case 'undo':
        this.store?.undo();
        return this.store !== null;
      case 'redo':
        this.store?.redo();
        return this.store !== null;
      default:
        return false;
    }
  }

  refused(reason: string): void {
    this.say(reason);
  }

  /** The active viewport decides the time point interpolation applies to. */
  viewerChanged(snapshot: ViewerSnapshot): void {
    const active = snapshot.viewports.find((v) => v.active);
    const study = active?.volumeId ? this.tree?.patients[0]?.studies.find((s) => s.series.some((v) => v.id === active.volumeId)) : undefined;
    if (study && study.studyInstanceUid !== this.editor.activeStudyUid) {
      this.editor.activeStudyUid = study.studyInstanceUid;
      this.publish();
    }
  }

  private interpolate(): void {
    const store = this.store;
    const uid = this.editor.activeStudyUid;
    if (!store || this.restoring) return;
    if (!uid) return this.say('Click a viewport of the time point to interpolate first.');
    try {
      this.apply(store, planInterpolation(uid, { lesionNumber: this.editor.activeLesion, layer: this.editor.activeLayer }));
    } catch (e) {
      this.say(describe(e));
    }
  }

  private apply(store: RoiStore, plan: PlannedEdit): void {
    this.notice = null;
    if (plan.lesionNumber !== null) this.editor.activeLesion = plan.lesionNumber;
    store.edit(plan.label, plan.apply);
    this.update();
  }

  /** A panel action as one undoable edit; a refused one (e.g. a number in use) is said, not thrown. */
  private edit(label: string, change: Parameters<RoiStore['edit']>[1]): void {
    if (!this.store || this.restoring) return;
    try {
      this.notice = null;
      this.store.edit(label, change);
    } catch (e) {
      this.notice = describe(e);
    }
    this.update();
  }

  private setEditor(patch: Partial<EditorState>): void {
    if (patch.tool !== undefined && patch.tool !== 'navigate') this.reveal();
    this.editor = { ...this.editor, ...patch };
    this.update();
  }

  private say(message: string): void {
    this.notice = message;
    this.update();
  }

  private update(): void {
    const model = this.store?.model ?? null;
    const summaries = model ? summarizeModel(model) : [];
    const labels = new Map((this.tree?.patients[0]?.studies ?? []).map((s) => [s.studyInstanceUid, s.label] as const));
    this.panel.render({
      model,
      timePointLabels: labels,
      editor: this.editor,
      summaries,
      undoLabel: this.store?.undoLabel ?? null,
      redoLabel: this.store?.redoLabel ?? null,
      autosave: this.autosaveStatus ? { ...this.autosaveStatus, error: this.storageError() } : null,
      notice: this.notice,
    });
    if (this.storageError()) this.reveal();
    this.viewer?.setRoiTool({ tool: this.editor.tool, brushRadiusMm: this.editor.brushRadiusMm });
    // The overlays are redrawn only when what they show changed (not for autosave progress).
    const shown = this.shown;
    if (this.viewer && (!shown || shown.model !== model || shown.activeLesion !== this.editor.activeLesion || shown.activeLayer !== this.editor.activeLayer || shown.viewer !== this.viewer)) {
      this.shown = { model, activeLesion: this.editor.activeLesion, activeLayer: this.editor.activeLayer, viewer: this.viewer };
      this.viewer.setRoiDisplay({ model, activeLesion: this.editor.activeLesion, activeLayer: this.editor.activeLayer, lesionColour });
    }
    this.publish(summaries);
  }

  private storageError(): string | null {
    return [this.restoreError, this.autosaveStatus?.error].filter(Boolean).join(' ') || null;
  }

  private publish(summaries = this.store ? summarizeModel(this.store.model) : []): void {
    const model = this.store?.model ?? null;
    publishState({
      rois: {
        storageKey: this.storageKey,
        restoring: this.restoring,
        autosave: this.autosaveStatus,
        storageError: this.storageError(),
        notice: this.notice,
        undoLabel: this.store?.undoLabel ?? null,
        redoLabel: this.store?.redoLabel ?? null,
        editor: { ...this.editor, threshold: { ...this.editor.threshold } },
        lesions: (model?.lesions ?? []).map((l) => ({ lesionNumber: l.lesionNumber, target: l.target })),
        timePoints: (model?.timePoints ?? []).map((t) => ({ studyInstanceUid: t.studyInstanceUid, nonTargetStatus: t.nonTargetStatus, newLesion: t.newLesion })),
        layers: summaries,
      },
    });
  }
}
