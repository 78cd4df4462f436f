import { Enums, eventTarget, RenderingEngine } from '@cornerstonejs/core';
import type { HccErrorInfo } from '../core/errors';
import type { SeriesVolume, StudyTree } from '../core/dicom/model';
import type { Vec3, Volume3D } from '../core/types/volume';
import { runAction, type ActionContext } from './actions';
import { updateOverlay } from './cell-overlay';
import { el } from './dom';
import { buildGrid, fillSeriesSelect } from './grid-view';
import { cellsInLoadOrder, hangStudies, stepCandidate, type HangingRow } from './hanging';
import type { FileLocator } from './image-ids';
import { attachKeyboard } from './keyboard';
import { KeySettings } from './key-settings';
import { Cine } from './cine';
import { ViewLinks } from './linking';
import { ReferenceMarks } from './reference-marks';
import { openingIndex } from './slice-geometry';
import { SliceSync } from './slice-sync';
import { LoadStatus } from './load-status';
import { markProvisional, rehang } from './progressive';
import { outwardOrder } from './prefetch-order';
import { wirePointer, type PointerHandlers } from './pointer-input';
import { viewportSnapshot, type ViewerSnapshot } from './snapshot';
import { renderStatusBar } from './status-bar';
import { RoiInput } from './roi-input';
import { RoomImages } from './room-images';
import type { SlicedVolume } from '../core/measure/crop';
import { RoiOverlay } from './roi-overlay';
import type { ResponseOverlayState } from './response-types';
import { ResponseViews } from './response-views';
import type { RoiCommand, RoiDisplay, RoiGesture, RoiToolState } from './roi-types';
import type { ResponseCommand } from './keymap';
import { createTools, type ToolSetup } from './tools';
import { clampIndex, ORIENTATIONS, ViewportCell, type Orientation } from './viewport-cell';

export interface ReadingRoomOptions {
  /** Prefix of every Cornerstone id this room creates (rendering engine, viewports, tool group). */
  idPrefix: string;
  /** Called (at most once per frame) whenever what the room shows changed. */
  onChange(snapshot: ViewerSnapshot): void;
  /** Files that parsed but could not be displayed (decode failures), one entry per file. */
  onLoadErrors(errors: HccErrorInfo[]): void;
  /** A contour or stroke the user drew (the host turns it into an edit of its lesion model). */
  onRoiGesture?(gesture: RoiGesture): void;
  /** A contouring key; returns whether the host acted on it. */
  onRoiCommand?(command: RoiCommand): boolean;
  onResponseCommand?(command: ResponseCommand): boolean;
  /** A drawing gesture that could not be made (reformatted view, image not loaded yet). */
  onRoiRefused?(reason: string): void;
}

/**
 * The reading room: time points in rows, phases in columns (hanging.ts), one Cornerstone stack
 * viewport each, linked through patient coordinates. This class wires the parts; each part
 * (sync, links, marks, overlays, loading, keys) lives in its own module.
 */
export class ReadingRoom {
  private readonly engine: RenderingEngine;
  private readonly tools: ToolSetup;
  private readonly root: HTMLElement;
  private readonly gridHost: HTMLElement;
  private readonly statusBar: HTMLElement;
  private readonly keys = new KeySettings();
  private readonly cine = new Cine((cell) => this.cineStep(cell));
  private readonly detachKeyboard: () => void;
  private readonly resizeObserver: ResizeObserver;
  private readonly sync: SliceSync;
  private readonly marks: ReferenceMarks;
  private readonly links: ViewLinks;
  private readonly roiInput: RoiInput;
  private readonly roiOverlay = new RoiOverlay();
  /** Response overlay, ADC colour, subtraction column (response-views.ts). */
  private readonly views: ResponseViews;
  private cells: ViewportCell[] = [];
  private rows: HangingRow[] = [];
  private volumes = new Map<string, SeriesVolume>();
  private picks: Record<string, string> = {};
  /** Viewports show() has given their first series (update() re-hangs only those). */
  private readonly started = new Set<string>();
  private readonly images: RoomImages;
  private activeKey: string | null = null;
  private readonly load = new LoadStatus();
  private publishScheduled = false;
  /** Incremented by every show(): async work of an older study checks it and stops. */
  private generation = 0;

