import { groupInstances } from './group';
import type { InstanceHeader, SeriesVolume, StudyTree } from './model';
import { classifyStudy } from './tree';

/**
 * Pure pieces of progressive loading: in which order to read the files (folder by folder, the
 * folders the reading room needs first), which series are known to be complete while files are
 * still being read, and the provisional tree of those series. PACS exports, DICOMDIR layouts and
 * the phantom put one series per folder; a folder found to hold several series turns the folder
 * evidence off, and then only the end of reading says a series is complete.
 */

/** Folder part of a source name ('a/b/IM1.dcm' -> 'a/b'; '' at the top). */
export function folderOf(name: string): string {
  const at = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
  return at < 0 ? '' : name.slice(0, at);
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
/** Natural order: IM2 before IM10, 0007_t1 before 0010_t1. */
export const compareNatural = (a: string, b: string): number => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);

export interface FolderPlan {
  folder: string;
  /** Indices into the source list, in natural order of their names. */
  files: number[];
}

/** Sources grouped by folder: folders and the files in each in natural order. */
export function planFolders(names: readonly string[]): FolderPlan[] {
  const byFolder = new Map<string, number[]>();
  names.forEach((name, i) => {
    const folder = folderOf(name);
    const list = byFolder.get(folder);
    if (list) list.push(i);
    else byFolder.set(folder, [i]);
  });
  return [...byFolder.entries()]
    .sort(([a], [b]) => compareNatural(a, b))
    .map(([folder, files]) => ({ folder, files: [...files].sort((x, y) => compareNatural(names[x]!, names[y]!)) }));
}

/**
 * Folders by rank (lower first: e.g. the order the reading room fills its viewports), unranked
 * folders last; ties keep the natural order.
 */
export function orderFolders(plans: readonly FolderPlan[], rankOf: (folder: string) => number | undefined): FolderPlan[] {
  const rank = (p: FolderPlan): number => rankOf(p.folder) ?? Number.POSITIVE_INFINITY;
  return plans
    .map((plan, i) => ({ plan, i }))
    .sort((a, b) => rank(a.plan) - rank(b.plan) || a.i - b.i)
    .map(({ plan }) => plan);
}

/** The series a header belongs to, with the same key grouping uses (a file without a series UID is its own series). */
export const seriesKeyOf = (h: Pick<InstanceHeader, 'seriesInstanceUid' | 'fileName'>): string => h.seriesInstanceUid || `file:${h.fileName}`;

/** The series key of a volume (all b-value / temporal parts of a series share it). */
export const volumeSeriesKey = (v: SeriesVolume): string => seriesKeyOf({ seriesInstanceUid: v.seriesInstanceUid, fileName: v.header.fileName });

export interface ReadState {
  /** Headers parsed so far. */
  headers: readonly InstanceHeader[];
  /** Series of the first file of each folder (read before the rest), by folder. */
  probeSeries: ReadonlyMap<string, string>;
  /** Folders with files still unread (or in flight). */
  unfinishedFolders: ReadonlySet<string>;
  /** Every source has been read (parsed or rejected). */
  allDone: boolean;
}

/** Whether every folder read so far holds one series: the condition for trusting folder completeness. */
export function oneSeriesPerFolder(headers: readonly InstanceHeader[]): boolean {
  const seriesOfFolder = new Map<string, string>();
  for (const h of headers) {
    const folder = folderOf(h.fileName);
    const key = seriesKeyOf(h);
    const seen = seriesOfFolder.get(folder);
    if (seen === undefined) seriesOfFolder.set(folder, key);
    else if (seen !== key) return false;
  }
  return true;
}

/** Folders known to hold each series: where its headers were read, and where it was the folder's first file. */
function foldersBySeries(state: ReadState): Map<string, Set<string>> {
  const folders = new Map<string, Set<string>>();
  const add = (key: string, folder: string) => {
    const set = folders.get(key);
    if (set) set.add(folder);
    else folders.set(key, new Set([folder]));
  };
  for (const [folder, key] of state.probeSeries) add(key, folder);
  for (const h of state.headers) add(seriesKeyOf(h), folderOf(h.fileName));
  return folders;
}

/**
 * Series known to be complete: all of them once every file is read; before that, a series every
 * folder of which is finished, as long as no folder read so far mixes series.
 */
export function completeSeries(state: ReadState): Set<string> {
  const folders = foldersBySeries(state);
  if (state.allDone) return new Set(folders.keys());
  if (!oneSeriesPerFolder(state.headers)) return new Set();
  const read = new Set(state.headers.map(seriesKeyOf));
  const complete = new Set<string>();
  for (const [key, set] of folders) if (read.has(key) && [...set].every((f) => !state.unfinishedFolders.has(f))) complete.add(key);
  return complete;
}

/** Headers read and the files that may still add to it (the unread files of its folders), per series. */
export function headerProgress(state: ReadState, unreadInFolder: (folder: string) => number): Map<string, { read: number; total: number }> {
  const read = new Map<string, number>();
  for (const h of state.headers) read.set(seriesKeyOf(h), (read.get(seriesKeyOf(h)) ?? 0) + 1);
  const progress = new Map<string, { read: number; total: number }>();
  for (const [key, folders] of foldersBySeries(state)) {
    const n = read.get(key) ?? 0;
    let unread = 0;
    for (const f of folders) if (state.unfinishedFolders.has(f)) unread += unreadInFolder(f);
    progress.set(key, { read: n, total: n + unread });
  }
  return progress;
}

/**
 * The tree the reading room shows while files are still being read: every study (time point)
 * seen so far, each classified with all its series seen so far (so the phase rules compare the
 * same series they will at the end), keeping only the volumes of complete series.
 */
export function provisionalTree(headers: readonly InstanceHeader[], complete: ReadonlySet<string>): StudyTree {
  const { patients } = groupInstances(headers);
  return {
    patients: patients.map((p) => ({
      ...p,
      studies: p.studies.map(classifyStudy).map((s) => ({ ...s, series: s.series.filter((v) => complete.has(volumeSeriesKey(v))) })),
    })),
    errors: [],
  };
}
