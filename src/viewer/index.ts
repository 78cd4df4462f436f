/**
 * Public entry of the hcc-response viewer plugin: enable(element, options) builds the multiphase,
 * multi-time-point reading room inside `element`; disable() tears down everything it created
 * (viewports, rendering engine, tool group and tools, listeners, cached images, registered files)
 * and nothing else, so a host viewer keeps its own Cornerstone state (REUSE.md, plugin pattern).
 */
import type { HccErrorInfo } from '../core/errors';
import type { SeriesVolume, StudyTree } from '../core/dicom/model';
import type { Vec3, Volume3D } from '../core/types/volume';
import type { FileLocator } from './file-location';
import { ensureCornerstone } from './init';
import type { SlicedVolume } from '../core/measure/crop';
import { installFloatDecodeLoader } from './exact-rescale';
import css from './viewer.css';
import { ReadingRoom } from './reading-room';
import { leftovers } from './teardown-check';
import type { ViewerSnapshot } from './snapshot';

export type { FileLocation, FileLocator } from './file-location';
export type { ViewerSnapshot, ViewportSnapshot, ViewerStatus, ViewerTiming } from './snapshot';
export { KEY_BINDINGS, MOUSE_BINDINGS, type ResponseCommand } from './keymap';
import type { ResponseCommand } from './keymap';
export type { GestureTarget, RoiCommand, RoiDisplay, RoiGesture, RoiTool, RoiToolState, Rgb } from './roi-types';
import type { RoiCommand, RoiDisplay, RoiGesture, RoiToolState } from './roi-types';
import type { ResponseOverlayState } from './response-types';
export { RESPONSE_COLOURS, RESPONSE_NECROTIC, RESPONSE_VIABLE } from './response-types';
export type { ResponseLabelmap, ResponseOverlayState } from './response-types';
export { ADC_LEGEND_UNIT } from './adc-legend-ticks';

export interface ViewerOptions {
  /** Prefix of Cornerstone ids (rendering engine, viewports, tool group); unique per instance. */
  idPrefix?: string;
  /** Image decode workers (default: half the cores, at least one). */
  maxWebWorkers?: number;
  onChange?(snapshot: ViewerSnapshot): void;
  onLoadErrors?(errors: HccErrorInfo[]): void;
  /** Contouring: a drawn contour/stroke, a contouring key, a gesture refused (see roi-types.ts). */
  onRoiGesture?(gesture: RoiGesture): void;
  onRoiCommand?(command: RoiCommand): boolean;
  onRoiRefused?(reason: string): void;
  /** The response-view keys (n, d, a by default): the host toggles its views; false when it has none. */
  onResponseCommand?(command: ResponseCommand): boolean;
}

export interface HccViewer {
  /**
   * Shows a study tree; `locate` says where each file's bytes are. Resolves when every viewport shows an image.
   * `provisional`: the tree holds the series read so far (the room says so); update() brings the next ones.
   */
  show(tree: StudyTree, locate: FileLocator, startedAtMs?: number, provisional?: boolean): Promise<void>;
  /** The same study with changed phases (a user override) or more series read: the hanging follows in place. */
  update(tree: StudyTree, provisional?: boolean): void;
  snapshot(): ViewerSnapshot;
  /** Where a patient point (LPS mm) falls in a viewport, in CSS px from its top-left; null when not shown. */
  canvasPointOf(viewportKey: string, pointLps: Vec3): [number, number] | null;
  /** Each time point's viewports go to its own point (a lesion at every time point); the first is the reference. */
  showPoints(points: ReadonlyArray<{ studyInstanceUid: string; pointLps: Vec3 }>): void;
  /** The lesion masks drawn over the viewports of their time point. */
  setRoiDisplay(display: RoiDisplay): void;
  /** The drawing tool on the left mouse button. */
  setRoiTool(state: RoiToolState): void;
  /**
   * The voxels of a series of the study being shown, as real values on its grid, decoded by
   * Cornerstone (compressed series included); what the measurements are computed from in the app.
   */
  readVoxels(volume: SeriesVolume): Promise<Volume3D<Float32Array>>;
  /** The same voxels as slices of the viewer's decoded images, without a copy (what measurements read). */
  sliceVoxels(volume: SeriesVolume): Promise<SlicedVolume>;
  /**
   * Viable vs necrotic tumour (labelmaps in patient space, per StudyInstanceUID) filled in two
   * colours over the arterial and subtraction viewports of their time point; lesion outlines stay.
   */
  setResponseOverlay(state: ResponseOverlayState): void;
  /** Adds (or removes) the computed arterial-minus-pre viewport after each time point's arterial one. */
  setSubtraction(enabled: boolean): Promise<void>;
  /** ADC viewports in a colour LUT with a colour bar in 10^-3 mm^2/s that follows the window. */
  setAdcColour(enabled: boolean): void;
  /** Tears everything down; returns what was found left behind afterwards (empty when clean). */
  disable(): TeardownReport;
}