  constructor(host: HTMLElement, private readonly options: ReadingRoomOptions) {
    this.engine = new RenderingEngine(`${options.idPrefix}-engine`);
    this.tools = createTools(`${options.idPrefix}-tools`);
    this.sync = new SliceSync(() => this.viewCells());
    this.marks = new ReferenceMarks(this.sync);
    this.links = new ViewLinks(() => this.viewCells());
    this.views = new ResponseViews({
      engine: this.engine,
      idPrefix: options.idPrefix,
      cells: () => this.cells,
      allCells: () => this.viewCells(),
      rows: () => this.rows,
      studyOf: (cell) => this.studyOf(cell),
      addViewport: (id) => this.tools.addViewport(id, this.engine.id),
      removeViewport: (id) => this.tools.removeViewport(id, this.engine.id),
      wire: (cell) => (this.links.attach(cell), wirePointer(cell, this.pointerHandlers)),
      resized: () => this.engine.resize(true, true),
      alignCamera: (source) => this.links.propagateZoomPan(source),
      changed: () => this.refresh(),
    });
    this.roiInput = new RoiInput({
      activate: (cell) => this.activate(cell),
      studyOf: (cell) => this.studyOf(cell),
      gesture: (g) => options.onRoiGesture?.(g),
      refused: (reason) => options.onRoiRefused?.(reason),
    });
    this.images = new RoomImages({
      progress: () => this.schedulePublish(),
      errors: (list) => this.options.onLoadErrors(list),
      failed: (imageId) => this.skipFailedFirstImage(imageId),
    });
    this.gridHost = el('div', { class: 'hcc-grid-host' });
    this.statusBar = el('div', { class: 'hcc-statusbar', role: 'status' });
    this.root = el('div', { class: 'hcc-room' }, this.gridHost, this.statusBar, this.keys.sheet.root, this.keys.dialog.root);
    host.append(this.root);
    eventTarget.addEventListener(Enums.Events.VOLUME_VIEWPORT_SCROLL, this.onVolumeScroll);
    this.detachKeyboard = attachKeyboard(this.root, this.keys.resolve, (action) => this.cells.length > 0 && runAction(this.actionContext(), action));
    this.resizeObserver = new ResizeObserver(() => {
      this.engine.resize(true, true);
      this.refresh();
    });
    this.resizeObserver.observe(this.gridHost);
    this.refresh();
  }

