import { cache, utilities, type Types } from '@cornerstonejs/core';
import type { KeyAction, ResponseCommand } from './keymap';
import type { RoiCommand } from './roi-types';
import type { ViewLinks } from './linking';
import type { ReferenceMarks } from './reference-marks';
import type { SliceSync } from './slice-sync';
import type { ViewportCell } from './viewport-cell';
import { DOUBLING_WINDOWS, headerWindow, robustWindow, type WindowLevel } from './voi-presets';

/** What the key actions act on: the reading room, seen through the few operations they need. */
export interface ActionContext {
  /** Viewports in reading order (row by row, columns left to right). */
  cells(): readonly ViewportCell[];
  active(): ViewportCell | null;
  activate(cell: ViewportCell): void;
  /** Moves a viewport by images or reformatted planes as the user did it: the others follow. */
  step(cell: ViewportCell, delta: number): void;
  /** Next orientation of a viewport: acquired, coronal, sagittal. */
  cycleOrientation(cell: ViewportCell): void;
  /** Shows the next/previous candidate series in a viewport. */
  stepSeries(cell: ViewportCell, step: 1 | -1): void;
  toggleCheatSheet(open?: boolean): void;
  /** Cine on/off in a viewport (one plays at a time). */
  toggleCine(cell: ViewportCell): void;
  /** Contouring keys go to the host (it owns the tools and the lesion model); false when none listens. */
  roiCommand(command: RoiCommand): boolean;
  /** Response-view keys go to the host (it owns their state); false when none listens. */
  responseCommand(command: ResponseCommand): boolean;
  /** Drops the contour or stroke being drawn; true when there was one. */
  cancelDrawing(): boolean;
  refresh(): void;
  links: ViewLinks;
  sync: SliceSync;
  marks: ReferenceMarks;
}

const ZOOM_STEP = 1.25;

function toRange(wl: WindowLevel): Types.VOIRange {
  return utilities.windowLevel.toLowHighRange(wl.windowWidth, wl.windowCenter);
}

function applyWindow(ctx: ActionContext, cell: ViewportCell, wl: WindowLevel): void {
  cell.setVoiRange(toRange(wl));
  cell.viewport.render();
  ctx.links.propagateWindow(cell);
}

/** Pixels of a volume's images already in the cache (real values: the loader applied the rescale). */
function cachedPixels(cell: ViewportCell): ArrayLike<number>[] {
  const out: ArrayLike<number>[] = [];
  for (const id of cell.imageIds) {
    const image = cache.getImage(id);
    if (image) out.push(image.voxelManager ? (image.voxelManager.getScalarData() as ArrayLike<number>) : image.getPixelData());
  }
  return out;
}

function zoomBy(ctx: ActionContext, cell: ViewportCell, factor: number): void {
  cell.viewport.setZoom(cell.viewport.getZoom() * factor);
  cell.viewport.render();
  ctx.links.propagateZoomPan(cell);
}

function rotateBy(cell: ViewportCell, degrees: number): void {
  const { rotation = 0 } = cell.viewport.getViewPresentation({ rotation: true });
  cell.viewport.setViewPresentation({ rotation: (rotation + degrees + 360) % 360 });
  cell.viewport.render();
}

function flip(cell: ViewportCell, axis: 'flipHorizontal' | 'flipVertical'): void {
  const camera = cell.viewport.getCamera();
  cell.viewport.setCamera({ [axis]: !camera[axis] });
  cell.viewport.render();
}

function stepViewport(ctx: ActionContext, from: ViewportCell, step: 1 | -1): void {
  const shown = ctx.cells().filter((c) => c.volume);
  const at = shown.indexOf(from);
  const next = shown[(at + step + shown.length) % shown.length];
  if (next) ctx.activate(next);
}

function stepTimePoint(ctx: ActionContext, from: ViewportCell, step: 1 | -1): void {
  const target = ctx.cells().find((c) => c.row === from.row + step && c.column === from.column);
  if (target) ctx.activate(target);
}