export interface TeardownReport {
  leftovers: string[];
}

let instances = 0;
let alive = 0;
/** Restores the plain file loaders; set while any instance is enabled (see exact-rescale.ts). */
let uninstallFloatDecode: (() => void) | null = null;

/** The room's style sheet, added once per document (the plugin ships its own look). */
function addStyles(): void {
  if (document.getElementById('hcc-viewer-styles')) return;
  const style = document.createElement('style');
  style.id = 'hcc-viewer-styles';
  style.textContent = css;
  document.head.append(style);
}

export function enable(element: HTMLElement, options: ViewerOptions = {}): HccViewer {
  addStyles();
  ensureCornerstone(options.maxWebWorkers === undefined ? {} : { maxWebWorkers: options.maxWebWorkers });
  const idPrefix = options.idPrefix ?? `hcc${instances++ || ''}`;
  const room = new ReadingRoom(element, {
    idPrefix,
    onChange: (s) => options.onChange?.(s),
    onLoadErrors: (e) => options.onLoadErrors?.(e),
    onRoiGesture: (g) => options.onRoiGesture?.(g),
    onRoiCommand: (c) => options.onRoiCommand?.(c) ?? false,
    onResponseCommand: (c) => options.onResponseCommand?.(c) ?? false,
    onRoiRefused: (r) => options.onRoiRefused?.(r),
  });
  let enabled = true;
  if (alive++ === 0) uninstallFloatDecode = installFloatDecodeLoader();
  return {
    show: async (tree, locate, startedAtMs, provisional) => {
      room.dropDerivedViews();
      await room.show(tree, locate, startedAtMs, provisional);
      await room.syncDerivedViews();
    },
    update: (tree, provisional) => {
      room.update(tree, provisional);
      void room.syncDerivedViews();
    },
    snapshot: () => room.snapshot(),
    canvasPointOf: (key, point) => room.canvasPointOf(key, point),
    setRoiDisplay: (display) => room.setRoiDisplay(display),
    showPoints: (points) => room.showPoints(points),
    setRoiTool: (state) => room.setRoiTool(state),
    readVoxels: (volume) => room.readVoxels(volume),
    sliceVoxels: (volume) => room.sliceVoxels(volume),
    setResponseOverlay: (state) => room.setResponseOverlay(state),
    setSubtraction: (enabled) => room.setSubtraction(enabled),
    setAdcColour: (enabled) => room.setAdcColour(enabled),
    disable: () => {
      if (!enabled) return { leftovers: [] };
      enabled = false;
      const released = room.destroy();
      if (--alive === 0) {
        document.getElementById('hcc-viewer-styles')?.remove();
        uninstallFloatDecode?.();
        uninstallFloatDecode = null;
      }
      return { leftovers: leftovers(idPrefix, element, released, alive > 0) };
    },
  };
}