  /**
   * Shows a study tree (its first patient); resolves once every viewport shows its first image.
   * `provisional`: files are still being read (complete series only, phases may change); update()
   * follows with the next trees, the last one final.
   */
  async show(tree: StudyTree, locate: FileLocator, startedAtMs: number = performance.now(), provisional = false): Promise<void> {
    const generation = ++this.generation;
    this.clear();
    this.picks = {}; // picks name volumes of the previous study
    this.images.open(locate);
    const patient = tree.patients[0];
    if (!patient || patient.studies.length === 0) return this.refresh();
    this.load.start(startedAtMs, provisional);
    this.volumes = new Map(patient.studies.flatMap((s) => s.series.map((v) => [v.id, v] as const)));
    this.rows = hangStudies(patient.studies, this.picks);
    const grid = buildGrid(this.rows, this.volumes, {
      pick: (key, volumeId) => this.pick(key, volumeId),
      orient: (key) => {
        const cell = this.cell(key);
        if (cell?.volume) this.actionContext().cycleOrientation(cell);
      },
    });
    this.gridHost.replaceChildren(grid.root);
    for (const row of this.rows) {
      for (const cell of row.cells) {
        const vc = new ViewportCell(cell.key, cell.row, cell.column, grid.cells.get(cell.key)!, this.engine, this.options.idPrefix, (id) =>
          this.tools.addViewport(id, this.engine.id),
        );
        vc.assignedVolumeId = cell.volumeId;
        this.links.attach(vc);
        wirePointer(vc, this.pointerHandlers);
        this.roiInput.wire(vc);
        this.cells.push(vc);
      }
    }
    markProvisional(this.cells, provisional);
    const order = cellsInLoadOrder(this.rows).map((c) => this.cell(c.key)!);
    this.activate(order.find((c) => this.hanging(c.key).volumeId !== null) ?? order[0]!);
    const shows: Promise<void>[] = [];
    for (const [i, vc] of order.entries()) {
      // update() may have re-hung the room while the first image loaded: the current hanging counts.
      this.started.add(vc.key);
      const show = this.showVolume(vc, this.hanging(vc.key).volumeId);
      // The first column's first image goes alone, so it is not slowed down by the other eleven.
      if (i === 0) await show.catch(() => undefined);
      else shows.push(show);
      if (generation !== this.generation) return;
    }
    await Promise.allSettled(shows);
    // a provisional room loads whole stacks once the final tree is in (update())
    if (generation !== this.generation || this.load.provisional) return;
    for (const vc of order) if (vc.volume) this.images.loader.enqueue(vc.imageIds, vc.targetIndex);
  }

  /**
   * The tree changed (a phase was overridden, more series were read, the final tree arrived): the
   * hanging follows in place; viewports whose series and images are unchanged keep their position,
   * zoom and drawings, and the user's picks stay. Needs the same time points as shown (else show()).
   */
  update(tree: StudyTree, provisional = false): void {
    const patient = tree.patients[0];
    if (!patient || this.rows.length !== patient.studies.length) return;
    this.volumes = new Map(patient.studies.flatMap((s) => s.series.map((v) => [v.id, v] as const)));
    this.rows = hangStudies(patient.studies, this.picks);
    this.load.provisional = provisional;
    markProvisional(this.cells, provisional);
    const order = cellsInLoadOrder(this.rows).map((c) => this.cell(c.key)!);
    const shows = rehang(order, (key) => this.hanging(key), this.volumes, this.started, (vc, id) => this.showVolume(vc, id));
    this.refresh();
    // Whole stacks load in the background only once the hanging is final and its first images are
    // drawn: before, they would hold up the reading of files and the first images of other series.
    if (provisional) return;
    const generation = this.generation;
    void Promise.allSettled(shows).then(() => {
      if (generation === this.generation) for (const vc of order) if (vc.volume) this.images.loader.enqueue(vc.imageIds, vc.targetIndex);
    });
  }

  snapshot(): ViewerSnapshot {
    return {
      status: this.load.status,
      provisional: this.load.provisional,
      timing: { ...this.load.timing },
      viewports: this.viewCells().map((c) =>
        viewportSnapshot(c, c.key === this.activeKey, c.volume ? this.images.progressOf(c.volume.id) : undefined, this.marks.positions.get(c.key)),
      ),
      sliceSync: this.sync.enabled,
      referencePointVisible: this.marks.visible,
      reference: this.sync.reference,
      anchors: this.sync.anchoredRows().map((row) => ({ row, pointLps: this.sync.anchorOf(row)! })),
      cine: this.cine.playingKey === null ? null : { key: this.cine.playingKey, fps: this.cine.fps },
    };
  }

  /** Canvas position (CSS px, relative to the viewport element) of a patient point in a viewport. */
  canvasPointOf(key: string, pointLps: Vec3): [number, number] | null {
    return this.cell(key)?.worldToCanvas(pointLps) ?? null;
  }

