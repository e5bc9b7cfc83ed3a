// lil-gui panel built from the parameter schema. Live parameters go to the run at once; restart
// parameters are held as pending until Reset. Invalid input shows a message beside its control.
import GUI, { type Controller } from 'lil-gui';
import type { ParamValues, ValidationIssue } from '../engine/types';
import type { SetParamResult } from '../engine/run-api';
import { PARAM_GROUPS, PARAM_SPECS, type ParamSpec } from '../model/schema';
import { parseParamValue, validateParams } from '../model/validate';
import { paramLabel, paramTooltip, wantsSlider } from './param-labels';
import { protocolOverrides, type ProtocolKind } from './protocol-readout';

type Value = number | string | boolean;

export interface ParamPanelHooks {
  /** send a live (restart: false) change to the run */
  applyLive(name: string, value: Value): Promise<SetParamResult>;
  dims(): 2 | 3;
}

interface Entry { spec: ParamSpec; controller: Controller; msg: HTMLElement }

export class ParamPanel {
  readonly gui: GUI;
  readonly folders = new Map<string, GUI>();
  /** values the run has (from RunApi.params) */
  private applied: ParamValues = {};
  /** restart parameters changed since the last reset */
  private readonly pendingValues: ParamValues = {};
  /** what the controls display */
  private readonly form: ParamValues = {};
  private readonly entries = new Map<string, Entry>();
  /** live parameters the running protocol overrides: a change waits for the reset */
  private onResetOnly = new Set<string>();

  constructor(container: HTMLElement, private readonly hooks: ParamPanelHooks) {
    this.gui = new GUI({ container, title: 'Parameters', width: 360 });
    for (const group of [...PARAM_GROUPS, 'View']) this.folders.set(group, this.gui.addFolder(group));
    for (const spec of PARAM_SPECS) this.addControl(spec);
    // start with the frequently used groups open
    for (const [name, f] of this.folders) if (!['Cell', 'Protocol', 'View'].includes(name)) f.close();
  }

  folder(name: string): GUI {
    const f = this.folders.get(name);
    if (!f) throw new Error(`no folder ${name}`);
    return f;
  }

  /** Show the run's values (after init or reset); clears pending changes and messages. */
  setValues(values: ParamValues): void {
    this.applied = { ...values };
    for (const k of Object.keys(this.pendingValues)) delete this.pendingValues[k];
    for (const [name, e] of this.entries) {
      if (name in values) this.form[name] = values[name];
      e.controller.updateDisplay();
      this.showMessage(name, null);
    }
    this.markProtocolOverrides(String(values.protocol ?? 'constant') as ProtocolKind);
  }

  /** Controls the running protocol drives (current, mode) are disabled or apply on reset, with a note. */
  private markProtocolOverrides(kind: ProtocolKind): void {
    const { disabled, onReset } = protocolOverrides(kind);
    this.onResetOnly = new Set(Object.keys(onReset));
    for (const [name, e] of this.entries) {
      const off = name in disabled;
      e.controller.disable(off);
      e.controller.domElement.classList.toggle('protocol-driven', off || name in onReset);
      const note = disabled[name] ?? onReset[name];
      if (note) this.showMessage(name, note, 'note');
    }
  }

  /** applied values with pending restart changes on top (what Reset will start from) */
  nextValues(): ParamValues {
    return { ...this.applied, ...this.pendingValues };
  }

  hasPending(): boolean {
    return Object.keys(this.pendingValues).length > 0;
  }

  /** Show issues (e.g. from init) beside the controls they name. */
  showIssues(issues: readonly ValidationIssue[]): void {
    for (const i of issues) this.showMessage(this.entries.has(i.param) ? i.param : null, i.message, 'error');
  }

