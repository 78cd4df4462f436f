/**
 * Cropping a lesion's inputs to what its measurement reads, before they are copied to a worker:
 * on every grid, the tumour's region (and the liver reference's, for the series that need it),
 * each widened by a margin. The crop of a grid is the box holding all its regions; only the
 * regions are copied into it (the rest stays zero and is never read: every kernel visits only the
 * boxes of its masks), so a reference ROI far from the tumour costs its own voxels, not the space
 * between. Volumes on one grid get the same crop, so they stay on one grid. Every crop is a new
 * buffer, safe to transfer; the sources are only read.
 */
import { HccError } from '../errors';
import { gridAffine, ijkToLps } from '../geometry/affine';
import { boxVoxelCount, intersectBox, maskBoundingBox, sameGrid, unionBox, type IjkBox } from '../kernels';
import type { Direction3, GridGeometry, Mask3D, Vec3, Volume3D, VoxelArray } from '../types/volume';
import { boxOnGrid, shiftBox, widenBox } from './grid-box';
import type { DwiVolume, LesionMeasureInput, MaskBoxes, RoleVolumes } from './inputs';

/** A volume read slice by slice (e.g. one image per slice in a viewer's cache): never copied whole. */
export interface SlicedVolume extends GridGeometry {
  /** Values of slice k (real values), indexed i + j * dims[0]. */
  slice(k: number): VoxelArray;
}

export type VolumeSource = Volume3D | SlicedVolume;

/** Margin around each region: absorbs rounding at region faces (boxOnGrid is already conservative). */
export const DEFAULT_CROP_MARGIN_VOXELS = 1;

export interface CropResult {
  input: LesionMeasureInput;
  /** The new buffers of the crops (what a worker call may transfer). */
  transfer: ArrayBuffer[];
  /** Voxels copied out of the sources (all volumes and masks). */
  copiedVoxels: number;
}

export type CropRoleKey = 'pre' | 'arterial' | 'portalVenous' | 'delayed' | 't2' | 'adcMap' | `dwi${number}`;
type RoleKey = CropRoleKey;

export interface CropStepsOptions {
  /** These roles are cut first (after the masks), in this order; then the others. */
  firstRoles?: readonly CropRoleKey[];
  /**
   * Called after the masks and after each series is cut, with what is cut so far: the input over the
   * masks and the series cut (the others null) and its buffers. A caller may hand part of it to a
   * worker at once (copying what it keeps using: the final result holds the same buffers).
   */
  onCut?: (soFar: CropResult, cutRoles: readonly CropRoleKey[]) => void;
}

/** Series that read the liver reference too (ratios, hyperintensity, reference cut-off). */
const NEEDS_REFERENCE = new Set<string>(['pre', 'arterial', 't2']);

