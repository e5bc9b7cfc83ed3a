// Classroom mode: guided scenarios (src/model/scenarios.ts) on top of the running App. Entered with
// the header button or ?classroom=1 / ?classroom=<scenario id>; talks to the simulation only through
// the App (loadWithSeed, play, pause, listen). Projector theme: body.classroom in classroom.css.
import type { RunStatus } from '../engine/types';
import { UM_LI_PER_MAH_CM2 } from '../model/constants';
import { isAvailable, KeyMomentWatch, SCENARIO_BY_ID, SCENARIOS, type Scenario } from '../model/scenarios';
import { formatTime } from '../render/format';
import type { App } from './app';
import { ClassroomDom } from './classroom-dom';
import { installClassroomHook, type ClassroomHookSource } from './test-hook';
import './classroom.css';

/** The scenario id asked for by ?classroom=… ('' for the first one), or null when not asked. */
export function classroomRequest(search: string): string | null {
  const v = new URLSearchParams(search).get('classroom');
  if (v === null || v === '0') return null;
  return v === '1' || v === 'true' ? '' : v;
}

const FIRST = SCENARIOS.find(isAvailable) ?? SCENARIOS[0];
const mV = (v: number) => (Number.isFinite(v) ? `${Math.round(v * 1000)} mV`.replace('-', '−') : '—');

export class Classroom {
  private readonly dom: ClassroomDom;
  private active = false;
  private scenario: Scenario = FIRST;
  private watch = new KeyMomentWatch(FIRST.keyMoment);
  private keyStatus: RunStatus | null = null;
  private pausedAtKey = false;
  private playing = false;
  private loaded = false;        // the shown scenario's run is initialised
  private loadedAny = false;     // the App has a run (else exit starts it)
  private status: RunStatus | null = null;
  private loading: Promise<void> = Promise.resolve();

  constructor(private readonly app: App) {
    const q = (s: string) => document.querySelector(s) as HTMLElement;
    this.dom = new ClassroomDom(q('.topbar'), q('.layout'), q('.viewport'));
    const d = this.dom;
    d.enter.addEventListener('click', () => void this.enter(this.scenario.id));
    d.exit.addEventListener('click', () => void this.exit());
    d.select.addEventListener('change', () => void this.choose(d.select.value));
    d.start.addEventListener('click', () => this.start());
    d.pause.addEventListener('click', () => this.app.pause());
    d.reset.addEventListener('click', () => void this.choose(this.scenario.id));
    // space toggles start/pause here, before the App's own handler sees it
    window.addEventListener('keydown', (e) => {
      const t = e.target as HTMLElement;
      if (!this.active || e.code !== 'Space' || ['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON'].includes(t.tagName)) return;
      e.preventDefault();
      e.stopPropagation();
      if (this.playing) this.app.pause();
      else this.start();
    }, { capture: true });
    app.listen({
      status: (s) => this.onStatus(s),
      playing: (p) => this.onPlaying(p),
      samples: (rows) => { if (this.active && this.loaded) rows.forEach((r) => this.watch.sample(r)); },
    });
    installClassroomHook(() => this.hookState());
  }

  /** Enter classroom mode on a scenario ('' or unknown: the first available one). */
  async enter(id: string): Promise<void> {
    this.active = true;
    document.body.classList.add('classroom');
    this.dom.setActive(true);
    this.app.setFieldColormap('projector');
    this.dom.message.textContent = id && !SCENARIO_BY_ID[id] ? `Unknown scenario '${id}'; showing the first one.` : '';
    await this.choose(SCENARIO_BY_ID[id] ? id : FIRST.id);
  }

  async exit(): Promise<void> {
    this.active = false;
    document.body.classList.remove('classroom');
    this.dom.setActive(false);
    this.app.setFieldColormap('viridis');
    if (!this.loadedAny) {
      await this.loading;
      this.loadedAny = true;
      await this.app.start();
    }
  }

