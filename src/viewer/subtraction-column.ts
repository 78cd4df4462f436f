import type { RenderingEngine } from '@cornerstonejs/core';
import type { SeriesVolume } from '../core/dicom/model';
import { buildCell } from './grid-view';
import { cellKey, type HangingRow, type ViewCell } from './hanging';
import { registerSubtractionLoader, releaseSubtraction, subtractionImageId } from './subtraction-loader';
import { subtractionMismatch } from './subtraction-math';
import { ViewportCell } from './viewport-cell';

/** What the subtraction column needs from the reading room. */
export interface SubtractionHost {
  engine: RenderingEngine;
  idPrefix: string;
  /** The room's own viewports (the hanging). */
  cells(): readonly ViewportCell[];
  rows(): readonly HangingRow[];
  /** The tool group takes a new viewport / lets it go. */
  addViewport(viewportId: string): void;
  removeViewport(viewportId: string): void;
  /** Links (W/L, zoom/pan), pointer and scrolling, as for the room's viewports. */
  wire(cell: ViewportCell): void;
  /** The grid gained or lost a column: every viewport's canvas takes its new size. */
  resized(): void;
  /** A new viewport takes the zoom and pan of `source` (they are linked everywhere). */
  alignCamera(source: ViewportCell): void;
  changed(): void;
}

interface SubtractionCell {
  cell: ViewportCell;
  /** What it was built from (rebuilt when either changes). */
  sourceKey: string;
}

/**
 * The subtraction column: one viewport per time point after its arterial viewport, showing arterial
 * minus pre of that time point (the series the arterial and T1 pre viewports show) as a real
 * Cornerstone stack (subtraction-loader.ts). When the two are not on one grid, the viewport says
 * why instead of showing an image. Off by default: the default layout stays as it is.
 */
export class SubtractionColumn {
  private enabled = false;
  private items: SubtractionCell[] = [];

  constructor(private readonly host: SubtractionHost) {}

  get cells(): ViewportCell[] {
    return this.items.map((i) => i.cell);
  }

  get isEnabled(): boolean {
    return this.enabled;
  }

  owns(cell: ViewportCell): boolean {
    return this.items.some((i) => i.cell === cell);
  }

  async setEnabled(enabled: boolean): Promise<void> {
    this.enabled = enabled;
    await this.sync();
  }

  /** Builds, keeps or removes the column to match the toggle and what the room shows now. */
  async sync(): Promise<void> {
    const rows = this.host.rows();
    const wanted = this.enabled ? rows.map((row) => ({ row, ...this.sources(row) })) : [];
    const keep: SubtractionCell[] = [];
    for (const item of this.items) {
      const w = wanted.find((x) => x.row.row === item.cell.row);
      if (w && w.sourceKey === item.sourceKey && item.cell.dom.root.isConnected) keep.push(item);
      else this.drop(item);
    }
    this.items = keep;
    // The column goes in before its viewports are created, so each is fitted to its final size.
    let relaid = this.markGrid(wanted.length > 0);
    const shows: Promise<void>[] = [];
    for (const w of wanted) {
      if (this.items.some((i) => i.cell.row === w.row.row)) continue;
      const built = this.build(w.row, w.arterial, w.pre);
      if (!built) continue;
      this.items.push({ cell: built.cell, sourceKey: w.sourceKey });
      shows.push(built.show);
    }
    this.items.sort((a, b) => a.cell.row - b.cell.row);
    relaid = this.markGrid(this.items.length > 0) || relaid;
    // Only a column added or removed changes the viewports' sizes (a resize refits nothing else).
    if (relaid) this.host.resized();
    this.host.changed();
    await Promise.allSettled(shows);
    const arterial = this.host.cells().find((c) => c.column === 'arterial' && c.renderCount > 0);
    if (arterial && this.items.length > 0) this.host.alignCamera(arterial);
  }

  /** Removes the column (the room is cleared or destroyed). */
  clear(): void {
    for (const item of this.items) this.drop(item);
    this.items = [];
    this.markGrid(false);
  }

  private sources(row: HangingRow): { arterial: ViewportCell | null; pre: ViewportCell | null; sourceKey: string } {
    const find = (column: 'arterial' | 't1_pre') => this.host.cells().find((c) => c.key === cellKey(row.row, column)) ?? null;
    const arterial = find('arterial');
    const pre = find('t1_pre');
    return { arterial, pre, sourceKey: `${arterial?.volume?.id ?? ''}|${pre?.volume?.id ?? ''}|${arterial?.imageIds.length ?? 0}|${pre?.imageIds.length ?? 0}` };
  }

  private build(row: HangingRow, arterialCell: ViewportCell | null, preCell: ViewportCell | null): { cell: ViewportCell; show: Promise<void> } | null {
    if (!arterialCell) return null;
    const arterial = arterialCell.volume;
    const pre = preCell?.volume ?? null;
    const problem = !arterial ? 'No arterial series at this time point' : !pre ? 'No T1 pre series at this time point' : subtractionMismatch(arterial, pre);
    const volume = arterial && pre && !problem ? subtractionVolume(arterial, pre) : null;
    const hanging: ViewCell = { key: cellKey(row.row, 'subtraction'), row: row.row, column: 'subtraction', volumeId: volume?.id ?? null, picked: false, candidates: [] };
    const dom = buildCell(row, hanging, new Map(volume ? [[volume.id, volume]] : []), { pick: () => undefined, orient: () => undefined });
    dom.root.classList.add('hcc-vp-subtraction');
    dom.orient.hidden = true; // a reformat of a computed stack is not offered
    dom.select.disabled = true;
    if (problem) {
      dom.empty.textContent = `Subtraction not shown: ${problem}`;
      dom.empty.dataset['reason'] = problem;
    }
    arterialCell.dom.root.after(dom.root);
    const cell = new ViewportCell(hanging.key, row.row, 'subtraction', dom, this.host.engine, this.host.idPrefix, (id) => this.host.addViewport(id));
    cell.assignedVolumeId = hanging.volumeId;
    this.host.wire(cell);
    if (!volume || !preCell) return { cell, show: cell.show(null, [], 0) };
    registerSubtractionLoader();
    const ids = arterialCell.imageIds.map((a, i) => subtractionImageId(a, preCell.imageIds[i]!, volume.id));
    const index = arterialCell.targetIndex >= 0 ? arterialCell.targetIndex : Math.floor(ids.length / 2);
    return { cell, show: cell.show(volume, ids, index) };
  }

  private drop(item: SubtractionCell): void {
    const ids = item.cell.imageIds;
    this.host.removeViewport(item.cell.viewportId);
    item.cell.destroy();
    item.cell.dom.root.remove();
    releaseSubtraction(ids);
  }

  /** Shows the grid with or without the column; true when that changed. */
  private markGrid(on: boolean): boolean {
    const grid = this.host.cells()[0]?.dom.root.parentElement;
    if (!grid || grid.classList.contains('with-subtraction') === on) return false;
    grid.classList.toggle('with-subtraction', on);
    return true;
  }
}

/** The subtraction as a series of its own (its own id, description and phase); the arterial grid. */
function subtractionVolume(arterial: SeriesVolume, pre: SeriesVolume): SeriesVolume {
  return {
    ...arterial,
    id: `sub:${arterial.id}-${pre.id}`,
    seriesNumber: null,
    seriesDescription: 'SUB (computed): arterial − pre',
    classification: { phase: 'subtraction', confidence: 1, reasons: [`computed by the viewer: ${arterial.seriesDescription} minus ${pre.seriesDescription}`] },
  };
}