export function cropLesionInput(input: LesionMeasureInput<VolumeSource>, marginVoxels = DEFAULT_CROP_MARGIN_VOXELS): CropResult {
  const steps = cropLesionSteps(input, marginVoxels);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same, step by step: yields the voxels copied so far after each mask scan and each volume, so
 * a caller on a UI thread can give the event loop a turn in between (or stop when the request is stale).
 */
export function* cropLesionSteps(
  input: LesionMeasureInput<VolumeSource>,
  marginVoxels = DEFAULT_CROP_MARGIN_VOXELS,
  options: CropStepsOptions = {},
): Generator<number, CropResult, void> {
  const transfer: ArrayBuffer[] = [];
  let copiedVoxels = 0;
  const tumour = input.tumour;
  const tumourBox = tumour ? known(tumour, input.boxes?.tumour) : null;
  // A bounding-box scan reads the whole mask: a turn for the event loop after each.
  if (tumour && input.boxes?.tumour === undefined) yield 0;
  if (!tumour || !tumourBox) {
    // Nothing will be read: the orchestration reports the lesion as not drawn / empty.
    const empty = emptyVolumes<Volume3D>();
    return { input: { ...input, volumes: empty, tumour: tumour ? tinyMask(tumour) : null, enhancing: null, liverReference: null, boxes: { tumour: null } }, transfer, copiedVoxels };
  }
  const drawing: GridGeometry = tumour;
  for (const [mask, what] of [[input.enhancing, 'enhancing'], [input.liverReference, 'liver reference']] as const) {
    // Same rule as measureLesion: the layers of a lesion share the drawing grid (crops are cut by its indices).
    if (mask && !sameGrid(drawing, mask)) throw new HccError('GEOMETRY_MISMATCH', `${input.label}: the ${what} mask is not on the grid of the tumour mask`);
  }
  const reference = input.liverReference;
  const referenceBox = reference ? known(reference, input.boxes?.liverReference) : null;
  if (reference && input.boxes?.liverReference === undefined) yield 0;
  const enhancingBox = input.enhancing ? known(input.enhancing, input.boxes?.enhancing) : null;
  if (input.enhancing && input.boxes?.enhancing === undefined) yield 0;

  // Regions per role on its own grid.
  const roles: { key: RoleKey; source: VolumeSource; regions: IjkBox[] }[] = [];
  const regionsOn = (grid: GridGeometry, withReference: boolean): IjkBox[] => {
    const boxes = [tumourBox, withReference ? referenceBox : null].filter((b): b is IjkBox => b !== null);
    return boxes.flatMap((b) => {
      const r = sameGrid(grid, drawing) ? widenBox(b, marginVoxels, grid) : boxOnGrid(b, drawing, grid, marginVoxels);
      return r ? [r] : [];
    });
  };
  const v = input.volumes;
  for (const key of ['pre', 'arterial', 'portalVenous', 'delayed', 't2', 'adcMap'] as const) {
    const source = v[key];
    if (source) roles.push({ key, source, regions: regionsOn(source, NEEDS_REFERENCE.has(key)) });
  }
  v.dwi.forEach((d, n) => roles.push({ key: `dwi${n}`, source: d.volume, regions: regionsOn(d.volume, false) }));

  // One outer box per distinct grid; the drawing grid's also holds the masks.
  const maskRegions = [tumourBox, referenceBox, enhancingBox].filter((b): b is IjkBox => b !== null).map((b) => widenBox(b, marginVoxels, drawing));
  const groups: { grid: GridGeometry; outer: IjkBox | null }[] = [{ grid: drawing, outer: maskRegions.reduce<IjkBox | null>((a, b) => unionBox(a, b), null) }];
  const groupOf = (grid: GridGeometry): { grid: GridGeometry; outer: IjkBox | null } => {
    let g = groups.find((x) => sameGrid(x.grid, grid));
    if (!g) groups.push((g = { grid, outer: null }));
    return g;
  };
  for (const r of roles) {
    const g = groupOf(r.source);
    for (const b of r.regions) g.outer = unionBox(g.outer, b);
  }

  // The masks first (every part of the measurement reads them), then the series, the caller's first.
  const drawingOuter = groups[0]!.outer!;
  const cropMask = (mask: Mask3D, box: IjkBox): Mask3D => {
    const c = cropToBox(mask, drawingOuter, [box]) as Mask3D;
    transfer.push(c.data.buffer as ArrayBuffer);
    copiedVoxels += boxVoxelCount(box);
    return c;
  };
  const emptyMask = (): Mask3D => {
    const m = tinyMaskOn(drawingOuter, drawing);
    transfer.push(m.data.buffer as ArrayBuffer);
    return m;
  };
  const boxes: MaskBoxes = { tumour: shiftBox(tumourBox, drawingOuter.min) };
  const masks: Pick<LesionMeasureInput, 'tumour' | 'enhancing' | 'liverReference'> = { tumour: cropMask(tumour, tumourBox), enhancing: null, liverReference: null };
  if (input.enhancing) {
    masks.enhancing = enhancingBox ? cropMask(input.enhancing, enhancingBox) : emptyMask();
    boxes.enhancing = enhancingBox ? shiftBox(enhancingBox, drawingOuter.min) : null;
  }
  if (reference) {
    masks.liverReference = referenceBox ? cropMask(reference, referenceBox) : emptyMask();
    boxes.liverReference = referenceBox ? shiftBox(referenceBox, drawingOuter.min) : null;
  }

  const cropped = new Map<RoleKey, Volume3D>();
  const soFar = (): CropResult => ({
    input: {
      ...input,
      volumes: {
        pre: cropped.get('pre') ?? null,
        arterial: cropped.get('arterial') ?? null,
        portalVenous: cropped.get('portalVenous') ?? null,
        delayed: cropped.get('delayed') ?? null,
        t2: cropped.get('t2') ?? null,
        adcMap: cropped.get('adcMap') ?? null,
        dwi: v.dwi.flatMap((d, n): DwiVolume[] => {
          const volume = cropped.get(`dwi${n}`);
          return volume ? [{ bValueSmm2: d.bValueSmm2, volume }] : [];
        }),
        ...(v.adcMapUnit !== undefined ? { adcMapUnit: v.adcMapUnit } : {}),
      },
      ...masks,
      boxes: { ...boxes },
    },
    transfer: [...transfer],
    copiedVoxels,
  });
  options.onCut?.(soFar(), []);
  yield copiedVoxels;
  const first = options.firstRoles ?? [];
  const ordered = [...roles.filter((r) => first.includes(r.key)).sort((a, b) => first.indexOf(a.key) - first.indexOf(b.key)), ...roles.filter((r) => !first.includes(r.key))];
  for (const r of ordered) {
    // A series the ROI misses entirely still gets a one-voxel crop, so the result says "outside its field of view", not "missing".
    const outer = groupOf(r.source).outer ?? { min: [0, 0, 0] as Vec3, max: [0, 0, 0] as Vec3 };
    const c = cropToBox(r.source, outer, r.regions);
    cropped.set(r.key, c);
    transfer.push(c.data.buffer as ArrayBuffer);
    copiedVoxels += regionVoxels(outer, r.regions);
    options.onCut?.(soFar(), [...cropped.keys()]);
    yield copiedVoxels;
  }
  return soFar();
}

/**
 * A new volume over `outer` (origin moved to its first voxel), holding the source's values inside
 * `fill` (clipped to `outer`) and 0 elsewhere. Same element type as the source.
 */
export function cropToBox(source: VolumeSource, outer: IjkBox, fill: readonly IjkBox[]): Volume3D {
  const w = outer.max[0] - outer.min[0] + 1;
  const h = outer.max[1] - outer.min[1] + 1;
  const d = outer.max[2] - outer.min[2] + 1;
  const [nx, ny] = source.dims;
  const sliced = 'slice' in source;
  const ctor = sliced ? commonSliceType(source, outer.min[2], outer.max[2]) : (source.data.constructor as new (n: number) => VoxelArray);
  const out = new ctor(w * h * d);
  for (const f of fill) {
    const b = intersectBox(f, outer);
    if (!b) continue;
    const len = b.max[0] - b.min[0] + 1;
    for (let k: number = b.min[2]; k <= b.max[2]; k++) {
      // Offsets of slice k in the source: the slice array itself, or the slab of the full array.
      const plane = sliced ? source.slice(k) : source.data;
      const planeOffset = sliced ? 0 : k * nx * ny;
      for (let j: number = b.min[1]; j <= b.max[1]; j++) {
        const from = planeOffset + j * nx + b.min[0];
        const to = (b.min[0] - outer.min[0]) + (j - outer.min[1]) * w + (k - outer.min[2]) * w * h;
        out.set(plane.subarray(from, from + len) as ArrayLike<number> & VoxelArray, to);
      }
    }
  }
  return {
    dims: [w, h, d],
    spacingMm: [...source.spacingMm] as Vec3,
    originLps: ijkToLps(gridAffine(source), outer.min[0], outer.min[1], outer.min[2]),
    direction: [...source.direction] as Direction3,
    data: out,
  };
}

type VoxelArrayType = new (n: number) => VoxelArray;

/**
 * One array type holding every slice k0..k1 exactly. Slices of one series may come in different
 * types (Cornerstone's decoder picks the smallest that fits each image: Uint8Array for a dark slice,
 * Uint16Array for the next): copying a Uint16 slice into a Uint8 crop would wrap its values.
 */
function commonSliceType(source: SlicedVolume, k0: number, k1: number): VoxelArrayType {
  const types = new Set<VoxelArrayType>();
  for (let k = k0; k <= k1; k++) types.add(source.slice(k).constructor as VoxelArrayType);
  if (types.size === 1) return [...types][0]!;
  // Float32 holds 8- and 16-bit integers and float32 exactly; wider integers or float64 need float64.
  const narrow = new Set<VoxelArrayType>([Uint8Array, Int8Array, Uint16Array, Int16Array, Float32Array]);
  return [...types].every((t) => narrow.has(t)) ? Float32Array : Float64Array;
}

function known(mask: Mask3D, box: IjkBox | null | undefined): IjkBox | null {
  return box !== undefined ? box : maskBoundingBox({ mask }).box;
}

function regionVoxels(outer: IjkBox, regions: readonly IjkBox[]): number {
  return regions.reduce((n, r) => {
    const b = intersectBox(r, outer);
    return n + (b ? boxVoxelCount(b) : 0);
  }, 0);
}

function emptyVolumes<V>(): RoleVolumes<V> {
  return { pre: null, arterial: null, portalVenous: null, delayed: null, t2: null, dwi: [], adcMap: null };
}

/** An all-zero one-voxel mask at the first voxel of a grid. */
function tinyMask(grid: GridGeometry): Mask3D {
  return tinyMaskOn({ min: [0, 0, 0], max: [0, 0, 0] }, grid);
}

/** An all-zero mask over `outer` of a grid. */
function tinyMaskOn(outer: IjkBox, grid: GridGeometry): Mask3D {
  return {
    dims: [outer.max[0] - outer.min[0] + 1, outer.max[1] - outer.min[1] + 1, outer.max[2] - outer.min[2] + 1],
    spacingMm: [...grid.spacingMm] as Vec3,
    originLps: ijkToLps(gridAffine(grid), outer.min[0], outer.min[1], outer.min[2]),
    direction: [...grid.direction] as Direction3,
    data: new Uint8Array(boxVoxelCount(outer)),
  };
}
