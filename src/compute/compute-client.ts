import * as Comlink from 'comlink';
import { HccError } from '../core/errors';
import { boxVoxelCount, maskBoundingBox } from '../core/kernels';
import {
  DEFAULT_CROP_MARGIN_VOXELS,
  buildMeasurementsDocument,
  cropLesionSteps,
  DRAWING_GRID_CROP_ROLES,
  drawingGridCropReady,
  drawingGridHalfOf,
  joinLesionHalves,
  lesionInputs,
  seriesHalfOf,
  timePointResult,
  type CropResult,
  type CropStepsOptions,
  type LesionHalfResult,
  type LesionMeasureInput,
  type MaskBoxes,
  type LesionResult,
  type MeasureConfig,
  type MeasurementsDocument,
  type TimePointMeasureInput,
  type VolumeSource,
} from '../core/measure';
import { computeApi, type ComputeApi, type Outcome } from './compute-api';
import { createPool, type Executor, type Pool, type PoolJob } from './compute-pool';

/** What a worker (or a test's MessagePort) looks like to comlink, plus how to stop it. */
export type ComputeEndpoint = Comlink.Endpoint & { terminate?(): void; close?(): void };

export interface ComputeClientOptions {
  /** false: run on this thread (node tests, CLI). Default: workers when the platform has them. */
  worker?: boolean;
  /** Workers in the pool. Default: one per core but one (the main thread keeps one), at least 2 (defaultPoolSize). */
  poolSize?: number;
  /** Endpoint factory (default: workers/compute.worker.ts as a module worker). Tests pass MessagePorts. */
  createEndpoint?: () => ComputeEndpoint;
  /** Voxels of margin around each ROI region when cropping (default 1). */
  cropMarginVoxels?: number;
  /** Tumour bounding boxes from this many voxels are measured as two halves in two workers (default SPLIT_FROM_BOX_VOXELS). */
  splitFromBoxVoxels?: number;
  /** Work on the calling thread for at most about this long before giving the event loop a turn (default 8 ms; one step, a mask scan or one volume's crop, is never split). */
  sliceBudgetMs?: number;
}

export interface MeasureLesionOptions {
  /**
   * Requests with the same key supersede each other (e.g. `${studyUid}/Lesion 2` while the user
   * draws): the older request's promise rejects at once with HccError code 'CANCELLED' (test with
   * isCancelled); its crop stops, a queued job is dropped, a running one finishes unseen.
   */
  key?: string;
}

export interface ComputeClient {
  readonly worker: boolean;
  readonly poolSize: number;
  /**
   * Every figure of one lesion. The inputs are read (cropped to the ROI, copied) during the call's
   * first turns of the event loop and never modified or transferred; the copies go to the worker.
   */
  measureLesion(input: LesionMeasureInput<VolumeSource>, options?: MeasureLesionOptions): Promise<LesionResult>;
  /** measurements.json: every lesion of every time point in parallel, then the response (baseline first). */
  measureStudy(
    timePoints: readonly TimePointMeasureInput<VolumeSource>[],
    config: MeasureConfig,
    generator: { name: string; version: string },
  ): Promise<MeasurementsDocument>;
  /** Cancels the pending request with this key, if any. */
  cancel(key: string): void;
  terminate(): void;
}

/**
 * Below this tumour box (about 150 mL at 1.5 x 1.5 x 2.5 mm) a lesion takes a few milliseconds in one
 * worker and the second half's messages and copies would cost what they save (npm run bench: equal at
 * 30 mL, 15-20 % faster at 1 L).
 */
export const SPLIT_FROM_BOX_VOXELS = 100_000;

export const isCancelled = (error: unknown): boolean => error instanceof HccError && error.code === 'CANCELLED';

/**
 * One per core but one (the main thread keeps a core), and at least two: with two workers a lesion's
 * measurement runs as two halves side by side (lesion.ts), which halves the wait while the user draws
 * on a two-core machine, where the main thread is idle meanwhile. Node 20 has no navigator: 2 cores assumed.
 */
export function defaultPoolSize(): number {
  const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 2;
  return Math.max(2, cores - 1);
}

