import {
  cache, Enums, imageLoader, utilities as csUtilities, volumeLoader,
  type RenderingEngine, type StackViewport, type Types, type VolumeViewport,
} from '@cornerstonejs/core';
import type { SeriesVolume } from '../core/dicom/model';
import { gridAffine, ijkToLps, lpsToIjk } from '../core/geometry/affine';
import type { Vec3 } from '../core/types/volume';
import type { CellDom } from './grid-view';
import type { ViewColumnId } from './hanging';
import { nearestSlice, sliceStackOf, type SliceStack } from './slice-geometry';
import { planeOfStack, spacingAlongNormal, type ViewPlane } from './view-plane';

/** Acquired = the images as scanned (a stack); coronal/sagittal = reformatted through a volume. */
export type Orientation = 'acquired' | 'coronal' | 'sagittal';
export const ORIENTATIONS: readonly Orientation[] = ['acquired', 'coronal', 'sagittal'];

const BLACK: Types.Point3 = [0, 0, 0];

/**
 * One viewport of the hanging. By default a Cornerstone stack viewport showing our images in our
 * order (sorted along the normal by ingest); reformatted, an orthographic volume viewport over the
 * same images (built from the cached images, so no second copy of the pixels).
 */
export class ViewportCell {
  readonly viewportId: string;
  volume: SeriesVolume | null = null;
  /** The volume the hanging gave this viewport, set before it starts loading (load status waits for it). */
  assignedVolumeId: string | null = null;
  imageIds: string[] = [];
  /** Positions of the acquired images (also used to come back from a reformat at the same place). */
  stack: SliceStack | null = null;
  orientation: Orientation = 'acquired';
  /** Renders since the current series (or orientation) was put up: 0 until it is on screen. */
  renderCount = 0;
  /** performance.now() of the first render of the current volume (for load timing). */
  firstRenderAtMs: number | null = null;
  /** Set while reformatted: slice sync moves the plane to a point instead of picking an image. */
  moveTo: ((pointLps: Vec3) => boolean) | undefined = undefined;
  private listeners: [string, EventListener][] = [];
  private reformatVolumeId: string | null = null;

  constructor(
    readonly key: string,
    readonly row: number,
    readonly column: ViewColumnId,
    readonly dom: CellDom,
    private readonly engine: RenderingEngine,
    idPrefix: string,
    /** Called after the Cornerstone viewport was (re)created, so the tool group can take it. */
    private readonly onViewportCreated: (viewportId: string) => void,
  ) {
    this.viewportId = `${idPrefix}-${key}`;
    this.enable(Enums.ViewportType.STACK);
  }

  get viewport(): StackViewport | VolumeViewport {
    return this.engine.getViewport(this.viewportId) as StackViewport | VolumeViewport;
  }

  private get stackViewport(): StackViewport | null {
    return this.orientation === 'acquired' ? (this.viewport as StackViewport) : null;
  }

  private enable(type: Enums.ViewportType, orientation?: Enums.OrientationAxis): void {
    this.engine.enableElement({
      viewportId: this.viewportId,
      type,
      element: this.dom.element,
      defaultOptions: orientation ? { background: BLACK, orientation } : { background: BLACK },
    });
    this.onViewportCreated(this.viewportId);
  }

  /** Adds a listener on this viewport's element (Cornerstone events bubble there), removed by destroy(). */
  on(type: string, listener: EventListener): void {
    this.dom.element.addEventListener(type, listener);
    this.listeners.push([type, listener]);
  }

  /** Shows a volume (or nothing) as acquired, starting at `initialIndex`; resolves when its first image is displayed. */
  async show(volume: SeriesVolume | null, imageIds: string[], initialIndex: number): Promise<void> {
    if (this.orientation !== 'acquired') this.leaveReformat();
    this.volume = volume;
    this.imageIds = imageIds;
    this.stack = volume ? sliceStackOf(volume) : null;
    this.renderCount = 0;
    this.firstRenderAtMs = null;
    this.dom.empty.hidden = volume !== null;
    this.dom.root.dataset['phase'] = volume?.classification.phase ?? '';
    this.dom.root.dataset['volumeId'] = volume?.id ?? '';
    if (!volume || imageIds.length === 0) return;
    // setStack keeps the array we pass: a copy, so nothing Cornerstone does can reorder ours.
    await (this.viewport as StackViewport).setStack([...imageIds], clampIndex(initialIndex, imageIds.length));
  }

