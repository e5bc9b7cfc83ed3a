// Elements of classroom mode: header bar (scenario picker, exit), explanation panel (sentences and
// what to watch for, then the key-moment callout and Start/Pause/Reset), a line of numbers under
// the plots and a "coming soon" cover over the view. Built once; classroom.ts fills and shows them.
import { isAvailable, SCENARIOS, type Scenario } from '../model/scenarios';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls = '', text = ''): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text) e.textContent = text;
  return e;
}

function button(text: string, testid: string, title: string): HTMLButtonElement {
  const b = el('button', '', text);
  b.type = 'button';
  b.dataset.testid = testid;
  b.title = title;
  return b;
}

const READOUT = [
  ['t', 'Time'],
  ['q', 'Charge'],
  ['h', 'Li thickness'],
  ['f', 'Faraday'],
  ['v', 'Voltage'],
] as const;
const READOUT_TITLES: Record<string, string> = {
  q: 'Charge passed per collector area', h: 'Mean thickness of the plated lithium',
  f: "Thickness predicted by Faraday's law for dense lithium: charge × 4.85 µm per mAh/cm²", v: 'Cell voltage',
};
export type ReadoutKey = (typeof READOUT)[number][0];

export class ClassroomDom {
  readonly enter = button('Classroom', 'classroom-enter', 'Guided scenarios with a projector-friendly theme');
  readonly bar = el('div', 'classroom-bar');
  readonly select = el('select');
  readonly exit = button('Exit', 'classroom-exit', 'Leave classroom mode: back to the full simulator');
  readonly panel = el('aside', 'classroom-panel');
  readonly readout = el('dl', 'classroom-readout');
  readonly start = button('▶ Start', 'classroom-start', 'Start or continue the run (space)');
  readonly pause = button('❚❚ Pause', 'classroom-pause', 'Pause the run (space)');
  readonly reset = button('↺ Reset', 'classroom-reset', 'Run the scenario again from the beginning');
  readonly callout = el('div', 'classroom-callout');
  readonly cover = el('div', 'classroom-cover');
  readonly message = el('p', 'cl-message');
  private readonly title = el('h2', 'cl-title');
  private readonly requires = el('p', 'cl-requires');
  private readonly sentences = el('div', 'cl-sentences');
  private readonly watch = el('ul', 'cl-watch');
  private readonly note = el('p', 'cl-note');
  private readonly hint = el('p', 'cl-hint');
  private readonly values = new Map<ReadoutKey, HTMLElement>();

  constructor(topbar: HTMLElement, layout: HTMLElement, private readonly viewport: HTMLElement) {
    this.select.dataset.testid = 'classroom-scenario';
    this.select.setAttribute('aria-label', 'Scenario');
    for (const s of SCENARIOS) {
      const o = el('option', '', isAvailable(s) ? s.title : `${s.title} — coming soon`);
      o.value = s.id;
      this.select.append(o);
    }
    this.enter.className = 'classroom-enter';
    const label = el('span', 'cl-mode', 'Classroom');
    this.bar.append(label, this.select, this.exit);
    this.bar.hidden = true;
    topbar.append(this.enter, this.bar);

    this.panel.dataset.testid = 'classroom-panel';
    this.panel.hidden = true;
    this.requires.dataset.testid = 'classroom-requires';
    const controls = el('div', 'cl-controls');
    controls.append(this.start, this.pause, this.reset);
    this.callout.dataset.testid = 'classroom-callout';
    this.callout.setAttribute('role', 'status');
    this.callout.hidden = true;
    const text = el('div', 'cl-text');
    text.append(this.message, this.title, this.requires, this.sentences, el('h3', '', 'Watch for'), this.watch, this.note);
    const actions = el('div', 'cl-actions');
    actions.append(this.callout, controls, this.hint);
    this.panel.append(text, actions);
    layout.append(this.panel);

    // numbers in one line under the plots (the layout's last row)
    for (const [key, name] of READOUT) {
      const item = el('div');
      const dt = el('dt', '', name);
      dt.title = READOUT_TITLES[key] ?? '';
      const v = el('dd', '', '—');
      v.dataset.readout = key;
      this.values.set(key, v);
      item.append(dt, v);
      this.readout.append(item);
    }
    this.readout.hidden = true;
    layout.append(this.readout);

    this.cover.dataset.testid = 'classroom-cover';
    this.cover.hidden = true;
    viewport.append(this.cover);
  }

  /** Show or hide everything that belongs to classroom mode. */
  setActive(on: boolean): void {
    this.enter.hidden = on;
    this.bar.hidden = this.panel.hidden = this.readout.hidden = !on;
    if (!on) this.cover.hidden = true;
    this.hideCallout();
  }

  showScenario(s: Scenario): void {
    this.select.value = s.id;
    this.title.textContent = s.title;
    const soon = !isAvailable(s);
    this.requires.hidden = !soon;
    this.requires.textContent = soon ? `Coming soon — needs ${s.requires}. ${s.preview ?? ''}`.trim() : '';
    this.sentences.replaceChildren(...s.sentences.map((t) => el('p', '', t)));
    this.watch.replaceChildren(...s.watchFor.map((t) => el('li', '', t)));
    this.note.hidden = !s.note;
    this.note.textContent = s.note ? `Model note: ${s.note}` : '';
    this.cover.hidden = !soon;
    this.cover.replaceChildren(el('strong', '', 'Coming soon'), el('span', '', `This scenario needs ${s.requires}.`));
    this.hideCallout();
  }

  showCallout(keyText: string, values: string): void {
    const head = el('strong', '', 'Key moment: ');
    this.callout.replaceChildren(head, keyText, el('span', 'cl-callout-values', values));
    this.callout.hidden = false;
    this.viewport.classList.add('cl-key');
  }

  hideCallout(): void {
    this.callout.hidden = true;
    this.viewport.classList.remove('cl-key');
  }

  setHint(text: string): void {
    this.hint.textContent = text;
  }

  setReadout(key: ReadoutKey, text: string): void {
    const v = this.values.get(key);
    if (v && v.textContent !== text) v.textContent = text;
  }
}