export function createComputeClient(options: ComputeClientOptions = {}): ComputeClient {
  const useWorkers = options.worker !== false && (options.createEndpoint !== undefined || typeof Worker !== 'undefined');
  const make: () => Executor = useWorkers ? () => workerExecutor(options.createEndpoint ?? defaultEndpoint) : inlineExecutor;
  // On this thread jobs run one after another anyway.
  const pool: Pool = createPool(make, useWorkers ? Math.max(1, Math.floor(options.poolSize ?? defaultPoolSize())) : 1);
  const margin = options.cropMarginVoxels ?? DEFAULT_CROP_MARGIN_VOXELS;
  const budgetMs = options.sliceBudgetMs ?? 8;
  const splitFromBoxVoxels = options.splitFromBoxVoxels ?? SPLIT_FROM_BOX_VOXELS;
  const byKey = new Map<string, Request>();

  /** One measureLesion call: its pool jobs (one, or the two halves) are skipped or dropped once it is cancelled. */
  interface Request {
    cancelled: boolean;
    settled: boolean;
    /** When this thread's current turn of work for the request began (the time budget runs across its crops). */
    turnStart: number;
    parts: PoolJob[];
    resolve(result: LesionResult): void;
    reject(error: HccError): void;
  }

  const cancelRequest = (request: Request, why: string): void => {
    if (request.settled) return;
    request.cancelled = true;
    for (const part of request.parts) pool.withdraw(part);
    request.reject(new HccError('CANCELLED', why));
  };

  const measureLesion = (input: LesionMeasureInput<VolumeSource>, opts: MeasureLesionOptions = {}): Promise<LesionResult> =>
    new Promise<LesionResult>((resolve, reject) => {
      const request: Request = {
        cancelled: false,
        settled: false,
        turnStart: 0,
        parts: [],
        resolve: (r) => settle(() => resolve(r)),
        reject: (e) => settle(() => reject(e)),
      };
      const settle = (done: () => void): void => {
        if (request.settled) return;
        request.settled = true;
        if (opts.key !== undefined && byKey.get(opts.key) === request) byKey.delete(opts.key);
        done();
      };
      if (opts.key !== undefined) {
        const older = byKey.get(opts.key);
        if (older) cancelRequest(older, `superseded by a newer request for ${opts.key}`);
        byKey.set(opts.key, request);
      }
      run(request, input).then(request.resolve, (error: unknown) => request.reject(error instanceof HccError ? error : new HccError('COMPUTE_FAILED', String(error))));
    });

  /**
   * Crops on this thread, a volume at a time, and hands the copies to the pool: the lesion whole, or
   * (large lesions, two workers) as two halves: the drawing-grid half is posted as soon as its series
   * are cut, and computes while this thread cuts the others for the series half.
   */
  const run = async (request: Request, input: LesionMeasureInput<VolumeSource>): Promise<LesionResult> => {
    // A burst of requests in one task (e.g. several edits per frame) collapses before any copying.
    await Promise.resolve();
    request.turnStart = performance.now();
    // Whether to split depends on the tumour's box; the crop then uses the boxes scanned here.
    const boxed = pool.size >= 2 && input.tumour ? { ...input, boxes: await scanBoxes(request, input) } : input;
    const tumourBox = boxed.boxes?.tumour;
    if (!tumourBox || boxVoxelCount(tumourBox) < splitFromBoxVoxels) {
      const crop = await cropOnThisThread(request, boxed);
      return part(request, (e) => e.measureLesion(crop.input, crop.transfer));
    }
    let drawing: Promise<LesionHalfResult> | null = null;
    const full = await cropOnThisThread(request, boxed, {
      firstRoles: DRAWING_GRID_CROP_ROLES,
      onCut: (soFar, cutRoles) => {
        if (drawing || !drawingGridCropReady(cutRoles, input.volumes)) return;
        const half = drawingGridHalfOf(soFar);
        drawing = part(request, (e) => e.measureLesionHalf(half.input, 'drawingGrid', half.transfer), 0);
        // Its failure is reported through Promise.all below; until then it must not count as unhandled.
        drawing.catch(() => undefined);
      },
    });
    const seriesHalf = seriesHalfOf(full);
    const series = part(request, (e) => e.measureLesionHalf(seriesHalf.input, 'series', seriesHalf.transfer), 1);
    const [d, s] = await Promise.all([drawing!, series]);
    if (d.half !== 'drawingGrid' || s.half !== 'series') throw new HccError('COMPUTE_FAILED', 'a compute worker answered with the wrong half of a lesion');
    return joinLesionHalves(input, d, s);
  };

  /** The masks' bounding boxes, scanning those the caller did not give, one scan per task (a scan reads a whole mask). */
  const scanBoxes = async (request: Request, input: LesionMeasureInput<VolumeSource>): Promise<MaskBoxes> => {
    const boxes: MaskBoxes = { ...input.boxes };
    for (const key of ['tumour', 'liverReference', 'enhancing'] as const) {
      const mask = input[key];
      if (!mask || boxes[key] !== undefined) continue;
      boxes[key] = maskBoundingBox({ mask }).box;
      await nextTask();
      request.turnStart = performance.now();
      if (request.cancelled) return never();
    }
    return boxes;
  };

  /** The crop of an input, giving the event loop a turn whenever a step ends past the time budget; never settles once the request is cancelled. */
  const cropOnThisThread = async (request: Request, input: LesionMeasureInput<VolumeSource>, options: CropStepsOptions = {}): Promise<CropResult> => {
    const steps = cropLesionSteps(input, margin, options);
    let step = steps.next();
    while (!step.done) {
      if (request.cancelled) return never();
      if (performance.now() - request.turnStart >= budgetMs) {
        await nextTask();
        request.turnStart = performance.now();
      }
      step = steps.next();
    }
    return request.cancelled ? never() : step.value;
  };

  /** One pool job on behalf of a request; it follows the request's cancellation (and cancels it when the pool does). */
  const part = <R>(request: Request, call: (executor: Executor) => Promise<Outcome<R>>, affinity?: number): Promise<R> =>
    new Promise<R>((resolve, reject) => {
      const job: PoolJob<R> = {
        run: call,
        ...(affinity !== undefined ? { affinity } : {}),
        get cancelled() {
          return request.cancelled;
        },
        set cancelled(value: boolean) {
          if (value) request.cancelled = true;
        },
        resolve,
        reject,
      };
      request.parts.push(job as PoolJob);
      pool.submit(job);
    });

  return {
    worker: useWorkers,
    poolSize: pool.size,
    measureLesion,
    async measureStudy(timePoints, config, generator) {
      const results = await Promise.all(timePoints.map(async (tp) => timePointResult(tp, await Promise.all(lesionInputs(tp, config).map((l) => measureLesion(l))))));
      return buildMeasurementsDocument({ generator, config, timePoints: results });
    },
    cancel(key) {
      const request = byKey.get(key);
      if (request) cancelRequest(request, `cancelled: ${key}`);
    },
    terminate() {
      for (const request of byKey.values()) cancelRequest(request, 'the compute client was terminated');
      pool.terminate();
    },
  };
}

