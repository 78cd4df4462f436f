import type { HccErrorInfo } from '../core/errors';
import type { SeriesVolume } from '../core/dicom/model';
import type { SlicedVolume } from '../core/measure/crop';
import type { Volume3D } from '../core/types/volume';
import { DisplayErrors } from './display-errors';
import { ImageIdRegistry, type FileLocator } from './image-ids';
import { StackLoader, type VolumeProgress } from './loading';
import { readSeriesVoxels, sliceSeriesVoxels } from './voxel-reader';

export interface RoomImagesEvents {
  /** Images reached Cornerstone's cache (progress to show). */
  progress(): void;
  /** The files that could not be decoded so far, one entry per file (named as the user gave it). */
  errors(list: HccErrorInfo[]): void;
  /** An image failed to decode (a viewport waiting for it may show another). */
  failed(imageId: string): void;
}

/**
 * The images of the study a reading room shows: image ids for its files, background loading of
 * whole stacks with progress per series, the files that failed to decode, and the voxels of a series
 * read back from Cornerstone for measuring. One study at a time: open() a new one, reset() drops
 * everything of the previous one (Cornerstone's copies included).
 */
export class RoomImages {
  private registry = new ImageIdRegistry(() => null);
  private stackLoader: StackLoader;
  private readonly decodeErrors = new DisplayErrors();

  constructor(private readonly events: RoomImagesEvents) {
    this.stackLoader = this.newLoader();
  }

  get loader(): StackLoader {
    return this.stackLoader;
  }

  /** A new study: its files are found through `locate`. */
  open(locate: FileLocator): void {
    this.registry = new ImageIdRegistry(locate);
  }

  /** Stops loading and forgets the study's images, Cornerstone's decoded and parsed copies, and decode errors. */
  reset(): void {
    this.stackLoader.stop();
    this.stackLoader = this.newLoader();
    this.registry.release();
    this.decodeErrors.clear();
  }

  /** For good (the room is destroyed): no listener stays. */
  stop(): void {
    this.stackLoader.stop();
  }

  imageIdsFor(volume: SeriesVolume): string[] {
    return this.registry.imageIdsFor(volume);
  }

  /** Every image id handed out for the open study. */
  imageIds(): string[] {
    return this.registry.imageIds();
  }

  progressOf(volumeId: string): VolumeProgress | undefined {
    return this.stackLoader.progressOf(volumeId);
  }

  /** A series' voxels as one Float32 volume (a copy; see voxel-reader.ts). */
  readVoxels(volume: SeriesVolume): Promise<Volume3D<Float32Array>> {
    return readSeriesVoxels(volume, this.imageIdsFor(volume), { fileNameOf: (id) => this.registry.fileNameOf(id) });
  }

  /** A series' voxels as slices of Cornerstone's own decoded arrays, without a copy (what measurements read). */
  sliceVoxels(volume: SeriesVolume): Promise<SlicedVolume> {
    return sliceSeriesVoxels(volume, this.imageIdsFor(volume), { fileNameOf: (id) => this.registry.fileNameOf(id) });
  }

  private newLoader(): StackLoader {
    return new StackLoader(
      () => this.events.progress(),
      (failure) => {
        const fileName = this.registry.fileNameOf(failure.imageId) ?? failure.imageId;
        if (this.decodeErrors.add(fileName, failure.message)) this.events.errors(this.decodeErrors.list());
        this.events.failed(failure.imageId);
      },
    );
  }
}
