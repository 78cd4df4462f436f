import type { StudyTree } from '../core/dicom/model';
import { buildStudyTree } from '../core/dicom/group';
import {
  completeSeries,
  folderOf,
  headerProgress,
  orderFolders,
  planFolders,
  provisionalTree,
  seriesKeyOf,
  volumeSeriesKey,
  type ReadState,
} from '../core/dicom/progressive';
import type { IngestClient } from '../compute/ingest-client';
import { hangStudies, loadRanks } from '../viewer/hanging';
import { emptyResults, parseSources, type LoadedStudy, type LoadProgress } from './load-study';
import type { FileSource } from './sources';

/** Headers read per series while loading (the Series panel and the test hooks show it). */
export interface SeriesReading {
  seriesInstanceUid: string;
  seriesNumber: number | null;
  seriesDescription: string;
  /** Headers parsed, and that plus the files still unread in its folders. */
  read: number;
  total: number;
  /** Known complete: the reading room may show it. */
  complete: boolean;
}

export interface ProgressiveHandlers {
  onProgress(p: LoadProgress): void;
  /** The study as read so far: every time point, complete series only, phases provisional. */
  onProvisional(tree: StudyTree): void;
}

/**
 * Order in which the reading room fills its viewports, per series (lower first): its hanging
 * protocol applied to a tree of the first file of every folder.
 */
export function viewportRankBySeries(tree: StudyTree): Map<string, number> {
  const studies = tree.patients[0]?.studies ?? [];
  const byVolume = loadRanks(hangStudies(studies));
  const bySeries = new Map<string, number>();
  for (const v of studies.flatMap((s) => s.series)) {
    const rank = byVolume.get(v.id);
    const key = volumeSeriesKey(v);
    if (rank !== undefined && rank < (bySeries.get(key) ?? Infinity)) bySeries.set(key, rank);
  }
  return bySeries;
}

/**
 * Progressive load (issue #3): the first file of every folder first (the study's time points and
 * series in a few reads), then folder by folder, the folders of the first viewports first. Each
 * time a folder is finished, a provisional tree of the series known complete goes to the reading
 * room (at most every `intervalMs`, the first at once); run() resolves with the final tree.
 */
export class ProgressiveLoad {
  private readonly results = emptyResults();
  private readonly unread = new Map<string, number>();
  private readonly unfinished = new Set<string>();
  private readonly probeSeries = new Map<string, string>();
  private filesDone = 0;
  private finished = false;
  private emittedComplete = -1;
  private lastEmitAtMs = -Infinity;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly sources: readonly FileSource[],
    private readonly clients: readonly IngestClient[],
    private readonly handlers: ProgressiveHandlers,
    private readonly intervalMs = 100,
  ) {}

  get progress(): LoadProgress {
    return { filesDone: this.filesDone, filesTotal: this.sources.length, errors: this.results.errors.length };
  }

  async run(): Promise<LoadedStudy> {
    const plans = planFolders(this.sources.map((s) => s.name));
    for (const p of plans) {
      this.unread.set(p.folder, p.files.length);
      this.unfinished.add(p.folder);
    }
    await parseSources(this.sources, plans.map((p) => p.files[0]!), this.clients, this.results, (i, header) => {
      if (header) this.probeSeries.set(folderOf(this.sources[i]!.name), seriesKeyOf(header));
      this.fileDone(i);
    });
    const probe = provisionalTree(this.results.headers, new Set(this.results.headers.map(seriesKeyOf)));
    this.emit(); // the layout (time points) at once, before any series is complete
    const ranks = viewportRankBySeries(probe);
    const ordered = orderFolders(plans, (folder) => {
      const key = this.probeSeries.get(folder);
      return key === undefined ? undefined : ranks.get(key);
    });
    await parseSources(this.sources, ordered.flatMap((p) => p.files.slice(1)), this.clients, this.results, (i) => this.fileDone(i));
    this.finished = true;
    if (this.timer !== null) clearTimeout(this.timer);
    return { tree: buildStudyTree(this.results.headers, this.results.errors), segFiles: this.results.segFiles };
  }

  /** Headers read per series so far. */
  seriesReadings(): SeriesReading[] {
    const state = this.state();
    const complete = completeSeries(state);
    const first = new Map<string, (typeof this.results.headers)[number]>();
    for (const h of this.results.headers) if (!first.has(seriesKeyOf(h))) first.set(seriesKeyOf(h), h);
    const readings: SeriesReading[] = [];
    for (const [key, p] of headerProgress(state, (f) => this.unread.get(f) ?? 0)) {
      const h = first.get(key);
      if (!h) continue;
      readings.push({ seriesInstanceUid: h.seriesInstanceUid, seriesNumber: h.seriesNumber, seriesDescription: h.seriesDescription, ...p, complete: complete.has(key) });
    }
    return readings.sort((a, b) => (a.seriesNumber ?? Infinity) - (b.seriesNumber ?? Infinity) || (a.seriesInstanceUid < b.seriesInstanceUid ? -1 : 1));
  }

  private state(): ReadState {
    return { headers: this.results.headers, probeSeries: this.probeSeries, unfinishedFolders: this.unfinished, allDone: this.finished };
  }

  private fileDone(index: number): void {
    this.filesDone++;
    const folder = folderOf(this.sources[index]!.name);
    const left = (this.unread.get(folder) ?? 1) - 1;
    this.unread.set(folder, left);
    if (left === 0) {
      this.unfinished.delete(folder);
      // after the last file the final tree follows at once: no provisional one
      if (this.filesDone < this.sources.length) this.scheduleEmit();
    }
    this.handlers.onProgress(this.progress);
  }

  private scheduleEmit(): void {
    if (this.timer !== null || this.emittedComplete < 0) return; // the first tree goes after the first files
    const waitMs = this.emittedComplete === 0 ? 0 : this.lastEmitAtMs + this.intervalMs - performance.now();
    if (waitMs <= 0) this.emit();
    else this.timer = setTimeout(() => this.emit(), waitMs);
  }

  /** Sends the provisional tree when more series are complete than last time. */
  private emit(): void {
    this.timer = null;
    if (this.finished) return;
    const complete = completeSeries(this.state());
    if (complete.size <= this.emittedComplete) return;
    this.emittedComplete = complete.size;
    this.lastEmitAtMs = performance.now();
    const tree = provisionalTree(this.results.headers, complete);
    if (tree.patients.length > 0) this.handlers.onProvisional(tree);
  }
}
