import { RenderingEngine } from '@cornerstonejs/core';
import type { HccErrorInfo } from '../core/errors';
import type { SeriesVolume, StudyTree } from '../core/dicom/model';
import type { Vec3, Volume3D } from '../core/types/volume';
import { runAction } from './actions';
import { el } from './dom';
import type { FileLocator } from './image-ids';
import { attachKeyboard } from './keyboard';
import { KeySettings } from './key-settings';
import { ViewLinks } from './linking';
import { ReferenceMarks } from './reference-marks';
import { SliceSync } from './slice-sync';
import { LoadStatus } from './load-status';
import { wirePointer, type PointerHandlers } from './pointer-input';
import type { ViewerSnapshot } from './snapshot';
import { RoiInput } from './roi-input';
import { RoomActions } from './room-actions';
import { RoomHanging } from './room-hanging';
import { RoomImages } from './room-images';
import { RoomPublisher } from './room-publisher';
import type { SlicedVolume } from '../core/measure/crop';
import { RoiOverlay } from './roi-overlay';
import type { ResponseOverlayState } from './response-types';
import { ResponseViews } from './response-views';
import type { RoiCommand, RoiDisplay, RoiGesture, RoiToolState } from './roi-types';
import type { ResponseCommand } from './keymap';
import { followVolumeScroll, syncPointerHandlers } from './sync-input';
import { createTools, type ToolSetup } from './tools';
import type { ViewportCell } from './viewport-cell';

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
 * viewport each, linked through patient coordinates. This class wires the parts; each part lives in
 * its own module: the hanging and its show/update flow (room-hanging.ts), sync (slice-sync.ts,
 * sync-input.ts), links, marks, overlays, images and loading (room-images.ts), key actions and cine
 * (room-actions.ts), response views, ROI input, and the published state (room-publisher.ts).
 */
export class ReadingRoom {
  private readonly engine: RenderingEngine;
  private readonly tools: ToolSetup;
  private readonly root: HTMLElement;
  private readonly gridHost: HTMLElement;
  private readonly statusBar: HTMLElement;
  private readonly keys = new KeySettings();
  private readonly detachKeyboard: () => void;
  private readonly stopVolumeScroll: () => void;
  private readonly resizeObserver: ResizeObserver;
  private readonly sync: SliceSync;
  private readonly marks: ReferenceMarks;
  private readonly links: ViewLinks;
  private readonly pointerHandlers: PointerHandlers;
  private readonly roiInput: RoiInput;
  private readonly roiOverlay = new RoiOverlay();
  /** Response overlay, ADC colour, subtraction column (response-views.ts). */
  private readonly views: ResponseViews;
  private readonly hanging: RoomHanging;
  private readonly images: RoomImages;
  private readonly actions: RoomActions;
  private readonly publisher: RoomPublisher;
  private activeKey: string | null = null;
  private readonly load = new LoadStatus();

