/**
 * A mask drawn on one series, made available on the grid of any other series through patient
 * coordinates (geometry/map-mask: each target voxel takes the source voxel containing its centre),
 * never by index. Each distinct grid is mapped once per lesion; the drawing grid itself is free.
 */
import { mapMaskToGrid } from '../geometry/map-mask';
import { sameGrid, type IjkBox } from '../kernels';
import type { Direction3, GridGeometry, Mask3D, Vec3 } from '../types/volume';

export interface MaskOnGrid {
  mask: Mask3D;
  /** Bounding box of the mask on that grid; null when nothing of it falls on the grid. */
  box: IjkBox | null;
  /** False when the grid is the drawing grid (the mask as drawn). */
  mapped: boolean;
}

export type MaskMapper = (grid: GridGeometry) => MaskOnGrid;

export function maskMapper(source: Mask3D, sourceBox: IjkBox | null): MaskMapper {
  const cache: { grid: GridGeometry; result: MaskOnGrid }[] = [];
  return (grid) => {
    if (sameGrid(source, grid)) return { mask: source, box: sourceBox, mapped: false };
    const hit = cache.find((c) => sameGrid(c.grid, grid));
    if (hit) return hit.result;
    let result: MaskOnGrid;
    if (sourceBox === null) {
      // Nothing to map: an empty mask of the target's shape (no scan of the source).
      result = { mask: { ...copyGeometry(grid), data: new Uint8Array(grid.dims[0] * grid.dims[1] * grid.dims[2]) }, box: null, mapped: true };
    } else {
      const m = mapMaskToGrid({ source, target: grid, sourceBox });
      result = { mask: m.mask, box: m.box, mapped: true };
    }
    cache.push({ grid, result });
    return result;
  };
}

export function copyGeometry(g: GridGeometry): GridGeometry {
  return { dims: [...g.dims] as Vec3, spacingMm: [...g.spacingMm] as Vec3, originLps: [...g.originLps] as Vec3, direction: [...g.direction] as Direction3 };
}