  /**
   * Shows points of several time points at once (a lesion where it is at each time point): each
   * row's viewports go to the image nearest its own point; the first point becomes the reference.
   */
  showPoints(points: ReadonlyArray<{ studyInstanceUid: string; pointLps: Vec3 }>): void {
    let first: { row: number; pointLps: Vec3 } | null = null;
    for (const p of points) {
      const row = this.rows.findIndex((r) => r.study.studyInstanceUid === p.studyInstanceUid);
      if (row < 0) continue;
      this.sync.moveRowTo(row, p.pointLps);
      first ??= { row, pointLps: p.pointLps };
    }
    if (first) this.sync.pointAt(first.row, first.pointLps);
    this.refresh();
  }

  /** The lesion masks to draw over every viewport of their time point (redrawn at once). */
  setRoiDisplay(display: RoiDisplay): void {
    this.roiOverlay.set(display);
    for (const vc of this.viewCells()) this.roiOverlay.draw(vc, this.studyOf(vc));
  }

  /**
   * A series' voxels as real values, read from Cornerstone's decoded images (see voxel-reader.ts).
   * The series must belong to the study being shown (its files are located through this show()).
   */
  readVoxels(volume: SeriesVolume): Promise<Volume3D<Float32Array>> {
    return this.images.readVoxels(volume);
  }

  /** The same voxels as slices of Cornerstone's own decoded arrays, without a copy (what measurements read). */
  sliceVoxels(volume: SeriesVolume): Promise<SlicedVolume> {
    return this.images.sliceVoxels(volume);
  }

  // Response views (see HccViewer in index.ts): overlay, subtraction column, ADC colour.
  setResponseOverlay = (state: ResponseOverlayState): void => this.views.setOverlay(state);
  setSubtraction = (enabled: boolean): Promise<void> => this.views.setSubtraction(enabled);
  setAdcColour = (enabled: boolean): void => this.views.setAdcColour(enabled);
  /** The subtraction follows a new study or new phases; is dropped before a new study replaces its sources. */
  syncDerivedViews = (): Promise<void> => this.views.sync();
  dropDerivedViews = (): void => this.views.clear();

  /** The drawing tool bound to the left button. */
  setRoiTool(state: RoiToolState): void {
    this.roiInput.setState(state, this.cells);
  }

  /** Tears everything down; returns the image ids it released (to check nothing of them stays). */
  destroy(): string[] {
    this.generation++;
    const released = this.images.imageIds();
    this.views.clear();
    this.clear();
    this.images.stop();
    this.detachKeyboard();
    eventTarget.removeEventListener(Enums.Events.VOLUME_VIEWPORT_SCROLL, this.onVolumeScroll);
    this.resizeObserver.disconnect();
    this.links.destroy();
    this.tools.destroy();
    this.engine.destroy();
    this.root.remove();
    return released;
  }

  // ---- internals ------------------------------------------------------------------------

  /** A reformatted viewport was scrolled (wheel or keys): the reference point and the others follow. */
  private readonly onVolumeScroll = (e: Event): void => {
    const viewportId = (e as CustomEvent<{ viewport?: { id: string } }>).detail?.viewport?.id;
    const cell = this.cells.find((c) => c.viewportId === viewportId && c.orientation !== 'acquired');
    const plane = cell?.currentPlane();
    if (!cell || !plane) return;
    this.sync.followPlane(cell, plane.normal, plane.pointLps);
    this.refresh();
  };

  private readonly pointerHandlers: PointerHandlers = {
    activate: (cell) => this.activate(cell),
    pointAt: (cell, point) => {
      this.sync.pointAt(cell.row, point);
      this.refresh();
    },
    // The user clicked the same lesion in each time point: the anchor of this row.
    anchorAt: (cell, point) => {
      this.sync.setAnchor(cell.row, point);
      this.sync.pointAt(cell.row, point);
      this.sync.moveOthersTo(this.sync.reference!, cell.key);
      this.refresh();
    },
    scrolled: (cell, index) => {
      this.sync.follow(cell, index);
      this.refresh();
    },
    rendered: (cell) => {
      if (!cell.showsCurrentSeries()) return;
      cell.renderCount++;
      this.load.rendered(cell, this.cells, (id) => this.images.progressOf(id));
      this.marks.draw(cell);
      this.views.rendered(cell);
      this.roiOverlay.draw(cell, this.studyOf(cell));
      this.schedulePublish();
    },
  };

