// Drives RunApi.advance back to back while playing: each call runs ~WALL_MS of kernel time, so the
// simulation speed does not depend on the display frame rate and the main thread never waits on it.
import type { Remote } from 'comlink';
import type { WorkerApi } from '../engine/worker-host';
import type { RunStatus, StopCondition } from '../engine/types';

export const WALL_MS = 12;

export interface LoopHooks {
  stop(): StopCondition | undefined;
  pauseOnShort(): boolean;
  onStatus(status: RunStatus): void;
  onPlaying(playing: boolean): void;
  onError(error: unknown): void;
}

export class SimLoop {
  playing = false;
  private running: Promise<void> | null = null;

  constructor(private readonly api: Remote<WorkerApi>, private readonly hooks: LoopHooks) {}

  play(): void {
    if (this.playing) return;
    this.playing = true;
    this.hooks.onPlaying(true);
    this.running ??= this.run().finally(() => (this.running = null));
  }

  pause(): void {
    if (!this.playing) return;
    this.playing = false;
    this.hooks.onPlaying(false);
  }

  /** Resolves when no advance call is in flight. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** One kernel step (pauses first). */
  async step(): Promise<void> {
    this.pause();
    await this.idle();
    try {
      this.hooks.onStatus(await this.api.advance(this.options(1, 10_000)));
    } catch (e) {
      this.hooks.onError(e);
    }
  }

  private options(maxSteps: number, maxWallMs: number) {
    return { maxSteps, maxWallMs, stop: this.hooks.stop(), pauseOnShort: this.hooks.pauseOnShort() };
  }

  private async run(): Promise<void> {
    try {
      while (this.playing) this.hooks.onStatus(await this.api.advance(this.options(1_000_000, WALL_MS)));
    } catch (e) {
      this.pause();
      this.hooks.onError(e);
    }
  }
}
