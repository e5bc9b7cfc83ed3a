// Human-readable simulated time and lengths for labels.

/** "0.42 s", "12.3 s", "4.50 min", "2.10 h" */
export function formatTime(t_s: number): string {
  if (!Number.isFinite(t_s)) return '—';
  const a = Math.abs(t_s);
  if (a < 1e-3 && a > 0) return `${(t_s * 1e3).toPrecision(3)} ms`;
  if (a < 120) return `${t_s.toPrecision(3)} s`;
  if (a < 7200) return `${(t_s / 60).toPrecision(3)} min`;
  return `${(t_s / 3600).toPrecision(3)} h`;
}

/** Largest 1-2-5 × 10^k not above x. */
export function niceFloor(x: number): number {
  if (!(x > 0)) return 0;
  const p = Math.pow(10, Math.floor(Math.log10(x)));
  const m = x / p;
  return (m >= 5 ? 5 : m >= 2 ? 2 : 1) * p;
}

/** "500 nm", "10 µm", "1.5 mm" */
export function formatLength(um: number): string {
  if (um < 1) return `${+(um * 1000).toPrecision(3)} nm`;
  if (um >= 1000) return `${+(um / 1000).toPrecision(3)} mm`;
  return `${+um.toPrecision(3)} µm`;
}

/** Compact tick label: 0.5, 12, 1.2e-4 */
export function formatTick(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e4 || a < 1e-2) return v.toExponential(1);
  return String(+v.toPrecision(3));
}