  /**
   * Switches between the acquired images and a coronal/sagittal reformat, keeping the anatomical
   * position (`pointLps`) and the window. The reformat needs every image of the series in the cache.
   */
  async setOrientation(orientation: Orientation, pointLps: Vec3 | null): Promise<void> {
    if (orientation === this.orientation || !this.volume) return;
    const voiRange = this.voiRange;
    this.renderCount = 0;
    if (orientation === 'acquired') {
      this.leaveReformat();
      const index = pointLps && this.stack ? (nearestSlice(this.stack, pointLps)?.index ?? 0) : Math.floor(this.imageIds.length / 2);
      await (this.viewport as StackViewport).setStack([...this.imageIds], index);
    } else if (this.orientation !== 'acquired') {
      // already a volume viewport: only the plane changes
      const viewport = this.viewport as VolumeViewport;
      viewport.setOrientation(axisOf(orientation));
      if (pointLps) viewport.jumpToWorld(this.onVoxelPlane(pointLps));
    } else {
      await Promise.all(this.imageIds.map((id) => imageLoader.loadAndCacheImage(id, { priority: -5, requestType: Enums.RequestType.Interaction })));
      const volumeId = `cornerstoneStreamingImageVolume:${this.viewportId}:${this.volume.id}`;
      // A copy of our ids: Cornerstone may sort (and reverse) the array it is given. The streaming
      // volume takes the images already in the cache.
      const volume = await volumeLoader.createAndCacheVolume(volumeId, { imageIds: [...this.imageIds] });
      (volume as Types.IStreamingImageVolume).load();
      this.engine.disableElement(this.viewportId);
      this.enable(Enums.ViewportType.ORTHOGRAPHIC, axisOf(orientation));
      this.reformatVolumeId = volumeId;
      const viewport = this.viewport as VolumeViewport;
      await viewport.setVolumes([{ volumeId }]);
      if (pointLps) viewport.jumpToWorld(this.onVoxelPlane(pointLps));
      this.moveTo = (p) => viewport.jumpToWorld(this.onVoxelPlane(p));
    }
    this.orientation = orientation;
    this.dom.root.dataset['orientation'] = orientation;
    if (voiRange) this.setVoiRange(voiRange);
    this.viewport.render();
  }

  /**
   * The nearest voxel centre of the series: a reformatted plane through it shows voxels, not a
   * plane interpolated between two of them, and steps of the scroll then land on whole voxels
   * (as an acquired viewport shows the nearest image). jumpToWorld moves only along the normal.
   */
  private onVoxelPlane(pointLps: Vec3): Types.Point3 {
    const grid = this.volume?.geometry;
    if (!grid) return [...pointLps] as Types.Point3;
    const affine = gridAffine(grid);
    const [i, j, k] = lpsToIjk(affine, ...pointLps);
    return [...ijkToLps(affine, Math.round(i), Math.round(j), Math.round(k))] as Types.Point3;
  }

  /** Back to a stack viewport; the reformat's volume leaves the cache (its images stay). */
  private leaveReformat(): void {
    this.engine.disableElement(this.viewportId);
    this.enable(Enums.ViewportType.STACK);
    if (this.reformatVolumeId) cache.removeVolumeLoadObject(this.reformatVolumeId);
    this.reformatVolumeId = null;
    this.moveTo = undefined;
    this.orientation = 'acquired';
    this.dom.root.dataset['orientation'] = 'acquired';
  }

  /**
   * True when the viewport draws an image of its current series: Cornerstone also renders empty
   * viewports (on enable, on resize), which must not count as the series being on screen.
   */
  showsCurrentSeries(): boolean {
    if (!this.volume) return false;
    if (this.orientation !== 'acquired') return (this.viewport as VolumeViewport).getActors().length > 0;
    const image = (this.viewport as StackViewport).getCornerstoneImage();
    return image !== undefined && image !== null && this.imageIds.includes(image.imageId);
  }

