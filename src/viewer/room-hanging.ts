import type { RenderingEngine } from '@cornerstonejs/core';
import type { SeriesVolume, StudyTree } from '../core/dicom/model';
import { buildGrid, fillSeriesSelect } from './grid-view';
import { cellsInLoadOrder, hangStudies, stepCandidate, type HangingCell, type HangingRow } from './hanging';
import type { FileLocator } from './image-ids';
import type { LoadStatus } from './load-status';
import { outwardOrder } from './prefetch-order';
import { markProvisional, rehang } from './progressive';
import type { RoomImages } from './room-images';
import { openingIndex } from './slice-geometry';
import type { SliceSync } from './slice-sync';
import { ViewportCell } from './viewport-cell';

/** What the hanging needs from the reading room. */
export interface RoomHangingHost {
  engine: RenderingEngine;
  idPrefix: string;
  /** Where the grid of viewports goes. */
  gridHost: HTMLElement;
  images: RoomImages;
  load: LoadStatus;
  sync: SliceSync;
  /** The tool group takes a new viewport. */
  addViewport(viewportId: string): void;
  /** Links, pointer, scrolling and drawing input of a new viewport. */
  wire(cell: ViewportCell): void;
  /** Drops everything of the study shown before (this hanging's viewports through reset()). */
  clear(): void;
  /** Any viewport of the room by key, the derived ones included. */
  cell(key: string): ViewportCell | undefined;
  activate(cell: ViewportCell): void;
  /** The orientation button of a viewport's header. */
  cycleOrientation(cell: ViewportCell): void;
  /** A series was picked in a viewport: the derived views follow. */
  picked(): void;
  refresh(): void;
}

/**
 * The hanging the reading room shows: the study's time points in rows (hanging.ts), one viewport per
 * cell, the series each shows and the user's picks. It builds the grid and its viewports for a study
 * (show), follows a changed tree in place (update, progressive reading), shows the series the user
 * picks, and opens each stack at the image nearest the point being read. Whole stacks are queued for
 * background loading only once the hanging is final and its first images are drawn.
 */
export class RoomHanging {
  cells: ViewportCell[] = [];
  rows: HangingRow[] = [];
  private volumes = new Map<string, SeriesVolume>();
  private picks: Record<string, string> = {};
  /** Viewports show() has given their first series (update() re-hangs only those). */
  private readonly started = new Set<string>();
  /** Incremented by every show(): async work of an older study checks it and stops. */
  private generation = 0;

  constructor(private readonly host: RoomHangingHost) {}

  /**
   * Shows a study tree (its first patient); resolves once every viewport shows its first image.
   * `provisional`: files are still being read (complete series only, phases may change); update()
   * follows with the next trees, the last one final.
   */
  async show(tree: StudyTree, locate: FileLocator, startedAtMs: number, provisional: boolean): Promise<void> {
    const host = this.host;
    const generation = ++this.generation;
    host.clear();
    this.picks = {}; // picks name volumes of the previous study
    host.images.open(locate);
    const patient = tree.patients[0];
    if (!patient || patient.studies.length === 0) return host.refresh();
    host.load.start(startedAtMs, provisional);
    this.volumes = new Map(patient.studies.flatMap((s) => s.series.map((v) => [v.id, v] as const)));
    this.rows = hangStudies(patient.studies, this.picks);
    const grid = buildGrid(this.rows, this.volumes, {
      pick: (key, volumeId) => this.pick(key, volumeId),
      orient: (key) => {
        const cell = host.cell(key);
        if (cell?.volume) host.cycleOrientation(cell);
      },
    });
    host.gridHost.replaceChildren(grid.root);
    for (const row of this.rows) {
      for (const cell of row.cells) {
        const vc = new ViewportCell(cell.key, cell.row, cell.column, grid.cells.get(cell.key)!, host.engine, host.idPrefix, (id) => host.addViewport(id));
        vc.assignedVolumeId = cell.volumeId;
        host.wire(vc);
        this.cells.push(vc);
      }
    }
    markProvisional(this.cells, provisional);
    const order = cellsInLoadOrder(this.rows).map((c) => host.cell(c.key)!);
    host.activate(order.find((c) => this.hanging(c.key).volumeId !== null) ?? order[0]!);
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
    if (generation !== this.generation || host.load.provisional) return;
    for (const vc of order) if (vc.volume) host.images.loader.enqueue(vc.imageIds, vc.targetIndex);
  }

