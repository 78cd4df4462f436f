import { HccError } from '../core/errors';
import type { LesionHalf, LesionHalfResult, LesionMeasureInput, LesionResult } from '../core/measure';
import type { Outcome } from './compute-api';

/**
 * Something that measures prepared (cropped) lesions: a worker behind comlink, or this thread.
 * `transfer`: the crop's own buffers, moved to the worker (never a caller's buffer).
 */
export interface Executor {
  measureLesion(input: LesionMeasureInput, transfer: ArrayBuffer[]): Promise<Outcome<LesionResult>>;
  measureLesionHalf(input: LesionMeasureInput, half: LesionHalf, transfer: ArrayBuffer[]): Promise<Outcome<LesionHalfResult>>;
  terminate(): void;
}

export interface PoolJob<R = unknown> {
  /** The call this job makes on the executor it is given. */
  run(executor: Executor): Promise<Outcome<R>>;
  /** Set when the job was superseded: a queued job is skipped, a running one's result is dropped. */
  cancelled: boolean;
  /**
   * The executor (by creation order) this kind of job prefers when it is free: a worker that always
   * runs the same half of a lesion keeps code optimised for it. Any free executor otherwise.
   */
  affinity?: number;
  resolve(result: R): void;
  reject(error: HccError): void;
}

export interface Pool {
  readonly size: number;
  submit<R>(job: PoolJob<R>): void;
  /** Removes a queued job (true) or leaves a running one to finish unseen (false). */
  withdraw(job: object): boolean;
  terminate(): void;
}

/**
 * Fixed-size pool, executors created on first need. FIFO queue; a free executor takes the next job
 * that is not cancelled. A worker cannot be interrupted mid-computation without terminating it (and
 * paying its start-up again), and lesion jobs are ROI-sized, so a superseded running job finishes
 * and its result is dropped.
 */
export function createPool(make: () => Executor, size: number): Pool {
  const idle: Executor[] = [];
  const all: Executor[] = [];
  const queue: PoolJob<never>[] = [];
  const running = new Set<PoolJob<never>>();
  let closed = false;

  const acquire = (affinity: number | undefined): Executor | null => {
    if (affinity !== undefined && affinity < size) {
      while (all.length <= affinity) idle.push(addExecutor());
      const at = idle.indexOf(all[affinity]!);
      if (at >= 0) return idle.splice(at, 1)[0]!;
    }
    const free = idle.pop();
    if (free) return free;
    return all.length < size ? addExecutor() : null;
  };

  const addExecutor = (): Executor => {
    const created = make();
    all.push(created);
    return created;
  };

  const pump = (): void => {
    while (!closed && queue.length > 0) {
      const job = queue[0]!;
      if (job.cancelled) {
        queue.shift();
        continue;
      }
      const executor = acquire(job.affinity);
      if (!executor) return;
      queue.shift();
      run(job, executor);
    }
  };

  const run = (job: PoolJob<never>, executor: Executor): void => {
    running.add(job);
    job.run(executor).then(
      (outcome) => {
        running.delete(job);
        release(executor);
        if (job.cancelled) return;
        if (outcome.ok) job.resolve(outcome.result);
        else job.reject(new HccError(outcome.error.code, outcome.error.message));
      },
      (error: unknown) => {
        running.delete(job);
        release(executor);
        if (!job.cancelled) job.reject(new HccError('COMPUTE_FAILED', `compute worker failed: ${error instanceof Error ? error.message : String(error)}`));
      },
    );
  };

  const release = (executor: Executor): void => {
    if (closed) return;
    idle.push(executor);
    pump();
  };

  return {
    size,
    submit(job) {
      if (closed) {
        job.reject(new HccError('CANCELLED', 'the compute client was terminated'));
        return;
      }
      queue.push(job as PoolJob<never>);
      pump();
    },
    withdraw(job) {
      const at = queue.indexOf(job as PoolJob<never>);
      if (at < 0) return false;
      queue.splice(at, 1);
      return true;
    },
    terminate() {
      closed = true;
      // A terminated worker never answers: settle its job here.
      for (const job of [...queue.splice(0), ...running]) {
        job.cancelled = true;
        job.reject(new HccError('CANCELLED', 'the compute client was terminated'));
      }
      running.clear();
      for (const e of all) e.terminate();
    },
  };
}
