import { cache } from '@cornerstonejs/core';
import { wadouri } from '@cornerstonejs/dicom-image-loader';
// Core's own (exact-pinned) metadata package: the only way to drop the parsed files it keeps.
import { Enums as MetadataEnums, utilities as metadataUtilities } from '@cornerstonejs/metadata';
import type { SeriesVolume } from '../core/dicom/model';

import { decodeAsFloat, forgetFloatDecode, rescaleNeedsFloat } from './exact-rescale';
import type { FileLocator } from './file-location';

export type { FileLocation, FileLocator } from './file-location';

/**
 * Image ids for our volumes, in our frame order (sorted along the normal by ingest; Cornerstone
 * must never re-sort them). One registration per file, so every frame of a multi-frame file shares
 * Cornerstone's parsed copy; frames of a multi-frame file get `?frame=<1-based>`.
 */
export class ImageIdRegistry {
  private readonly baseByFile = new Map<string, string>();
  private readonly fileByImageId = new Map<string, string>();
  private readonly fileIndices: number[] = [];

  constructor(private readonly locate: FileLocator) {}

  imageIdsFor(volume: SeriesVolume): string[] {
    const framesPerFile = new Map<string, number>();
    for (const f of volume.frames) framesPerFile.set(f.fileName, (framesPerFile.get(f.fileName) ?? 0) + 1);
    return volume.frames.map((frame) => {
      const base = this.baseFor(frame.fileName);
      const multiFrame = frame.frameIndex > 0 || (framesPerFile.get(frame.fileName) ?? 0) > 1;
      const imageId = multiFrame ? `${base}?frame=${frame.frameIndex + 1}` : base;
      this.fileByImageId.set(imageId, frame.fileName);
      if (rescaleNeedsFloat(frame.rescaleSlope, frame.rescaleIntercept)) decodeAsFloat(imageId, frame.rescaleSlope, frame.rescaleIntercept);
      return imageId;
    });
  }

  /** The file (as the user named it) an image id reads, for error reports. */
  fileNameOf(imageId: string): string | undefined {
    return this.fileByImageId.get(imageId);
  }

  private baseFor(fileName: string): string {
    const known = this.baseByFile.get(fileName);
    if (known !== undefined) return known;
    const location = this.locate(fileName);
    if (location === null) throw new Error(`no source for ${fileName}`);
    let base: string;
    if (location.kind === 'blob') {
      base = wadouri.fileManager.add(location.blob);
      this.fileIndices.push(Number(base.slice('dicomfile:'.length)));
    } else {
      base = `wadouri:${location.url}`;
    }
    this.baseByFile.set(fileName, base);
    return base;
  }

  /** Every image id handed out so far. */
  imageIds(): string[] {
    return [...this.fileByImageId.keys()];
  }

  /**
   * Drops what Cornerstone keeps for our files: decoded images in its cache, and the whole parsed
   * file (pixel data included) that the loader stores as NATURALIZED metadata and never releases
   * by itself; without this every study opened in a session would stay in memory.
   */
  release(): void {
    for (const imageId of this.fileByImageId.keys()) {
      if (cache.getImageLoadObject(imageId)) cache.removeImageLoadObject(imageId, { force: true });
      forgetFloatDecode(imageId);
    }
    for (const base of this.baseByFile.values()) metadataUtilities.clearTypedCacheData(MetadataEnums.MetadataModules.NATURALIZED, base);
    for (const index of this.fileIndices) wadouri.fileManager.remove(index);
    this.fileByImageId.clear();
    this.baseByFile.clear();
    this.fileIndices.length = 0;
  }
}
