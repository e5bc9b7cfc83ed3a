// Rates measured over ~1 s windows: kernel steps per second and rendered frames per second.
export class RateMeter {
  rate = 0;
  private t0 = -1;
  private n0 = 0;

  /** feed the running count at wall time `now` (ms) */
  sample(count: number, now: number): void {
    if (this.t0 < 0 || count < this.n0) {
      this.t0 = now;
      this.n0 = count;
      return;
    }
    const dt = now - this.t0;
    if (dt >= 1000) {
      this.rate = ((count - this.n0) * 1000) / dt;
      this.t0 = now;
      this.n0 = count;
    }
  }

  reset(): void {
    this.t0 = -1;
    this.rate = 0;
  }
}
