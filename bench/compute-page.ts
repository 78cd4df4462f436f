// Browser side of the compute benchmark (bundled by bench/compute.ts): one page, the same volumes for
// this engine (compute client + worker pool) and Cornerstone's utilities.segmentation.getStatistics.
import { cache, init as csInit, metaData, volumeLoader } from '@cornerstonejs/core';
import { Enums as ToolsEnums, init as toolsInit, segmentation, utilities as toolsUtilities } from '@cornerstonejs/tools';
import { computeApi } from '../src/compute/compute-api';
import { createComputeClient, type ComputeClient } from '../src/compute/compute-client';
import { cropLesionInput, resolveMeasureConfig, type LesionMeasureInput, type SlicedVolume, type VolumeSource } from '../src/core/measure';
import { maskBoundingBox, type IjkBox } from '../src/core/kernels';
import type { Mask3D, Volume3D, VoxelArray } from '../src/core/types/volume';
import { centredGrid, dwiGridOf, generate, type BenchRoi, type BenchSize } from './compute-data';
import { watchMainThread } from '../src/app/main-thread-watch';
import * as Comlink from 'comlink';
import type { TimingWorkerApi } from './compute-timing.worker';

interface State {
  size: BenchSize;
  roi: BenchRoi;
  volumeId: string;
  segmentationId: string;
  input: LesionMeasureInput<VolumeSource>;
  /** Every array handed to our engine, whole (what the memory floor reads). */
  allArrays: VoxelArray[];
  /** The crops our engine actually reads (ROI floor). */
  cropArrays: VoxelArray[];
  roiVoxels: number;
  roiVolumeMl: number;
  arterialSameArray: boolean;
}

let client: ComputeClient;
/** The same engine with one worker: the whole lesion in one worker, no halves side by side. */
let oneWorkerClient: ComputeClient;
let state: State | null = null;
let counter = 0;

/** Collects the garbage of earlier runs before a timed run (chromium started with --js-flags=--expose-gc). */
const collectGarbage = (): void => (globalThis as unknown as { gc?: () => void }).gc?.();

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** `repeats` sequential runs after a garbage collection, each timed, with the main thread watched throughout. */
async function timedRuns(repeats: number, run: () => Promise<unknown>) {
  const times: number[] = [];
  collectGarbage();
  const watched = await watchMainThread(async () => {
    for (let r = 0; r < repeats; r++) {
      const t = performance.now();
      await run();
      times.push(performance.now() - t);
    }
  });
  return { medianMs: median(times), timesMs: times, longTasksMs: watched.longTasksMs, maxGapMs: watched.maxGapMs, peakHeapMb: watched.peakHeapMb };
}

