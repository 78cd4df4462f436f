import { Enums, eventTarget, imageLoader } from '@cornerstonejs/core';
import { outwardOrder } from './prefetch-order';

/** Progress of one volume's images in Cornerstone's cache. */
export interface VolumeProgress {
  loaded: number;
  failed: number;
  total: number;
}

export interface LoadFailure {
  imageId: string;
  message: string;
}

/**
 * Background loading of whole stacks after their first image is on screen, so scrolling never
 * waits. A few requests at a time (our own queue: Cornerstone's shared pool allows 1000 prefetch
 * requests at once, which would read every file of the study at the same moment). Progress per
 * volume counts every image that reaches the cache, whoever asked for it (viewport or prefetch).
 */
export class StackLoader {
  private readonly queue: string[] = [];
  private readonly queued = new Set<string>();
  private readonly volumeOf = new Map<string, string>();
  private readonly progress = new Map<string, VolumeProgress>();
  private readonly done = new Set<string>();
  private readonly failed = new Set<string>();
  private inFlight = 0;
  private stopped = false;
  private readonly onLoaded = (e: Event) => this.record((e as CustomEvent).detail?.image?.imageId, null);
  private readonly onFailed = (e: Event) => {
    const d = (e as CustomEvent).detail;
    this.record(d?.imageId, d?.error ?? 'failed');
  };

  constructor(
    private readonly onProgress: (volumeId: string, p: VolumeProgress) => void,
    private readonly onFailure: (f: LoadFailure) => void,
    private readonly concurrency = 4,
  ) {
    eventTarget.addEventListener(Enums.Events.IMAGE_LOADED, this.onLoaded);
    eventTarget.addEventListener(Enums.Events.IMAGE_LOAD_FAILED, this.onFailed);
  }

  /** Registers a volume's images (so progress can be counted) without loading them. */
  track(volumeId: string, imageIds: readonly string[]): void {
    if (this.progress.has(volumeId)) return;
    for (const id of imageIds) this.volumeOf.set(id, volumeId);
    this.progress.set(volumeId, { loaded: 0, failed: 0, total: imageIds.length });
    this.onProgress(volumeId, this.progress.get(volumeId)!);
  }

  progressOf(volumeId: string): VolumeProgress | undefined {
    return this.progress.get(volumeId);
  }

  hasFailed(imageId: string): boolean {
    return this.failed.has(imageId);
  }

  /** Queues a stack from `startIndex` outwards (the images next to the one on screen come first). */
  enqueue(imageIds: readonly string[], startIndex: number): void {
    for (const i of outwardOrder(imageIds.length, startIndex)) {
      const id = imageIds[i]!;
      if (this.queued.has(id) || this.done.has(id)) continue;
      this.queued.add(id);
      this.queue.push(id);
    }
    this.pump();
  }

  stop(): void {
    this.stopped = true;
    this.queue.length = 0;
    eventTarget.removeEventListener(Enums.Events.IMAGE_LOADED, this.onLoaded);
    eventTarget.removeEventListener(Enums.Events.IMAGE_LOAD_FAILED, this.onFailed);
  }

  private pump(): void {
    while (!this.stopped && this.inFlight < this.concurrency && this.queue.length > 0) {
      const id = this.queue.shift()!;
      if (this.done.has(id)) continue;
      this.inFlight++;
      imageLoader
        .loadAndCacheImage(id, { priority: 0, requestType: Enums.RequestType.Prefetch })
        .then(
          () => this.record(id, null),
          (error: unknown) => this.record(id, error),
        )
        .finally(() => {
          this.inFlight--;
          this.pump();
        });
    }
  }

  private record(imageId: string | undefined, error: unknown): void {
    if (imageId === undefined || this.done.has(imageId)) return;
    const volumeId = this.volumeOf.get(imageId);
    if (volumeId === undefined) return;
    this.done.add(imageId);
    const p = this.progress.get(volumeId)!;
    if (error === null) p.loaded++;
    else {
      p.failed++;
      this.failed.add(imageId);
      this.onFailure({ imageId, message: describeLoadError(error) });
    }
    this.onProgress(volumeId, p);
  }
}

function describeLoadError(error: unknown): string {
  const e = (error as { error?: unknown })?.error ?? error;
  if (e instanceof Error) return e.message;
  if (typeof e === 'string') return e;
  return 'the image could not be decoded';
}