function defaultEndpoint(): ComputeEndpoint {
  return new Worker(new URL('../../workers/compute.worker.ts', import.meta.url), { type: 'module' });
}

function workerExecutor(createEndpoint: () => ComputeEndpoint): Executor {
  const endpoint = createEndpoint();
  const remote = Comlink.wrap<ComputeApi>(endpoint);
  return {
    // The crops are this client's own new buffers: moving them costs nothing and leaves the caller's data alone.
    measureLesion: (input, transfer) => remote.measureLesion(Comlink.transfer(input, transfer)),
    measureLesionHalf: (input, half, transfer) => remote.measureLesionHalf(Comlink.transfer(input, transfer), half),
    terminate: () => {
      remote[Comlink.releaseProxy]();
      if (endpoint.terminate) endpoint.terminate();
      else endpoint.close?.();
    },
  };
}

function inlineExecutor(): Executor {
  return {
    // A task boundary first, so the caller's code runs (and may supersede the job) before the work.
    measureLesion: async (input) => {
      await nextTask();
      return computeApi.measureLesion(input);
    },
    measureLesionHalf: async (input, half) => {
      await nextTask();
      return computeApi.measureLesionHalf(input, half);
    },
    terminate: () => undefined,
  };
}

/** A promise that never settles: the request it belongs to was cancelled and has been answered already. */
function never<T>(): Promise<T> {
  return new Promise<T>(() => undefined);
}

/**
 * Yields to the event loop: every queued task gets its turn (rendering, input, the viewer's loading).
 * Not scheduler.yield: its continuation goes ahead of other tasks, so a long crop would starve them.
 */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