  /** Every viewport: the hanging's, then the derived ones (subtraction). */
  private viewCells(): ViewportCell[] {
    return [...this.cells, ...this.views.cells];
  }

  private studyOf(cell: ViewportCell): string | null {
    return this.rows[cell.row]?.study.studyInstanceUid ?? null;
  }

  private actionContext(): ActionContext {
    return {
      cells: () => this.viewCells(),
      active: () => (this.activeKey ? (this.cell(this.activeKey) ?? null) : null),
      activate: (cell) => this.activate(cell),
      step: (cell, delta) => this.step(cell, delta),
      cycleOrientation: (cell) => {
        if (this.views.owns(cell)) return; // a computed stack is not reformatted
        const next = ORIENTATIONS[(ORIENTATIONS.indexOf(cell.orientation) + 1) % ORIENTATIONS.length]!;
        void this.reorient(cell, next);
      },
      stepSeries: (cell, step) => {
        if (this.views.owns(cell)) return; // nothing to pick in the subtraction
        const next = stepCandidate(this.hanging(cell.key), step);
        if (next) this.pick(cell.key, next);
      },
      toggleCheatSheet: (open) => this.toggleCheatSheet(open),
      toggleCine: (cell) => {
        this.cine.toggle(cell);
        this.refresh();
      },
      roiCommand: (command) => this.options.onRoiCommand?.(command) ?? false,
      responseCommand: (command) => this.options.onResponseCommand?.(command) ?? false,
      cancelDrawing: () => this.roiInput.cancel(),
      refresh: () => this.refresh(),
      links: this.links,
      sync: this.sync,
      marks: this.marks,
    };
  }

  /** A viewport whose first image cannot be decoded shows the nearest one that can instead of staying black. */
  private skipFailedFirstImage(imageId: string): void {
    for (const c of this.cells) {
      if (c.renderCount > 0 || c.orientation !== 'acquired' || c.imageIds[c.targetIndex] !== imageId) continue;
      const next = outwardOrder(c.imageIds.length, c.targetIndex).find((i) => !this.images.loader.hasFailed(c.imageIds[i]!));
      if (next !== undefined) c.setIndex(next);
    }
  }

  private clear(): void {
    this.cine.stop();
    for (const vc of this.cells) {
      this.tools.removeViewport(vc.viewportId, this.engine.id);
      this.roiOverlay.forget(vc);
      vc.destroy();
    }
    this.cells = [];
    this.rows = [];
    this.started.clear();
    this.activeKey = null;
    this.load.reset();
    this.images.reset();
    this.sync.reference = null;
    this.sync.clearAnchors();
    this.marks.positions.clear();
    this.gridHost.replaceChildren();
  }

  private cell(key: string): ViewportCell | undefined {
    return this.viewCells().find((c) => c.key === key);
  }

  private hanging(key: string) {
    for (const row of this.rows) for (const c of row.cells) if (c.key === key) return c;
    throw new Error(`no viewport ${key}`);
  }

  /** Shows a volume in a viewport at the image nearest the time point's reference position. */
  private async showVolume(vc: ViewportCell, volumeId: string | null, prefetch = false): Promise<void> {
    vc.assignedVolumeId = volumeId;
    const volume = volumeId === null ? null : (this.volumes.get(volumeId) ?? null);
    const imageIds = volume ? this.images.imageIdsFor(volume) : [];
    if (volume) this.images.loader.track(volume.id, imageIds);
    await vc.show(volume, imageIds, this.initialIndex(vc, volume, imageIds.length));
    if (prefetch && volume) this.images.loader.enqueue(imageIds, vc.targetIndex);
  }

