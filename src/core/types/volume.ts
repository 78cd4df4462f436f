/** A 3-vector in patient coordinates (DICOM LPS, millimetres) or a voxel index triple. */
export type Vec3 = [number, number, number];

/** Row-major 3x3 direction cosines: [row(x) cosines, column(y) cosines, slice normal(z) cosines]. */
export type Direction3 = [number, number, number, number, number, number, number, number, number];

export type VoxelArray = Float32Array | Float64Array | Int16Array | Uint16Array | Int32Array | Uint32Array | Uint8Array | Int8Array;

/**
 * Geometry of a regular voxel grid in patient space.
 * Voxel (i, j, k) has its centre at originLps + i*spacingMm[0]*dir_x + j*spacingMm[1]*dir_y + k*spacingMm[2]*dir_z.
 * i runs along a row (columns of the image), j down the columns (rows of the image), k over slices.
 */
export interface GridGeometry {
  dims: Vec3;
  spacingMm: Vec3;
  /** Centre of voxel (0, 0, 0) in LPS mm. */
  originLps: Vec3;
  direction: Direction3;
}

/**
 * Plain, transferable image volume. `data` holds real values (rescale slope/intercept already applied),
 * indexed i + j*dims[0] + k*dims[0]*dims[1].
 */
export interface Volume3D<T extends VoxelArray = VoxelArray> extends GridGeometry {
  data: T;
}

/** A binary mask on a grid: 1 inside, 0 outside. Same indexing as Volume3D. */
export interface Mask3D extends GridGeometry {
  data: Uint8Array;
}

export function voxelCount(dims: Vec3): number {
  return dims[0] * dims[1] * dims[2];
}

/** Voxel volume in mL (1 mL = 1000 mm^3). */
export function voxelVolumeMl(spacingMm: Vec3): number {
  return (spacingMm[0] * spacingMm[1] * spacingMm[2]) / 1000;
}
