import { init as initCore, isCornerstoneInitialized } from '@cornerstonejs/core';
import { init as initImageLoader } from '@cornerstonejs/dicom-image-loader';
import { init as initTools } from '@cornerstonejs/tools';

/**
 * Process-wide Cornerstone set-up, done once. A host viewer that already initialised Cornerstone
 * keeps its own set-up: re-running the image loader's init would purge the host's image cache
 * (registerLoaders calls cache.purgeCache()), so it only runs when this plugin initialised core.
 */
let initialisedHere = false;

export interface InitOptions {
  /**
   * Decode workers. Pixel decoding of uncompressed MR is cheap and header naturalising runs on the
   * main thread anyway, so one worker per two cores leaves a core for rendering and parsing.
   */
  maxWebWorkers?: number;
}

export function reasonableDecodeWorkers(): number {
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
  return Math.max(1, Math.min(4, Math.floor(cores / 2)));
}

export function ensureCornerstone(options: InitOptions = {}): void {
  if (initialisedHere) return;
  if (isCornerstoneInitialized()) {
    // The host owns core, the image loader and tools; tools' init is idempotent and harmless.
    initTools();
    initialisedHere = true;
    return;
  }
  initCore();
  initImageLoader({ maxWebWorkers: options.maxWebWorkers ?? reasonableDecodeWorkers() });
  initTools();
  initialisedHere = true;
}
