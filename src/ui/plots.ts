// Live time-series plots (uPlot): cell voltage, thickness/height, charge; PNG and CSV export each;
// a vertical marker at the short circuit.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Column, SampleStore } from './sample-store';
import { downloadText, downloadURL } from './download';

interface PlotSpec {
  id: string;
  title: string;
  yLabel: string;
  series: { col: Column; label: string; color: string }[];
}

const SPECS: PlotSpec[] = [
  { id: 'voltage', title: 'Cell voltage', yLabel: 'V', series: [{ col: 'voltage_V', label: 'voltage (V)', color: '#7cc4ff' }] },
  {
    id: 'thickness', title: 'Deposit', yLabel: 'µm', series: [
      { col: 'mean_thickness_um', label: 'mean thickness (µm)', color: '#f4d35e' },
      { col: 'max_height_um', label: 'max height (µm)', color: '#ee6c4d' },
    ],
  },
  { id: 'charge', title: 'Charge passed', yLabel: 'mAh/cm²', series: [{ col: 'charge_mAh_cm2', label: 'charge (mAh/cm²)', color: '#8bd17c' }] },
];

const AXIS = { stroke: '#c9ced6', grid: { stroke: 'rgba(255,255,255,0.08)' }, ticks: { stroke: 'rgba(255,255,255,0.15)' } };

class Plot {
  readonly u: uPlot;
  private lastLength = -1;

  constructor(readonly spec: PlotSpec, private readonly store: SampleStore, host: HTMLElement, private readonly marker: () => number | null) {
    const card = document.createElement('section');
    card.className = 'plot-card';
    card.dataset.plot = spec.id;
    const head = document.createElement('header');
    const h = document.createElement('h3');
    h.textContent = spec.title;
    const png = button('PNG', `Save the ${spec.title.toLowerCase()} plot as PNG`, () => this.savePNG());
    const csv = button('CSV', `Save the ${spec.title.toLowerCase()} data as CSV`, () => this.saveCSV());
    head.append(h, png, csv);
    const body = document.createElement('div');
    body.className = 'plot-body';
    card.append(head, body);
    host.append(card);
    const width = Math.max(200, body.clientWidth || 320);
    this.u = new uPlot({
      width,
      height: 170,
      pxAlign: 0,
      legend: { show: true, live: false },
      cursor: { drag: { x: true, y: false } },
      scales: { x: { time: false } },
      axes: [{ ...AXIS, label: 'time (s)', labelSize: 18, size: 36 }, { ...AXIS, label: spec.yLabel, labelSize: 18, size: 56 }],
      series: [{ label: 't (s)' }, ...spec.series.map((s) => ({ label: s.label, stroke: s.color, width: 1.5, points: { show: false } }))],
      hooks: { draw: [(u) => this.drawMarker(u)] },
    }, [[], ...spec.series.map(() => [])], body);
    new ResizeObserver(() => {
      const w = Math.floor(body.clientWidth);
      if (w > 0 && w !== this.u.width) this.u.setSize({ width: w, height: 170 });
    }).observe(body);
  }

  /** Push new data if the store grew (or force after a reset / marker change). */
  update(force = false): void {
    if (!force && this.store.length === this.lastLength) return;
    this.lastLength = this.store.length;
    const cols = this.store.plotView(['t_s', ...this.spec.series.map((s) => s.col)]);
    this.u.setData(cols as unknown as uPlot.AlignedData);
  }

  get points(): number {
    return this.store.length;
  }

  private drawMarker(u: uPlot): void {
    const t = this.marker();
    if (t === null) return;
    const x = u.valToPos(t, 'x', true);
    const { left, top, width, height } = u.bbox;
    if (x < left || x > left + width) return;
    const ctx = u.ctx;
    ctx.save();
    ctx.strokeStyle = '#ff2952';
    ctx.lineWidth = 2 * devicePixelRatio;
    ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + height);
    ctx.stroke();
    ctx.fillStyle = '#ff2952';
    ctx.font = `${11 * devicePixelRatio}px system-ui, sans-serif`;
    ctx.fillText('short', x + 4 * devicePixelRatio, top + 12 * devicePixelRatio);
    ctx.restore();
  }

  /** The plot canvas with its title and series names above it. */
  private savePNG(): void {
    const src = this.u.ctx.canvas;
    const k = src.width / this.u.width; // device pixels per CSS pixel
    const head = Math.round(26 * k);
    const out = document.createElement('canvas');
    out.width = src.width;
    out.height = src.height + head;
    const ctx = out.getContext('2d');
    if (!ctx) return;
    ctx.fillStyle = '#1b1e24';
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.font = `600 ${Math.round(13 * k)}px system-ui, sans-serif`;
    ctx.textBaseline = 'middle';
    ctx.fillStyle = '#e6e8ec';
    ctx.fillText(this.spec.title, 8 * k, head / 2);
    let x = 8 * k + ctx.measureText(this.spec.title).width + 16 * k;
    ctx.font = `${Math.round(11 * k)}px system-ui, sans-serif`;
    for (const s of this.spec.series) {
      ctx.fillStyle = s.color;
      ctx.fillRect(x, head / 2 - 1 * k, 14 * k, 2 * k);
      ctx.fillStyle = '#c9ced6';
      ctx.fillText(s.label, x + 18 * k, head / 2);
      x += 18 * k + ctx.measureText(s.label).width + 14 * k;
    }
    ctx.drawImage(src, 0, head);
    downloadURL(out.toDataURL('image/png'), `dendritelab-${this.spec.id}.png`);
  }

  private saveCSV(): void {
    downloadText(this.store.toCSV(['t_s', ...this.spec.series.map((s) => s.col)]), `dendritelab-${this.spec.id}.csv`);
  }
}

function button(text: string, title: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.title = title;
  b.className = 'small';
  b.addEventListener('click', onClick);
  return b;
}

export class Plots {
  private readonly plots: Plot[];
  private shortT: number | null = null;

  constructor(host: HTMLElement, store: SampleStore) {
    this.plots = SPECS.map((s) => new Plot(s, store, host, () => this.shortT));
  }

  update(force = false): void {
    this.plots.forEach((p) => p.update(force));
  }

  markShort(t_s: number | null): void {
    this.shortT = t_s;
    this.plots.forEach((p) => p.u.redraw(false, false));
  }

  /** points in the voltage plot (test hook) */
  get voltagePoints(): number {
    return this.plots[0].u.data[0]?.length ?? 0;
  }
}
