// Dynamic resolution for an expensive pass (the ray-marched volume). While frames are drawn on
// consecutive animation ticks (orbiting, auto-rotation), the tick interval measures the drawing
// cost and the pass's scale follows it so the view stays between about 26 and 45 frames/s. A
// step down that does not shorten the interval (the time goes elsewhere: a busy machine, other
// passes) is undone and the scale held there for a while. Frames with idle ticks between them
// (new data while a run plays) say nothing about the cost and creep back toward full scale; once
// drawing pauses, one frame is drawn at full scale.
// Needed for software WebGL (SwiftShader), where the march costs ~4× more at full than half scale.

const SLOW_MS = 1000 / 26;
const FAST_MS = 1000 / 45;
const TARGET_MS = 1000 / 32;
const REFINE_AFTER_MS = 300;
const WINDOW = 5;           // consecutive frames per decision, after a change too
const HOLD_DECISIONS = 12;  // how long a floor found by a useless step down holds

export class ResolutionGovernor {
  /** fraction of the canvas' drawing-buffer resolution */
  scale = 1;
  private lastDraw = -Infinity;
  private drewLastTick = false;
  private ema = 0;
  private count = 0;
  private refined = true;
  /** the last step down, to judge whether it paid */
  private down: { from: number; ema: number } | null = null;
  private floor: number;
  private hold = 0;

  constructor(private readonly minScale = 0.35) {
    this.floor = minScale;
  }

  /**
   * Call once per animation tick, with whether the view has something new to draw. Returns the
   * scale to draw at, or null when there is nothing to draw.
   */
  tick(now: number, changed: boolean): number | null {
    const consecutive = changed && this.drewLastTick;
    const dt = now - this.lastDraw;
    this.drewLastTick = changed;
    if (!changed) {
      if (this.refined || this.scale >= 1 || now - this.lastDraw < REFINE_AFTER_MS) return null;
      this.refined = true;
      return 1;
    }
    this.lastDraw = now;
    this.refined = false;
    if (!consecutive) {
      this.count = 0;
      this.down = null;
      this.scale = Math.min(1, this.scale * 1.1);
      return this.scale;
    }
    this.ema = this.count === 0 ? dt : 0.75 * this.ema + 0.25 * dt;
    if (++this.count >= WINDOW) {
      this.count = 0;
      this.decide();
    }
    return this.scale;
  }

  private decide(): void {
    if (this.hold > 0 && --this.hold === 0) this.floor = this.minScale;
    // the cost goes with the pixel count, scale²: aim at TARGET_MS in one step (bounded)
    const step = Math.min(1.25, Math.max(0.5, Math.sqrt(TARGET_MS / this.ema)));
    if (this.ema > SLOW_MS) {
      if (this.down && this.ema > 0.9 * this.down.ema) {
        // the step down bought nothing: back up, and stay at least there for a while
        this.scale = this.floor = this.down.from;
        this.hold = HOLD_DECISIONS;
        this.down = null;
      } else if (this.scale > this.floor) {
        this.down = { from: this.scale, ema: this.ema };
        this.scale = Math.max(this.floor, this.scale * step);
      }
    } else {
      this.down = null;
      if (this.ema < FAST_MS) this.scale = Math.min(1, this.scale * step);
    }
  }
}