  /**
   * The tree changed (a phase was overridden, more series were read, the final tree arrived): the
   * hanging follows in place; viewports whose series and images are unchanged keep their position,
   * zoom and drawings, and the user's picks stay. Needs the same time points as shown (else show()).
   */
  update(tree: StudyTree, provisional: boolean): void {
    const host = this.host;
    const patient = tree.patients[0];
    if (!patient || this.rows.length !== patient.studies.length) return;
    this.volumes = new Map(patient.studies.flatMap((s) => s.series.map((v) => [v.id, v] as const)));
    this.rows = hangStudies(patient.studies, this.picks);
    host.load.provisional = provisional;
    markProvisional(this.cells, provisional);
    const order = cellsInLoadOrder(this.rows).map((c) => host.cell(c.key)!);
    const shows = rehang(order, (key) => this.hanging(key), this.volumes, this.started, (vc, id) => this.showVolume(vc, id));
    host.refresh();
    // Whole stacks load in the background only once the hanging is final and its first images are
    // drawn: before, they would hold up the reading of files and the first images of other series.
    if (provisional) return;
    const generation = this.generation;
    void Promise.allSettled(shows).then(() => {
      if (generation === this.generation) for (const vc of order) if (vc.volume) host.images.loader.enqueue(vc.imageIds, vc.targetIndex);
    });
  }

  /** Shows the next/previous candidate series in a viewport of the hanging. */
  stepSeries(key: string, step: 1 | -1): void {
    const next = stepCandidate(this.hanging(key), step);
    if (next) this.pick(key, next);
  }

  studyOf(cell: ViewportCell): string | null {
    return this.rows[cell.row]?.study.studyInstanceUid ?? null;
  }

  /** A viewport whose first image cannot be decoded shows the nearest one that can instead of staying black. */
  skipFailedFirstImage(imageId: string): void {
    const loader = this.host.images.loader;
    for (const c of this.cells) {
      if (c.renderCount > 0 || c.orientation !== 'acquired' || c.imageIds[c.targetIndex] !== imageId) continue;
      const next = outwardOrder(c.imageIds.length, c.targetIndex).find((i) => !loader.hasFailed(c.imageIds[i]!));
      if (next !== undefined) c.setIndex(next);
    }
  }

  /** Forgets the viewports (the room has destroyed them) and the rows. */
  reset(): void {
    this.cells = [];
    this.rows = [];
    this.started.clear();
  }

  /** The room goes: async work of the study shown stops. */
  abandon(): void {
    this.generation++;
  }

  private hanging(key: string): HangingCell {
    for (const row of this.rows) for (const c of row.cells) if (c.key === key) return c;
    throw new Error(`no viewport ${key}`);
  }

  /** Shows a volume in a viewport at the image nearest the time point's reference position. */
  private async showVolume(vc: ViewportCell, volumeId: string | null, prefetch = false): Promise<void> {
    const images = this.host.images;
    vc.assignedVolumeId = volumeId;
    const volume = volumeId === null ? null : (this.volumes.get(volumeId) ?? null);
    const imageIds = volume ? images.imageIdsFor(volume) : [];
    if (volume) images.loader.track(volume.id, imageIds);
    await vc.show(volume, imageIds, this.initialIndex(vc, volume, imageIds.length));
    if (prefetch && volume) images.loader.enqueue(imageIds, vc.targetIndex);
  }

  /** Nearest image to where the time point is being read; the middle image for the first viewport. */
  private initialIndex(vc: ViewportCell, volume: SeriesVolume | null, count: number): number {
    if (!volume) return 0;
    const sync = this.host.sync;
    const reference = sync.reference ? sync.pointInRow(sync.reference, vc.row) : null;
    // Before anyone pointed or scrolled: the centre of the image the time point's first viewport opened at.
    const first = this.cells.find((c) => c.row === vc.row && c.volume && c.stack && c.targetIndex >= 0);
    return openingIndex(vc.stack, count, reference ?? first?.stack?.centresLps[first.targetIndex] ?? null);
  }

  private pick(key: string, volumeId: string): void {
    this.picks[key] = volumeId;
    const patientStudies = this.rows.map((r) => r.study);
    this.rows = hangStudies(patientStudies, this.picks);
    const vc = this.host.cell(key);
    if (!vc) return;
    fillSeriesSelect(vc.dom.select, this.hanging(key), this.volumes);
    void this.showVolume(vc, volumeId, true).then(() => this.host.refresh());
    this.host.picked(); // a new arterial or pre series: the subtraction follows
  }
}