  constructor(host: HTMLElement, private readonly options: ReadingRoomOptions) {
    this.engine = new RenderingEngine(`${options.idPrefix}-engine`);
    this.tools = createTools(`${options.idPrefix}-tools`);
    this.sync = new SliceSync(() => this.viewCells());
    this.marks = new ReferenceMarks(this.sync);
    this.links = new ViewLinks(() => this.viewCells());
    this.pointerHandlers = {
      activate: (cell) => this.activate(cell),
      ...syncPointerHandlers(this.sync, () => this.refresh()),
      rendered: (cell) => this.rendered(cell),
    };
    this.views = new ResponseViews({
      engine: this.engine,
      idPrefix: options.idPrefix,
      cells: () => this.hanging.cells,
      allCells: () => this.viewCells(),
      rows: () => this.hanging.rows,
      studyOf: (cell) => this.hanging.studyOf(cell),
      addViewport: (id) => this.tools.addViewport(id, this.engine.id),
      removeViewport: (id) => this.tools.removeViewport(id, this.engine.id),
      wire: (cell) => (this.links.attach(cell), wirePointer(cell, this.pointerHandlers)),
      resized: () => this.engine.resize(true, true),
      alignCamera: (source) => this.links.propagateZoomPan(source),
      changed: () => this.refresh(),
    });
    this.roiInput = new RoiInput({
      activate: (cell) => this.activate(cell),
      studyOf: (cell) => this.hanging.studyOf(cell),
      gesture: (g) => options.onRoiGesture?.(g),
      refused: (reason) => options.onRoiRefused?.(reason),
    });
    this.images = new RoomImages({
      progress: () => this.publisher.schedule(),
      errors: (list) => this.options.onLoadErrors(list),
      failed: (imageId) => this.hanging.skipFailedFirstImage(imageId),
    });
    this.gridHost = el('div', { class: 'hcc-grid-host' });
    this.statusBar = el('div', { class: 'hcc-statusbar', role: 'status' });
    this.actions = new RoomActions({
      cells: () => this.viewCells(),
      active: () => (this.activeKey ? (this.cell(this.activeKey) ?? null) : null),
      activate: (cell) => this.activate(cell),
      isDerived: (cell) => this.views.owns(cell),
      stepSeries: (cell, step) => {
        if (!this.views.owns(cell)) this.hanging.stepSeries(cell.key, step); // nothing to pick in the subtraction
      },
      toggleCheatSheet: (open) => this.keys.toggleSheet(open),
      roiCommand: (command) => this.options.onRoiCommand?.(command) ?? false,
      responseCommand: (command) => this.options.onResponseCommand?.(command) ?? false,
      cancelDrawing: () => this.roiInput.cancel(),
      refresh: () => this.refresh(),
      links: this.links,
      sync: this.sync,
      marks: this.marks,
    });
    this.hanging = new RoomHanging({
      engine: this.engine,
      idPrefix: options.idPrefix,
      gridHost: this.gridHost,
      images: this.images,
      load: this.load,
      sync: this.sync,
      addViewport: (id) => this.tools.addViewport(id, this.engine.id),
      wire: (vc) => {
        this.links.attach(vc);
        wirePointer(vc, this.pointerHandlers);
        this.roiInput.wire(vc);
      },
      clear: () => this.clear(),
      cell: (key) => this.cell(key),
      activate: (cell) => this.activate(cell),
      cycleOrientation: (cell) => this.actions.cycleOrientation(cell),
      picked: () => void this.views.sync(),
      refresh: () => this.refresh(),
    });
    this.publisher = new RoomPublisher({
      statusBar: this.statusBar,
      load: this.load,
      images: this.images,
      sync: this.sync,
      marks: this.marks,
      cine: this.actions.cine,
      keys: this.keys,
      cells: () => this.hanging.cells,
      allCells: () => this.viewCells(),
      rows: () => this.hanging.rows,
      activeKey: () => this.activeKey,
      onChange: (snapshot) => this.options.onChange(snapshot),
    });
    this.root = el('div', { class: 'hcc-room' }, this.gridHost, this.statusBar, this.keys.sheet.root, this.keys.dialog.root);
    host.append(this.root);
    this.stopVolumeScroll = followVolumeScroll(() => this.hanging.cells, this.sync, () => this.refresh());
    this.detachKeyboard = attachKeyboard(this.root, this.keys.resolve, (action) => this.hanging.cells.length > 0 && runAction(this.actions.context, action));
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
   * follows with the next trees, the last one final (room-hanging.ts).
   */
  show(tree: StudyTree, locate: FileLocator, startedAtMs: number = performance.now(), provisional = false): Promise<void> {
    return this.hanging.show(tree, locate, startedAtMs, provisional);
  }

  /**
   * The tree changed (a phase was overridden, more series were read, the final tree arrived): the
   * hanging follows in place, keeping what is unchanged (room-hanging.ts). Needs the same time
   * points as shown (else show()).
   */
  update(tree: StudyTree, provisional = false): void {
    this.hanging.update(tree, provisional);
  }

  snapshot(): ViewerSnapshot {
    return this.publisher.snapshot();
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
      const row = this.hanging.rows.findIndex((r) => r.study.studyInstanceUid === p.studyInstanceUid);
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
    for (const vc of this.viewCells()) this.roiOverlay.draw(vc, this.hanging.studyOf(vc));
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
    this.roiInput.setState(state, this.hanging.cells);
  }

  /** Tears everything down; returns the image ids it released (to check nothing of them stays). */
  destroy(): string[] {
    this.hanging.abandon();
    const released = this.images.imageIds();
    this.views.clear();
    this.clear();
    this.images.stop();
    this.detachKeyboard();
    this.stopVolumeScroll();
    this.resizeObserver.disconnect();
    this.links.destroy();
    this.tools.destroy();
    this.engine.destroy();
    this.root.remove();
    return released;
  }

  // ---- internals ------------------------------------------------------------------------

  /** A viewport drew: loading, marks, response views and lesion masks follow. */
  private rendered(cell: ViewportCell): void {
    if (!cell.showsCurrentSeries()) return;
    cell.renderCount++;
    this.load.rendered(cell, this.hanging.cells, (id) => this.images.progressOf(id));
    this.marks.draw(cell);
    this.views.rendered(cell);
    this.roiOverlay.draw(cell, this.hanging.studyOf(cell));
    this.publisher.schedule();
  }

  /** Every viewport: the hanging's, then the derived ones (subtraction). */
  private viewCells(): ViewportCell[] {
    return [...this.hanging.cells, ...this.views.cells];
  }

  /** Drops the study shown: its viewports, cine, loading, images, reference point and anchors. */
  private clear(): void {
    this.actions.cine.stop();
    for (const vc of this.hanging.cells) {
      this.tools.removeViewport(vc.viewportId, this.engine.id);
      this.roiOverlay.forget(vc);
      vc.destroy();
    }
    this.hanging.reset();
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

  private activate(cell: ViewportCell): void {
    this.activeKey = cell.key;
    for (const c of this.viewCells()) c.dom.root.classList.toggle('active', c === cell);
    this.refresh();
  }

  /** Redraws overlays and marks everywhere and publishes the new state. */
  private refresh(): void {
    for (const vc of this.viewCells()) this.marks.draw(vc);
    this.publisher.schedule();
  }
}