/** Runs one key action; returns false when it did not apply (so the key is left to the browser). */
export function runAction(ctx: ActionContext, action: KeyAction): boolean {
  switch (action) {
    case 'cheatSheet':
      ctx.toggleCheatSheet();
      return true;
    case 'escape':
      ctx.cancelDrawing();
      ctx.toggleCheatSheet(false);
      return true;
    case 'toolNavigate': case 'toolContour': case 'toolEnhancingContour': case 'toolBrush': case 'toolThreshold': case 'toolEraser':
    case 'brushLarger': case 'brushSmaller': case 'interpolate': case 'undo': case 'redo':
      return ctx.roiCommand(action);
    case 'toggleResponseOverlay': case 'toggleSubtraction': case 'toggleAdcColour':
      return ctx.responseCommand(action);
    case 'toggleSliceSync': {
      ctx.sync.enabled = !ctx.sync.enabled;
      const active = ctx.active();
      if (ctx.sync.enabled && active) ctx.sync.follow(active, active.targetIndex);
      ctx.refresh();
      return true;
    }
    case 'toggleReferencePoint':
      ctx.marks.visible = !ctx.marks.visible;
      ctx.refresh();
      return true;
    case 'clearAnchors':
      ctx.sync.clearAnchors();
      ctx.refresh();
      return true;
    default:
      break;
  }
  const cell = ctx.active();
  if (!cell || !cell.volume || cell.renderCount === 0) return false;
  const vp = cell.viewport;
  switch (action) {
    case 'nextImage': ctx.step(cell, 1); break;
    case 'previousImage': ctx.step(cell, -1); break;
    case 'firstImage': ctx.step(cell, -Infinity); break;
    case 'lastImage': ctx.step(cell, Infinity); break;
    case 'cycleOrientation': ctx.cycleOrientation(cell); break;
    case 'cine': ctx.toggleCine(cell); break;
    case 'nextViewport': stepViewport(ctx, cell, 1); break;
    case 'previousViewport': stepViewport(ctx, cell, -1); break;
    case 'nextSeries': ctx.stepSeries(cell, 1); break;
    case 'previousSeries': ctx.stepSeries(cell, -1); break;
    case 'nextTimePoint': stepTimePoint(ctx, cell, 1); break;
    case 'previousTimePoint': stepTimePoint(ctx, cell, -1); break;
    case 'reset':
      vp.resetCamera();
      vp.resetProperties();
      vp.render();
      ctx.links.propagateZoomPan(cell);
      ctx.links.propagateWindow(cell);
      break;
    case 'invert':
      cell.setInvert(!cell.invert);
      vp.render();
      break;
    case 'zoomIn': zoomBy(ctx, cell, ZOOM_STEP); break;
    case 'zoomOut': zoomBy(ctx, cell, 1 / ZOOM_STEP); break;
    case 'zoomFit':
      vp.resetCamera({ resetPan: true, resetZoom: true });
      vp.render();
      ctx.links.propagateZoomPan(cell);
      break;
    case 'rotateRight': rotateBy(cell, 90); break;
    case 'rotateLeft': rotateBy(cell, -90); break;
    case 'flipHorizontal': flip(cell, 'flipHorizontal'); break;
    case 'flipVertical': flip(cell, 'flipVertical'); break;
    case 'windowHeader':
      // Every linked viewport returns to its own series' header window (they may differ).
      for (const c of [cell, ...ctx.links.windowPartners(cell)]) {
        const wl = c.volume ? headerWindow(c.volume) : null;
        if (wl) c.setVoiRange(toRange(wl), c !== cell);
        else c.viewport.resetProperties();
        c.viewport.render();
      }
      break;
    case 'windowAuto': {
      const wl = robustWindow(cachedPixels(cell));
      if (!wl) return false;
      applyWindow(ctx, cell, wl);
      break;
    }
    case 'window1': case 'window2': case 'window3': case 'window4': case 'window5':
      applyWindow(ctx, cell, DOUBLING_WINDOWS[Number(action.slice(-1)) - 1]!);
      break;
    default:
      return false;
  }
  ctx.refresh();
  return true;
}
