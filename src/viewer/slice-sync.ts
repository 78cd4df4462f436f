import type { Vec3 } from '../core/types/volume';
import { mapThroughAnchors, nearestSlice, projectOntoSlice, type SliceStack } from './slice-geometry';

/** What slice sync needs of a viewport (pure interface: unit-tested without Cornerstone). */
export interface SyncViewport {
  key: string;
  /** Time point row: one study, one patient position (one scanner coordinate system). */
  row: number;
  stack: SliceStack | null;
  /** Image the viewport shows or is loading. */
  targetIndex: number;
  setIndex(index: number): void;
  /**
   * Present when the viewport shows a reformatted plane through a volume: it moves its plane to
   * the point itself (no image index); returns whether it moved.
   */
  moveTo?: ((pointLps: Vec3) => boolean) | undefined;
}

/** A point in one time point's patient coordinates (LPS mm). */
export interface RowPoint {
  row: number;
  pointLps: Vec3;
}

/**
 * Slice synchronisation through patient coordinates, never slice indices: a scrolled viewport moves
 * every other viewport of its time point to the image nearest the same anatomical point, whatever
 * the grids (DWI slices are thicker than T1). Within a time point all series share the patient
 * position of one session, so LPS is common even when a scanner issues one FrameOfReferenceUID per
 * series. Between time points LPS is not common (the patient lies differently): points map through
 * the user's anchors (the same lesion clicked in each row), a translation; rows without an anchor
 * stay where they are.
 */
export class SliceSync {
  enabled = true;
  /** The reference point (crosshair): where the user last pointed or scrolled to. */
  reference: RowPoint | null = null;
  private readonly anchors = new Map<number, Vec3>();

  constructor(private readonly viewports: () => readonly SyncViewport[]) {}

  setAnchor(row: number, pointLps: Vec3): void {
    this.anchors.set(row, pointLps);
  }

  clearAnchors(): void {
    this.anchors.clear();
  }

  anchorOf(row: number): Vec3 | null {
    return this.anchors.get(row) ?? null;
  }

  anchoredRows(): number[] {
    return [...this.anchors.keys()].sort((a, b) => a - b);
  }

  /** The reference point in another row's coordinates (null when the rows are not linked by anchors). */
  pointInRow(point: RowPoint, row: number): Vec3 | null {
    if (point.row === row) return point.pointLps;
    return mapThroughAnchors(point.pointLps, this.anchorOf(point.row), this.anchorOf(row));
  }

  /** The user pointed at a patient point in a viewport: it becomes the reference point. */
  pointAt(row: number, pointLps: Vec3): void {
    this.reference = { row, pointLps };
  }

  /**
   * The user moved `source` to image `index`: the reference point moves along the normal onto that
   * image (keeping where in the plane the user looked), and every linked viewport follows it.
   * Returns the keys of the viewports that were moved.
   */
  follow(source: SyncViewport, index: number): string[] {
    const stack = source.stack;
    if (!stack) return [];
    const previous = this.reference ? this.pointInRow(this.reference, source.row) : null;
    const onSlice = previous ? projectOntoSlice(stack, index, previous) : null;
    const point = onSlice ?? stack.centresLps[index] ?? null;
    if (!point) return [];
    this.reference = { row: source.row, pointLps: point };
    return this.enabled ? this.moveOthersTo(this.reference, source.key) : [];
  }

  /**
   * The user moved a reformatted viewport to the plane through `planePointLps` with normal `normal`:
   * the reference point moves onto that plane and the linked viewports follow.
   */
  followPlane(source: SyncViewport, normal: Vec3, planePointLps: Vec3): string[] {
    const previous = this.reference ? this.pointInRow(this.reference, source.row) : null;
    let point = planePointLps;
    if (previous) {
      const d = (previous[0] - planePointLps[0]) * normal[0] + (previous[1] - planePointLps[1]) * normal[1] + (previous[2] - planePointLps[2]) * normal[2];
      point = [previous[0] - d * normal[0], previous[1] - d * normal[1], previous[2] - d * normal[2]];
    }
    this.reference = { row: source.row, pointLps: point };
    return this.enabled ? this.moveOthersTo(this.reference, source.key) : [];
  }

  /** Moves every viewport except `exceptKey` to the image (or plane) nearest the reference point. */
  moveOthersTo(reference: RowPoint, exceptKey: string | null = null): string[] {
    return this.moveWhere(reference, (target) => target.key !== exceptKey);
  }

  /** Moves the viewports of one row (time point) only, to the image (or plane) nearest a point of that row. */
  moveRowTo(row: number, pointLps: Vec3): string[] {
    return this.moveWhere({ row, pointLps }, (target) => target.row === row);
  }

  private moveWhere(reference: RowPoint, include: (target: SyncViewport) => boolean): string[] {
    const moved: string[] = [];
    for (const target of this.viewports()) {
      if (!include(target)) continue;
      const p = this.pointInRow(reference, target.row);
      if (!p) continue;
      if (target.moveTo) {
        if (target.moveTo(p)) moved.push(target.key);
        continue;
      }
      if (!target.stack) continue;
      const nearest = nearestSlice(target.stack, p);
      if (nearest && nearest.index !== target.targetIndex) {
        target.setIndex(nearest.index);
        moved.push(target.key);
      }
    }
    return moved;
  }
}