  private addControl(spec: ParamSpec): void {
    const folder = this.folder(spec.group);
    this.form[spec.name] = spec.default;
    let c: Controller;
    if (spec.kind === 'enum') c = folder.add(this.form, spec.name, [...spec.options]);
    else if (spec.kind === 'boolean') c = folder.add(this.form, spec.name);
    else if (wantsSlider(spec)) c = folder.add(this.form, spec.name, spec.min, spec.max, spec.kind === 'integer' ? 1 : undefined);
    else {
      c = folder.add(this.form, spec.name);
      if (spec.kind === 'integer') c.step(1);
    }
    c.name(paramLabel(spec));
    c.domElement.title = paramTooltip(spec);
    c.domElement.dataset.param = spec.name;
    const msg = document.createElement('div');
    msg.className = 'param-msg';
    msg.dataset.paramMsg = spec.name;
    msg.hidden = true;
    c.domElement.after(msg);
    this.entries.set(spec.name, { spec, controller: c, msg });
    if (spec.kind === 'number' || spec.kind === 'integer') this.guardTyping(spec, c);
    c.onFinishChange((v: Value) => void this.onChange(spec, v));
  }

  /** Catch out-of-range or malformed typing before lil-gui clamps or ignores it. */
  private guardTyping(spec: ParamSpec, c: Controller): void {
    const input = (c as unknown as { $input: HTMLInputElement }).$input;
    input.addEventListener('input', (e) => {
      const parsed = parseParamValue(spec.name, input.value);
      if (parsed.ok) {
        this.showMessage(spec.name, this.pendingValues[spec.name] !== undefined ? 'applies on reset' : null, 'note');
        return;
      }
      e.stopImmediatePropagation(); // lil-gui would clamp it silently
      this.showMessage(spec.name, `${parsed.issue.message}; keeping ${String(this.form[spec.name])}`, 'error');
    }, { capture: true });
  }

  private async onChange(spec: ParamSpec, value: Value): Promise<void> {
    const name = spec.name;
    const current = this.pendingValues[name] ?? this.applied[name];
    if (value === current) return;
    const single = parseParamValue(name, String(value));
    if (!single.ok) return this.reject(name, single.issue.message);
    // cross-parameter rules: only issues this change introduces count
    const before = new Set(validateParams(this.nextValues(), this.hooks.dims()).issues.map((i) => i.message));
    const fresh = validateParams({ ...this.nextValues(), [name]: value }, this.hooks.dims()).issues.filter((i) => !before.has(i.message));
    if (spec.restart || this.onResetOnly.has(name)) {
      this.pendingValues[name] = value;
      if (value === this.applied[name]) delete this.pendingValues[name];
      const note = this.pendingValues[name] === undefined ? null
        : fresh.length ? `applies on reset · before resetting: ${fresh.map((i) => i.message).join('; ')}` : 'applies on reset';
      this.showMessage(name, note, fresh.length ? 'warn' : 'note');
      return;
    }
    if (fresh.length) return this.reject(name, fresh.map((i) => i.message).join('; '));
    const result = await this.hooks.applyLive(name, value);
    if (!result.ok) return this.reject(name, result.issues.map((i) => i.message).join('; ') || `${name} was not accepted`);
    this.applied[name] = value;
    this.showMessage(name, result.needsRestart ? 'applies on reset' : null, 'note');
  }

  private reject(name: string, message: string): void {
    this.form[name] = this.pendingValues[name] ?? this.applied[name];
    this.entries.get(name)?.controller.updateDisplay();
    this.showMessage(name, `${message}; keeping ${String(this.form[name])}`, 'error');
  }

  private showMessage(name: string | null, text: string | null, kind: 'error' | 'warn' | 'note' = 'note'): void {
    if (name === null) return;
    const e = this.entries.get(name);
    if (!e) return;
    e.msg.hidden = text === null;
    e.msg.textContent = text ?? '';
    e.msg.className = `param-msg ${kind}`;
    e.controller.domElement.classList.toggle('invalid', kind === 'error' && text !== null);
  }
}
