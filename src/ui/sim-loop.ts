// Play/pause/step on the main thread. The loop itself runs in the worker (worker-host.ts): it calls
// RunApi.advance in WALL_MS chunks back to back, so the simulation speed does not depend on the
// display frame rate and the main thread never waits on it. Frame replies report whether the worker
// is still playing (it stops itself at a short, a stop condition or a failure).
import type { Remote } from 'comlink';
import type { FrameReply, WorkerApi } from '../engine/worker-host';
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
  private command = 0;

  constructor(private readonly api: Remote<WorkerApi>, private readonly hooks: LoopHooks) {}

  play(): void {
    this.set(true);
    this.api.play({ command: ++this.command, wallMs: WALL_MS, stop: this.hooks.stop(), pauseOnShort: this.hooks.pauseOnShort() })
      .catch((e) => this.fail(e));
  }

  /** Re-send the options (stop, pause-on-short) while playing. */
  update(): void {
    if (this.playing) this.play();
  }

  pause(): void {
    if (!this.playing) return;
    this.set(false);
    this.api.pause(++this.command).then((s) => s && this.hooks.onStatus(s), (e) => this.fail(e));
  }

  /** Pause and wait until the worker has stopped. */
  async halt(): Promise<void> {
    this.set(false);
    await this.api.pause(++this.command);
  }

  /** One kernel step (pauses first). */
  async step(): Promise<void> {
    await this.halt();
    try {
      this.hooks.onStatus(await this.api.advance({ maxSteps: 1, maxWallMs: 10_000, stop: this.hooks.stop(), pauseOnShort: this.hooks.pauseOnShort() }));
    } catch (e) {
      this.fail(e);
    }
  }

  /** Follow the worker's state from a frame reply (ignoring replies older than our last command). */
  sync(reply: FrameReply): void {
    if (reply.error) this.fail(new Error(reply.error));
    if (reply.command === this.command && reply.playing !== this.playing) this.set(reply.playing);
  }

  private set(playing: boolean): void {
    if (playing === this.playing) return;
    this.playing = playing;
    this.hooks.onPlaying(playing);
  }

  private fail(e: unknown): void {
    this.set(false);
    this.hooks.onError(e);
  }
}
