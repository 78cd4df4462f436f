import type { ViewportCell } from './viewport-cell';

/** Cornerstone's playClip default (UX.md §3): 30 images a second, looping. */
export const CINE_DEFAULT_FPS = 30;

/**
 * Cine in one viewport: steps it forward at a steady rate, from the end back to the start; the
 * room's step (the same as a key press) moves the other viewports through the slice sync. Runs on
 * animation frames, so a slow render slows the clip rather than queueing steps behind it.
 */
export class Cine {
  private playingCell: ViewportCell | null = null;
  private lastStepMs = 0;
  private frame: number | null = null;

  constructor(
    private readonly advance: (cell: ViewportCell) => void,
    readonly fps: number = CINE_DEFAULT_FPS,
  ) {}

  /** Key of the viewport playing, or null. */
  get playingKey(): string | null {
    return this.playingCell?.key ?? null;
  }

  /** Starts the clip in `cell`, or stops it when it is already playing there. */
  toggle(cell: ViewportCell): void {
    const wasHere = this.playingCell === cell;
    this.stop();
    if (wasHere) return;
    this.playingCell = cell;
    this.lastStepMs = performance.now();
    this.frame = requestAnimationFrame(this.tick);
  }

  stop(): void {
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.frame = null;
    this.playingCell = null;
  }

  private readonly tick = (nowMs: number): void => {
    const cell = this.playingCell;
    if (!cell) return;
    if (nowMs - this.lastStepMs >= 1000 / this.fps) {
      this.lastStepMs = nowMs;
      this.advance(cell);
    }
    this.frame = requestAnimationFrame(this.tick);
  };
}
