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

/** Labels for n evenly spaced ticks on [min, max], with enough digits that neighbours differ. */
export function formatTicks(min: number, max: number, n: number): string[] {
  const step = (max - min) / Math.max(1, n - 1);
  const values = Array.from({ length: n }, (_, i) => min + i * step);
  const big = Math.max(Math.abs(min), Math.abs(max));
  if (!(step > 0) || !Number.isFinite(step)) return values.map((v) => String(+v.toPrecision(3)));
  if (big >= 1e4 || big < 1e-2) {
    // exponent form; mantissa digits follow the step relative to the largest value
    const digits = Math.min(6, Math.max(1, Math.ceil(Math.log10(big / step)) + 1));
    return values.map((v) => (v === 0 ? '0' : v.toExponential(digits - 1)));
  }
  let d = 0;
  while (d < 8 && values.some((v) => Math.abs(+v.toFixed(d) - v) > 0.05 * step)) d++;
  return values.map((v) => v.toFixed(d));
}