  // Stack and volume viewports spell their display properties differently (a volume viewport's
  // second setProperties argument is a volume id): these hide the difference.

  get voiRange(): Types.VOIRange | undefined {
    if (!this.volume || this.renderCount === 0) return undefined;
    return this.viewport.getProperties()?.voiRange;
  }

  setVoiRange(voiRange: Types.VOIRange, suppressEvents = false): void {
    if (this.orientation === 'acquired') (this.viewport as StackViewport).setProperties({ voiRange }, suppressEvents);
    else (this.viewport as VolumeViewport).setProperties({ voiRange }, undefined, suppressEvents);
  }

  get invert(): boolean {
    return this.volume !== null && this.renderCount > 0 && Boolean(this.viewport.getProperties()?.invert);
  }

  setInvert(invert: boolean): void {
    if (this.orientation === 'acquired') (this.viewport as StackViewport).setProperties({ invert });
    else (this.viewport as VolumeViewport).setProperties({ invert });
  }

  /** Index of the acquired image on screen (-1 when reformatted or empty). */
  get displayedIndex(): number {
    return this.volume && this.stackViewport ? this.stackViewport.getCurrentImageIdIndex() : -1;
  }

  /** Acquired image the viewport is moving to (equals displayedIndex once loaded). */
  get targetIndex(): number {
    return this.volume && this.stackViewport ? this.stackViewport.getTargetImageIdIndex() : -1;
  }

  setIndex(index: number): void {
    const stack = this.stackViewport;
    if (!this.volume || !stack) return;
    const i = clampIndex(index, this.imageIds.length);
    if (i !== this.targetIndex) void stack.setImageIdIndex(i);
  }

  /** Scrolls by whole images or reformatted planes (keys), as the mouse wheel does. */
  scrollBy(delta: number): void {
    if (!this.volume) return;
    csUtilities.scroll(this.viewport as Types.IViewport, { delta, debounceLoading: true });
  }

  /** The plane on screen: the acquired image, or the reformatted plane at the camera's focal point. */
  currentPlane(): ViewPlane | null {
    if (!this.volume || this.renderCount === 0) return null;
    if (this.orientation === 'acquired') return this.stack ? planeOfStack(this.stack, this.displayedIndex) : null;
    const viewport = this.viewport as VolumeViewport;
    const camera = viewport.getCamera();
    const normal = [...camera.viewPlaneNormal!] as Vec3;
    const point = [...camera.focalPoint!] as Vec3;
    return {
      normal,
      pointLps: point,
      offsetMm: normal[0] * point[0] + normal[1] * point[1] + normal[2] * point[2],
      spacingMm: this.volume.geometry ? spacingAlongNormal(this.volume.geometry, normal) : 1,
      index: viewport.getSliceIndex(),
      count: viewport.getNumberOfSlices(),
    };
  }

  /** Canvas (CSS px) of a patient point; Cornerstone's own projection, so overlays match the image. */
  worldToCanvas(pointLps: Vec3): [number, number] | null {
    if (!this.volume || this.renderCount === 0) return null;
    const [x, y] = this.viewport.worldToCanvas(pointLps as Types.Point3);
    return [x, y];
  }

  canvasToWorld(x: number, y: number): Vec3 | null {
    if (!this.volume || this.renderCount === 0) return null;
    return [...this.viewport.canvasToWorld([x, y])] as Vec3;
  }

  destroy(): void {
    for (const [type, listener] of this.listeners) this.dom.element.removeEventListener(type, listener);
    this.listeners = [];
    this.engine.disableElement(this.viewportId);
    if (this.reformatVolumeId) cache.removeVolumeLoadObject(this.reformatVolumeId);
  }
}

function axisOf(orientation: Exclude<Orientation, 'acquired'>): Enums.OrientationAxis {
  return orientation === 'coronal' ? Enums.OrientationAxis.CORONAL : Enums.OrientationAxis.SAGITTAL;
}

export function clampIndex(index: number, count: number): number {
  return Math.max(0, Math.min(count - 1, Math.round(index)));
}
