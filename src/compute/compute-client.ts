import * as Comlink from 'comlink';
import { HccError } from '../core/errors';
import {
  DEFAULT_CROP_MARGIN_VOXELS,
  buildMeasurementsDocument,
  cropLesionSteps,
  lesionInputs,
  timePointResult,
  type LesionMeasureInput,
  type LesionResult,
  type MeasureConfig,
  type MeasurementsDocument,
  type TimePointMeasureInput,
  type VolumeSource,
} from '../core/measure';
import { computeApi, type ComputeApi } from './compute-api';
import { createPool, type Executor, type Pool, type PoolJob } from './compute-pool';

/** What a worker (or a test's MessagePort) looks like to comlink, plus how to stop it. */
export type ComputeEndpoint = Comlink.Endpoint & { terminate?(): void; close?(): void };

export interface ComputeClientOptions {
  /** false: run on this thread (node tests, CLI). Default: workers when the platform has them. */
  worker?: boolean;
  /** Workers in the pool. Default: one per core but one (the main thread keeps one), at least 1. */
  poolSize?: number;
  /** Endpoint factory (default: workers/compute.worker.ts as a module worker). Tests pass MessagePorts. */
  createEndpoint?: () => ComputeEndpoint;
  /** Voxels of margin around each ROI region when cropping (default 1). */
  cropMarginVoxels?: number;
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

export const isCancelled = (error: unknown): boolean => error instanceof HccError && error.code === 'CANCELLED';

/** One per core but one, at least 1 (node 20 has no navigator: 2 cores assumed). */
export function defaultPoolSize(): number {
  const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 2;
  return Math.max(1, cores - 1);
}

export function createComputeClient(options: ComputeClientOptions = {}): ComputeClient {
  const useWorkers = options.worker !== false && (options.createEndpoint !== undefined || typeof Worker !== 'undefined');
  const make: () => Executor = useWorkers ? () => workerExecutor(options.createEndpoint ?? defaultEndpoint) : inlineExecutor;
  // On this thread jobs run one after another anyway.
  const pool: Pool = createPool(make, useWorkers ? Math.max(1, Math.floor(options.poolSize ?? defaultPoolSize())) : 1);
  const margin = options.cropMarginVoxels ?? DEFAULT_CROP_MARGIN_VOXELS;
  const budgetMs = options.sliceBudgetMs ?? 8;
  const byKey = new Map<string, Job>();

  interface Job extends PoolJob {
    settled: boolean;
  }

  const cancelJob = (job: Job, why: string): void => {
    if (job.settled) return;
    job.cancelled = true;
    pool.withdraw(job);
    job.reject(new HccError('CANCELLED', why));
  };

  const measureLesion = (input: LesionMeasureInput<VolumeSource>, opts: MeasureLesionOptions = {}): Promise<LesionResult> =>
    new Promise<LesionResult>((resolve, reject) => {
      const job: Job = {
        // Filled by prepare() before the job reaches the pool; the object exists earlier so a newer request can cancel it.
        input: undefined as unknown as LesionMeasureInput,
        transfer: [],
        cancelled: false,
        settled: false,
        resolve: (r) => settle(() => resolve(r)),
        reject: (e) => settle(() => reject(e)),
      };
      const settle = (done: () => void): void => {
        if (job.settled) return;
        job.settled = true;
        if (opts.key !== undefined && byKey.get(opts.key) === job) byKey.delete(opts.key);
        done();
      };
      if (opts.key !== undefined) {
        const older = byKey.get(opts.key);
        if (older) cancelJob(older, `superseded by a newer request for ${opts.key}`);
        byKey.set(opts.key, job);
      }
      void prepare(job, input).catch((error: unknown) => job.reject(error instanceof HccError ? error : new HccError('COMPUTE_FAILED', String(error))));
    });

  /** Crops on this thread, a volume at a time, then queues the copies. */
  const prepare = async (job: Job, input: LesionMeasureInput<VolumeSource>): Promise<void> => {
    // A burst of requests in one task (e.g. several edits per frame) collapses before any copying.
    await Promise.resolve();
    const steps = cropLesionSteps(input, margin);
    let sliceStart = performance.now();
    for (;;) {
      if (job.cancelled) return;
      const step = steps.next();
      if (step.done) {
        job.input = step.value.input;
        job.transfer = step.value.transfer;
        break;
      }
      if (performance.now() - sliceStart >= budgetMs) {
        await nextTask();
        sliceStart = performance.now();
      }
    }
    if (!job.cancelled) pool.submit(job);
  };

  return {
    worker: useWorkers,
    poolSize: pool.size,
    measureLesion,
    async measureStudy(timePoints, config, generator) {
      const results = await Promise.all(timePoints.map(async (tp) => timePointResult(tp, await Promise.all(lesionInputs(tp, config).map((l) => measureLesion(l))))));
      return buildMeasurementsDocument({ generator, config, timePoints: results });
    },
    cancel(key) {
      const job = byKey.get(key);
      if (job) cancelJob(job, `cancelled: ${key}`);
    },
    terminate() {
      for (const job of byKey.values()) cancelJob(job, 'the compute client was terminated');
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
    run: (input, transfer) => remote.measureLesion(Comlink.transfer(input, transfer)),
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
    run: async (input) => {
      await nextTask();
      return computeApi.measureLesion(input);
    },
    terminate: () => undefined,
  };
}

/** Yields to the event loop (rendering and input get their turn). */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
