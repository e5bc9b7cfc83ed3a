// Columnar time series received from the run, with a bounded-size view for plotting.
import type { Sample } from '../engine/types';

export const COLUMNS = ['t_s', 'voltage_V', 'current_mA_cm2', 'charge_mAh_cm2', 'mean_thickness_um', 'max_height_um', 'ledger_rel_error'] as const;
export type Column = (typeof COLUMNS)[number];

const PLOT_POINTS = 4000;

export class SampleStore {
  length = 0;
  private cols: Record<Column, Float64Array>;
  private plotCols: Record<Column, Float64Array>;

  constructor() {
    this.cols = this.alloc(1024);
    this.plotCols = this.alloc(PLOT_POINTS);
  }

  private alloc(n: number): Record<Column, Float64Array> {
    return Object.fromEntries(COLUMNS.map((c) => [c, new Float64Array(n)])) as Record<Column, Float64Array>;
  }

  clear(): void {
    this.length = 0;
  }

  append(rows: readonly Sample[]): void {
    if (rows.length === 0) return;
    const need = this.length + rows.length;
    if (need > this.cols.t_s.length) {
      const grown = this.alloc(Math.max(need, this.cols.t_s.length * 2));
      for (const c of COLUMNS) grown[c].set(this.cols[c].subarray(0, this.length));
      this.cols = grown;
    }
    for (const row of rows) {
      const i = this.length++;
      for (const c of COLUMNS) this.cols[c][i] = row[c];
    }
  }

  column(c: Column): Float64Array {
    return this.cols[c].subarray(0, this.length);
  }

  /** Value of column c at time t (linear interpolation; clamps at the ends). */
  at(c: Column, t: number): number {
    const ts = this.cols.t_s;
    const n = this.length;
    if (n === 0) return NaN;
    let lo = 0;
    let hi = n - 1;
    if (t <= ts[0]) return this.cols[c][0];
    if (t >= ts[hi]) return this.cols[c][hi];
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (ts[mid] <= t) lo = mid; else hi = mid;
    }
    const f = (t - ts[lo]) / (ts[hi] - ts[lo] || 1);
    return this.cols[c][lo] + f * (this.cols[c][hi] - this.cols[c][lo]);
  }

  /** Columns for plotting: all points, or an evenly strided subset (last point kept) when long. */
  plotView(columns: readonly Column[]): Float64Array[] {
    const n = this.length;
    if (n <= PLOT_POINTS) return columns.map((c) => this.column(c));
    const stride = (n - 1) / (PLOT_POINTS - 1);
    return columns.map((c) => {
      const src = this.cols[c];
      const dst = this.plotCols[c];
      for (let k = 0; k < PLOT_POINTS; k++) dst[k] = src[Math.round(k * stride)];
      return dst;
    });
  }

  /** CSV text of the given columns, one row per sample. */
  toCSV(columns: readonly Column[]): string {
    const lines = [columns.join(',')];
    for (let i = 0; i < this.length; i++) lines.push(columns.map((c) => String(this.cols[c][i])).join(','));
    return lines.join('\n') + '\n';
  }
}