  /** Show a scenario and (if available) initialise its run, ready to start. */
  choose(id: string): Promise<void> {
    const s = SCENARIO_BY_ID[id] ?? FIRST;
    this.scenario = s;
    this.watch = new KeyMomentWatch(s.keyMoment);
    this.keyStatus = null;
    this.pausedAtKey = false;
    this.loaded = false;
    this.status = null;
    this.dom.showScenario(s);
    this.app.pause();
    this.render();
    // one load at a time; a later choice supersedes an earlier one
    this.loading = this.loading.then(async () => {
      if (this.scenario !== s || !isAvailable(s)) return;
      const ok = await this.app.loadWithSeed(s.preset, s.overrides ?? {}, s.seed);
      if (this.scenario !== s) return;
      this.loaded = ok;
      this.loadedAny ||= ok;
      this.render();
    });
    return this.loading;
  }

  private start(): void {
    if (!this.active || !this.loaded || !isAvailable(this.scenario) || this.status?.finished || this.status?.failure) return;
    this.pausedAtKey = false;
    this.dom.hideCallout();
    this.app.play();
    this.render();
  }

  private onPlaying(playing: boolean): void {
    this.playing = playing;
    if (this.active) this.render();
  }

  private onStatus(s: RunStatus): void {
    if (!this.active || !this.loaded) return;
    this.status = s;
    if (this.watch.update(s)) {
      this.keyStatus = s;
      if (this.scenario.pauseAtKeyMoment) {
        this.app.pause();
        this.pausedAtKey = true;
      }
      const q = s.charge_mAh_cm2;
      this.dom.showCallout(this.scenario.keyText,
        // no line breaks inside a quantity
        [`t = ${formatTime(s.t_s)}`, `${q.toFixed(3)} mAh/cm²`, `${s.mean_thickness_um.toFixed(2)} µm`, mV(s.voltage_V)]
          .map((x) => x.replace(/ /g, '\u00a0')).join(' · '));
    }
    this.render();
  }

  private render(): void {
    const d = this.dom;
    const s = this.status;
    const avail = isAvailable(this.scenario);
    const done = !!(s?.finished || s?.failure);
    d.start.disabled = !avail || !this.loaded || this.playing || done;
    d.start.textContent = s && s.t_s > 0 ? '▶ Continue' : '▶ Start';
    d.pause.disabled = !avail || !this.playing;
    d.reset.disabled = !avail;
    d.setHint(!avail ? 'This scenario cannot run yet.'
      : s?.failure ? `The run stopped: ${s.failure}. Press Reset.`
      : done ? 'The run is complete. Press Reset to watch it again.'
      : this.pausedAtKey ? 'Paused at the key moment. Press Continue to go on.' : '');
    d.setReadout('t', s ? formatTime(s.t_s) : '—');
    d.setReadout('q', s ? `${s.charge_mAh_cm2.toFixed(3)} mAh/cm²` : '—');
    d.setReadout('h', s ? `${s.mean_thickness_um.toFixed(2)} µm` : '—');
    d.setReadout('f', s ? `${(s.charge_mAh_cm2 * UM_LI_PER_MAH_CM2).toFixed(2)} µm` : '—');
    d.setReadout('v', s ? mV(s.voltage_V) : '—');
  }

  private hookState(): ClassroomHookSource {
    const k = this.keyStatus;
    return {
      active: this.active,
      scenario: this.active ? this.scenario.id : null,
      startable: this.active && isAvailable(this.scenario) && this.loaded,
      pausedAtKeyMoment: this.pausedAtKey && !this.playing,
      keyMoment: k && {
        t_s: k.t_s, charge_mAh_cm2: k.charge_mAh_cm2, mean_thickness_um: k.mean_thickness_um,
        voltage_V: k.voltage_V, shorted: k.short.occurred,
      },
    };
  }
}