const api = {
  init(): { hardwareConcurrency: number; poolSize: number; userAgent: string; preciseMemory: boolean } {
    csInit();
    // Keep Cornerstone's compute worker alive between calls: steady state, its best case.
    toolsInit({ addons: {}, computeWorker: { autoTerminateOnIdle: { enabled: false } } } as Parameters<typeof toolsInit>[0]);
    metaData.addProvider((type: string, imageId: string) => (type === 'generalSeriesModule' && imageId.startsWith('hccbench') ? { modality: 'MR' } : undefined), 10000);
    client = createComputeClient();
    oneWorkerClient = createComputeClient({ poolSize: 1 });
    return { hardwareConcurrency: navigator.hardwareConcurrency, poolSize: client.poolSize, userAgent: navigator.userAgent, preciseMemory: 'memory' in performance };
  },

  /** Volumes with the lesion of this ROI, the arterial one in Cornerstone's cache with a labelmap of the ROI. */
  async prepare(size: BenchSize, roi: BenchRoi): Promise<{ roiVoxels: number; roiVolumeMl: number; arterialSameArray: boolean }> {
    api.dispose();
    const t1 = centredGrid(size.dims, size.spacingMm);
    const g = generate(t1, roi.radiusMm, ['pre', 'arterial', 'portalVenous']);
    const adc = generate(dwiGridOf(t1), roi.radiusMm, ['adc']).images.adc!;
    const id = `hccbench${++counter}`;
    const volumeId = `${id}:arterial`;
    const arterial = g.images.arterial!;
    const volume = volumeLoader.createLocalVolume(volumeId, {
      scalarData: arterial.data,
      dimensions: [...t1.dims],
      spacing: [...t1.spacingMm],
      origin: [...t1.originLps],
      direction: [...t1.direction],
      metadata: {
        BitsAllocated: 32, BitsStored: 32, SamplesPerPixel: 1, HighBit: 31, PhotometricInterpretation: 'MONOCHROME2', PixelRepresentation: 1,
        Modality: 'MR', ImageOrientationPatient: [1, 0, 0, 0, 1, 0], PixelSpacing: [t1.spacingMm[1], t1.spacingMm[0]], FrameOfReferenceUID: '1.2.3',
        Columns: t1.dims[0], Rows: t1.dims[1], voiLut: [], VOILUTFunction: 'LINEAR',
      } as never,
    });
    // Our engine reads the arterial voxels through Cornerstone's public API, slice by slice (no whole-volume copy).
    const sliceOf = (k: number): VoxelArray => cache.getImage(volume.imageIds[k]!)!.voxelManager!.getScalarData() as VoxelArray;
    const arterialSlices: SlicedVolume = { dims: t1.dims, spacingMm: t1.spacingMm, originLps: t1.originLps, direction: t1.direction, slice: sliceOf };
    const arterialSameArray = sliceOf(1).buffer === arterial.data.buffer;

    // Labelmap of the ROI for getStatistics (segment 1), written slice by slice with its bounds set.
    const segVolumeId = `${id}:seg`;
    const seg = volumeLoader.createAndCacheDerivedLabelmapVolume(volumeId, { volumeId: segVolumeId });
    const [nx, ny, nz] = t1.dims;
    let roiVoxels = 0;
    const bounds: [number, number][] = [[Infinity, -Infinity], [Infinity, -Infinity], [Infinity, -Infinity]];
    for (let k = 0; k < nz; k++) {
      const slice = cache.getImage(seg.imageIds[k]!)!.voxelManager!.getScalarData() as Uint8Array;
      const src = g.tumour.data.subarray(k * nx * ny, (k + 1) * nx * ny);
      slice.set(src);
      for (let v = 0; v < src.length; v++) {
        if (src[v] === 0) continue;
        roiVoxels++;
        const i = v % nx, j = Math.floor(v / nx);
        bounds[0] = [Math.min(bounds[0]![0], i), Math.max(bounds[0]![1], i)];
        bounds[1] = [Math.min(bounds[1]![0], j), Math.max(bounds[1]![1], j)];
        bounds[2] = [Math.min(bounds[2]![0], k), Math.max(bounds[2]![1], k)];
      }
    }
    seg.voxelManager!.setBounds(bounds as never);
    const segmentationId = `${id}:segmentation`;
    segmentation.addSegmentations([{ segmentationId, representation: { type: ToolsEnums.SegmentationRepresentations.Labelmap, data: { volumeId: segVolumeId } } }]);

    // The viewer knows where the user drew (labelmap bounds, the ROI model's planes): the boxes are passed, as the app does.
    const boxes = {
      tumour: { min: [bounds[0]![0], bounds[1]![0], bounds[2]![0]], max: [bounds[0]![1], bounds[1]![1], bounds[2]![1]] } as IjkBox,
      liverReference: maskBoundingBox({ mask: g.reference }).box,
    };
    const input: LesionMeasureInput<VolumeSource> = {
      label: 'Lesion 1', target: true,
      volumes: { pre: g.images.pre!, arterial: arterialSlices, portalVenous: g.images.portalVenous!, delayed: null, t2: null, dwi: [], adcMap: adc },
      tumour: g.tumour, enhancing: null, liverReference: g.reference, boxes,
      config: resolveMeasureConfig(),
    };
    const crop = cropLesionInput(input).input;
    const cropVolumes = [crop.volumes.pre, crop.volumes.arterial, crop.volumes.portalVenous, crop.volumes.adcMap] as Volume3D[];
    const roiVolumeMl = (roiVoxels * t1.spacingMm[0] * t1.spacingMm[1] * t1.spacingMm[2]) / 1000;
    state = {
      size, roi, volumeId, segmentationId, input,
      allArrays: [g.images.pre!.data, arterial.data, g.images.portalVenous!.data, adc.data, g.tumour.data, g.reference.data],
      cropArrays: [...cropVolumes.map((v) => v.data), (crop.tumour as Mask3D).data, (crop.liverReference as Mask3D).data],
      roiVoxels, roiVolumeMl, arterialSameArray,
    };
    return { roiVoxels, roiVolumeMl, arterialSameArray };
  },

  /**
   * First calls (worker start-up on both sides), a check that both engines see the same ROI and values,
   * then warm-up calls so the timed runs compare both engines in their steady state (their workers' code
   * optimised): 20 of ours per client (each of our workers must see both halves of a lesion), 3 of
   * getStatistics (one loop, optimised after a call or two).
   */
  async warmUp(): Promise<{ oursFirstMs: number; cornerstoneFirstMs: number; agreement: Record<string, number | null> }> {
    const s = state!;
    let t = performance.now();
    const ours = await client.measureLesion(s.input);
    const oursFirstMs = performance.now() - t;
    t = performance.now();
    const stats = await cornerstoneStats(s);
    const cornerstoneFirstMs = performance.now() - t;
    for (let r = 0; r < 20; r++) {
      await client.measureLesion(s.input);
      await oneWorkerClient.measureLesion(s.input);
    }
    for (let r = 0; r < 3; r++) await cornerstoneStats(s);
    const arterial = ours.intensity.arterial!;
    return {
      oursFirstMs,
      cornerstoneFirstMs,
      agreement: {
        oursVoxels: arterial.voxels,
        cornerstoneVoxels: stats.count,
        oursArterialMean: arterial.meanSignal,
        cornerstoneArterialMean: stats.mean,
        oursVolumeMl: ours.measurement.volumeMl,
        cornerstoneVolumeMl: stats.volumeMm3 === null ? null : stats.volumeMm3 / 1000,
        oursEnhancingFraction: ours.measurement.enhancingFraction,
        oursAdcMeanMm2s: ours.measurement.adc?.meanMm2s ?? null,
      },
    };
  },

  runOurs(repeats: number) {
    const s = state!;
    return timedRuns(repeats, () => client.measureLesion(s.input));
  },

  /**
   * Where one measurement's time goes, on a client of its own whose workers note when they are posted
   * to and when they answer: the main thread's part (crop and copies, up to the last post), the
   * workers' part (last post to last answer) and the rest (answer to result). Medians over `repeats`.
   */
  async timeline(repeats: number): Promise<{ untilPostedMs: number; workersMs: number; afterMs: number; totalMs: number }> {
    const s = state!;
    const marks: { posted: number; answered: number } = { posted: 0, answered: 0 };
    const traced = createComputeClient({
      createEndpoint: () => {
        const worker = new Worker(new URL('../workers/compute.worker.ts', import.meta.url), { type: 'module' });
        worker.addEventListener('message', () => (marks.answered = performance.now()));
        return {
          postMessage(message: unknown, transfer?: Transferable[]) {
            worker.postMessage(message, transfer ?? []);
            marks.posted = performance.now();
          },
          addEventListener: worker.addEventListener.bind(worker),
          removeEventListener: worker.removeEventListener.bind(worker),
          terminate: () => worker.terminate(),
        };
      },
    });
    const rows: { untilPostedMs: number; workersMs: number; afterMs: number; totalMs: number }[] = [];
    try {
      for (let r = 0; r < 20 + repeats; r++) {
        const t0 = performance.now();
        await traced.measureLesion(s.input);
        const t1 = performance.now();
        if (r >= 20) rows.push({ untilPostedMs: marks.posted - t0, workersMs: marks.answered - marks.posted, afterMs: t1 - marks.answered, totalMs: t1 - t0 });
      }
    } finally {
      traced.terminate();
    }
    const pick = (k: keyof (typeof rows)[number]): number => median(rows.map((x) => x[k]));
    return { untilPostedMs: pick('untilPostedMs'), workersMs: pick('workersMs'), afterMs: pick('afterMs'), totalMs: pick('totalMs') };
  },

  runOursOneWorker(repeats: number) {
    const s = state!;
    return timedRuns(repeats, () => oneWorkerClient.measureLesion(s.input));
  },

  /** The same without known boxes: the client scans both masks on this thread first. */
  async runOursScanningMasks(repeats: number) {
    const s = state!;
    const { boxes: _known, ...input } = s.input;
    const times: number[] = [];
    collectGarbage();
    const watched = await watchMainThread(async () => {
      for (let r = 0; r < repeats; r++) {
        const t = performance.now();
        await client.measureLesion(input);
        times.push(performance.now() - t);
      }
    });
    return { medianMs: median(times), timesMs: times, longTasksMs: watched.longTasksMs, maxGapMs: watched.maxGapMs, peakHeapMb: watched.peakHeapMb };
  },

  /** Inside a worker: each half of the lesion and the whole on the same crop (what the pool's workers compute). */
  async workerBreakdown(repeats: number): Promise<{ drawingGridMs: number; seriesMs: number; wholeMs: number }> {
    const worker = new Worker(new URL('./compute-timing.worker.ts', import.meta.url), { type: 'module' });
    try {
      return await Comlink.wrap<TimingWorkerApi>(worker).time(cropLesionInput(state!.input).input, repeats);
    } finally {
      worker.terminate();
    }
  },

  /** Where the time goes: the crop on this thread, and the orchestration run here on the crop (same engine as in the worker). */
  breakdown(repeats: number): { cropMs: number; computeMs: number } {
    const s = state!;
    const crop: number[] = [];
    const compute: number[] = [];
    for (let r = 0; r < repeats; r++) {
      let t = performance.now();
      const c = cropLesionInput(s.input).input;
      crop.push(performance.now() - t);
      t = performance.now();
      computeApi.measureLesion(c);
      compute.push(performance.now() - t);
    }
    return { cropMs: median(crop), computeMs: median(compute) };
  },

  runCornerstone(repeats: number) {
    const s = state!;
    return timedRuns(repeats, () => cornerstoneStats(s));
  },

  /** Bare loops reading bytes once: every input array whole, and only the crops our engine reads. */
  runFloor(repeats: number) {
    const s = state!;
    const full: number[] = [];
    const roi: number[] = [];
    let sink = 0;
    for (let r = 0; r < repeats; r++) {
      let t = performance.now();
      for (const a of s.allArrays) sink += sum(a);
      full.push(performance.now() - t);
      t = performance.now();
      for (const a of s.cropArrays) sink += sum(a);
      roi.push(performance.now() - t);
    }
    const bytes = (arrays: VoxelArray[]): number => arrays.reduce((n, a) => n + a.byteLength, 0);
    return { fullMs: median(full), roiMs: median(roi), fullBytes: bytes(s.allArrays), roiBytes: bytes(s.cropArrays), sink };
  },

  dispose(): void {
    if (!state) return;
    segmentation.removeSegmentation(state.segmentationId);
    cache.purgeCache();
    state = null;
  },
};

function sum(a: VoxelArray): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s;
}

interface CsStats { count: number | null; mean: number | null; volumeMm3: number | null }

async function cornerstoneStats(s: State): Promise<CsStats> {
  const stats = (await toolsUtilities.segmentation.getStatistics({ segmentationId: s.segmentationId, segmentIndices: [1], mode: 'collective' })) as unknown as
    | { count?: { value: number }; mean?: { value: number }; volume?: { value: number } }
    | undefined;
  return { count: stats?.count?.value ?? null, mean: stats?.mean?.value ?? null, volumeMm3: stats?.volume?.value ?? null };
}

(window as unknown as { hccBench: typeof api }).hccBench = api;
document.title = 'hcc-response compute bench: ready';
