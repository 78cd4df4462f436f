import { HccError } from '../core/errors';
import type { LesionMeasureInput, LesionResult } from '../core/measure';
import type { LesionOutcome } from './compute-api';

/** Something that measures one prepared (cropped) lesion: a worker behind comlink, or this thread. */
export interface Executor {
  /** `transfer`: the crop's own buffers, moved to the worker (never a caller's buffer). */
  run(input: LesionMeasureInput, transfer: ArrayBuffer[]): Promise<LesionOutcome>;
  terminate(): void;
}

export interface PoolJob {
  input: LesionMeasureInput;
  transfer: ArrayBuffer[];
  /** Set when the job was superseded: a queued job is skipped, a running one's result is dropped. */
  cancelled: boolean;
  resolve(result: LesionResult): void;
  reject(error: HccError): void;
}

export interface Pool {
  readonly size: number;
  submit(job: PoolJob): void;
  /** Removes a queued job (true) or leaves a running one to finish unseen (false). */
  withdraw(job: PoolJob): boolean;
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
  const queue: PoolJob[] = [];
  const running = new Set<PoolJob>();
  let closed = false;

  const acquire = (): Executor | null => {
    const free = idle.pop();
    if (free) return free;
    if (all.length >= size) return null;
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
      const executor = acquire();
      if (!executor) return;
      queue.shift();
      run(job, executor);
    }
  };

  const run = (job: PoolJob, executor: Executor): void => {
    running.add(job);
    executor.run(job.input, job.transfer).then(
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
      queue.push(job);
      pump();
    },
    withdraw(job) {
      const at = queue.indexOf(job);
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
