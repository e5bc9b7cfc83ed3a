// The short-circuit banner and a transient notice line over the view (no console output).
import { formatTime } from '../render/format';

export class Banner {
  constructor(private readonly el: HTMLElement) {}

  showShort(t_s: number, capacity_mAh_cm2: number, paused: boolean): void {
    this.el.replaceChildren();
    const text = document.createElement('span');
    const strong = document.createElement('strong');
    strong.textContent = 'Short circuit';
    text.append(strong, ` at t = ${formatTime(t_s)} after ${capacity_mAh_cm2.toPrecision(3)} mAh/cm²${paused ? ' · paused' : ''}`);
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'small';
    close.textContent = 'Dismiss';
    close.addEventListener('click', () => this.hide());
    this.el.append(text, close);
    this.el.dataset.tShort = String(t_s);
    this.el.hidden = false;
  }

  hide(): void {
    this.el.hidden = true;
  }
}

export class Notice {
  private timer = 0;

  constructor(private readonly el: HTMLElement) {}

  show(text: string, kind: 'info' | 'error' = 'info', ms = 6000): void {
    clearTimeout(this.timer);
    this.el.textContent = text;
    this.el.className = `notice ${kind}`;
    this.el.hidden = false;
    if (ms > 0) this.timer = window.setTimeout(() => (this.el.hidden = true), ms);
  }

  hide(): void {
    this.el.hidden = true;
  }
}
