import type { FileLocation } from '../viewer/file-location';

/** A file to load, from the file picker, a dropped folder, or the demo study served over HTTP. */
export interface FileSource {
  /** Name shown to the user in errors: the relative path when known. */
  name: string;
  read(): Promise<Uint8Array>;
  /**
   * Where the viewer reads the file again when it needs its pixels: the File itself (the browser
   * keeps it on disk), its URL, or (from a PACS) the file retrieved when it was read. Asked only
   * after read(); may be a getter.
   */
  readonly location: FileLocation;
}

export function sourcesFromFiles(files: Iterable<File>): FileSource[] {
  // Names identify files everywhere after parsing (errors, pixels, voxels): picked files from several
  // folders can share one (IM0001.dcm), so repeats get a counter.
  const seen = new Map<string, number>();
  return [...files].map((file) => {
    const base = file.webkitRelativePath || file.name;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return {
      name: n === 1 ? base : `${base} (${n})`,
      read: async () => new Uint8Array(await file.arrayBuffer()),
      location: { kind: 'blob', blob: file } as FileLocation,
    };
  });
}

/** Finds a source by the file name ingest recorded (the source's name). */
export function locatorFor(sources: readonly FileSource[]): (fileName: string) => FileLocation | null {
  const byName = new Map(sources.map((s) => [s.name, s]));
  return (fileName) => {
    try {
      return byName.get(fileName)?.location ?? null;
    } catch {
      // A source whose file is not there yet (a PACS instance never read): the viewer reports it missing.
      return null;
    }
  };
}

/** Files of a drop, walking dropped folders recursively. */
export async function sourcesFromDrop(items: DataTransferItemList): Promise<FileSource[]> {
  const entries = [...items].map((item) => item.webkitGetAsEntry()).filter((e): e is FileSystemEntry => e !== null);
  const files: File[] = [];
  for (const entry of entries) await collect(entry, files);
  return sourcesFromFiles(files);
}

async function collect(entry: FileSystemEntry, out: File[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    // keep the folder path so errors name the file the way the user sees it
    Object.defineProperty(file, 'webkitRelativePath', { value: entry.fullPath.replace(/^\//, '') });
    out.push(file);
    return;
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  for (;;) {
    // readEntries returns at most ~100 entries per call: call until it returns none
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    for (const child of batch) await collect(child, out);
  }
}

/** The part of the phantom's manifest.json the viewer reads: every file of every series, per time point. */
interface StudyManifest {
  timePoints: { series: { files: string[] }[]; segs?: string[] }[];
}

/** The DICOM SEG files a served study lists (the demo's lesions), read now: they are small. */
export async function segFilesFromManifest(baseUrl: string): Promise<Array<{ name: string; bytes: Uint8Array }>> {
  const response = await fetch(new URL('manifest.json', baseUrl));
  if (!response.ok) throw new Error(`no study at ${baseUrl}: manifest.json answered HTTP ${response.status}`);
  const manifest = (await response.json()) as StudyManifest;
  const paths = manifest.timePoints.flatMap((tp) => tp.segs ?? []);
  return Promise.all(
    paths.map(async (path) => {
      const r = await fetch(new URL(path, baseUrl));
      if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
      return { name: path, bytes: new Uint8Array(await r.arrayBuffer()) };
    }),
  );
}

/** Files of a study served with a manifest.json listing paths relative to `baseUrl`. */
export async function sourcesFromManifest(baseUrl: string): Promise<FileSource[]> {
  const response = await fetch(new URL('manifest.json', baseUrl));
  if (!response.ok) throw new Error(`no study at ${baseUrl}: manifest.json answered HTTP ${response.status}`);
  const manifest = (await response.json()) as StudyManifest;
  const paths = manifest.timePoints.flatMap((tp) => tp.series.flatMap((s) => s.files));
  return paths.map((path) => {
    const url = new URL(path, baseUrl).href;
    return {
      name: path,
      read: async () => {
        const r = await fetch(url);
        if (!r.ok) throw new Error(`HTTP ${r.status}`);
        return new Uint8Array(await r.arrayBuffer());
      },
      location: { kind: 'url', url },
    };
  });
}

/**
 * Test-only (`?readDelayMs=<n>`, ignored unless given): every read waits n ms first, so the e2e
 * suite can watch a small study load progressively on a fast machine. Never used otherwise.
 */
export function withReadDelay(sources: readonly FileSource[], delayMs: number): FileSource[] {
  return sources.map((s) => ({
    name: s.name,
    read: () => new Promise<void>((resolve) => setTimeout(resolve, delayMs)).then(() => s.read()),
    get location() {
      return s.location;
    },
  }));
}