  /** Nearest image to where the time point is being read; the middle image for the first viewport. */
  private initialIndex(vc: ViewportCell, volume: SeriesVolume | null, count: number): number {
    if (!volume) return 0;
    const reference = this.sync.reference ? this.sync.pointInRow(this.sync.reference, vc.row) : null;
    // Before anyone pointed or scrolled: the centre of the image the time point's first viewport opened at.
    const first = this.cells.find((c) => c.row === vc.row && c.volume && c.stack && c.targetIndex >= 0);
    return openingIndex(vc.stack, count, reference ?? first?.stack?.centresLps[first.targetIndex] ?? null);
  }

  private pick(key: string, volumeId: string): void {
    this.picks[key] = volumeId;
    const patientStudies = this.rows.map((r) => r.study);
    this.rows = hangStudies(patientStudies, this.picks);
    const vc = this.cell(key);
    if (!vc) return;
    fillSeriesSelect(vc.dom.select, this.hanging(key), this.volumes);
    void this.showVolume(vc, volumeId, true).then(() => this.refresh());
    void this.views.sync(); // a new arterial or pre series: the subtraction follows
  }

  private activate(cell: ViewportCell): void {
    this.activeKey = cell.key;
    for (const c of this.viewCells()) c.dom.root.classList.toggle('active', c === cell);
    this.refresh();
  }

  /** Keys move by whole images (acquired) or planes (reformat); the others follow. */
  private step(cell: ViewportCell, delta: number): void {
    if (cell.orientation === 'acquired') {
      const i = clampIndex(cell.targetIndex + delta, cell.imageIds.length);
      cell.setIndex(i);
      this.sync.follow(cell, i);
    } else {
      // scrolling the volume fires VOLUME_VIEWPORT_SCROLL, which the sync listener follows
      const plane = cell.currentPlane();
      if (plane) cell.scrollBy(clampIndex(plane.index + delta, plane.count) - plane.index);
    }
    this.refresh();
  }

  /** One cine frame: the next image (or plane), back to the first after the last. */
  private cineStep(cell: ViewportCell): void {
    if (!this.viewCells().includes(cell) || !cell.volume) return this.cine.stop();
    const count = cell.orientation === 'acquired' ? cell.imageIds.length : (cell.currentPlane()?.count ?? 0);
    const index = cell.orientation === 'acquired' ? cell.targetIndex : (cell.currentPlane()?.index ?? 0);
    if (count <= 1) return this.cine.stop();
    this.step(cell, index + 1 >= count ? -index : 1);
  }

  /** Acquired images or a reformat, keeping the point being read (or the plane's centre). */
  private async reorient(cell: ViewportCell, orientation: Orientation): Promise<void> {
    const plane = cell.currentPlane();
    const reference = this.sync.reference ? this.sync.pointInRow(this.sync.reference, cell.row) : null;
    await cell.setOrientation(orientation, reference ?? plane?.pointLps ?? null);
    this.refresh();
  }

  private toggleCheatSheet(open?: boolean): void {
    this.keys.toggleSheet(open);
  }

  /** Redraws overlays and marks everywhere and publishes the new state. */
  private refresh(): void {
    for (const vc of this.viewCells()) this.marks.draw(vc);
    this.schedulePublish();
  }

  private schedulePublish(): void {
    if (this.publishScheduled) return;
    this.publishScheduled = true;
    requestAnimationFrame(() => {
      this.publishScheduled = false;
      this.load.update(this.cells, (id) => this.images.progressOf(id));
      for (const vc of this.viewCells()) {
        const row = this.rows[vc.row];
        if (row) updateOverlay(vc, row.study, vc.volume ? this.images.progressOf(vc.volume.id) : undefined);
      }
      renderStatusBar(this.statusBar, this.sync, this.marks.visible, this.rows, {
        cine: this.cine.playingKey === null ? null : { fps: this.cine.fps },
        notice: this.keys.loadProblem,
      });
      this.options.onChange(this.snapshot());
    });
  }
}
