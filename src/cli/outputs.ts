// Writers for the runner's outputs: summary.json, series.csv, state.dlab, fields.json + fields.bin.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Backend, FieldName, ParamValues, RunStatus, Sample, StopCondition } from '../engine/types';
import { rawFields } from '../model/raw-fields';

export const SERIES_COLUMNS = [
  't_s', 'voltage_V', 'current_mA_cm2', 'charge_mAh_cm2', 'mean_thickness_um', 'max_height_um', 'ledger_rel_error',
] as const satisfies readonly (keyof Sample)[];

export type StoppedBy = 'stop_condition' | 'short_circuit' | 'failure' | 'incomplete';

export interface RunInfo {
  preset: string;
  seed: number;
  dims: 2 | 3;
  backend: Backend;
  stop: StopCondition;
  params: ParamValues;
  status: RunStatus;
  samples: Sample[];
  wall_s: number;
}

function stoppedBy(s: RunStatus): StoppedBy {
  if (s.failure) return 'failure';
  if (s.short.occurred) return 'short_circuit';
  return s.finished ? 'stop_condition' : 'incomplete';
}

/** smallest and largest finite value (a loop: spreading 10⁵ samples into Math.min overflows the call stack) */
function finiteRange(values: Iterable<number>): { min: number; max: number } | null {
  let min = Infinity, max = -Infinity;
  for (const v of values) if (Number.isFinite(v)) { if (v < min) min = v; if (v > max) max = v; }
  return min <= max ? { min, max } : null;
}

export function buildSummary(info: RunInfo): Record<string, unknown> {
  const { status: st, samples } = info;
  const volts = finiteRange(samples.map((r) => r.voltage_V));
  const ledger = finiteRange(samples.map((r) => r.ledger_rel_error));
  return {
    preset: info.preset,
    dims: st.grid,
    dx_um: st.dx_um,
    simulated_s: st.t_s,
    steps: st.steps,
    wall_s: info.wall_s,
    charge_mAh_cm2: st.charge_mAh_cm2,
    mean_thickness_um: st.mean_thickness_um,
    max_height_um: st.max_height_um,
    short_circuit: { occurred: st.short.occurred, t_s: st.short.t_s, position_um: st.short.position_um },
    voltage_V: {
      min: volts ? volts.min : null,
      max: volts ? volts.max : null,
      final: st.voltage_V,
    },
    ledger_rel_error: Math.max(st.ledger_rel_error, ledger ? ledger.max : -Infinity),
    seed: info.seed,
    backend: info.backend,
    stop: info.stop,
    stopped_by: stoppedBy(st),
    failure: st.failure,
    params: info.params,
  };
}

const cell = (x: number): string => (Number.isFinite(x) ? String(Number(x.toPrecision(10))) : 'NaN');

export function seriesCsv(samples: readonly Sample[]): string {
  const rows = samples.map((r) => SERIES_COLUMNS.map((k) => cell(r[k])).join(','));
  return `${SERIES_COLUMNS.join(',')}\n${rows.join('\n')}${rows.length ? '\n' : ''}`;
}

/** state.dlab (the saved-state format the browser and Run.loadState read) and fields.json + fields.bin (raw). */
export function writeState(dir: string, info: RunInfo, fields: Partial<Record<FieldName, Float32Array>>, state: Uint8Array): void {
  writeFileSync(path.join(dir, 'state.dlab'), state);
  const { header, bin } = rawFields({ ...info, data: 'fields.bin' }, fields);
  writeFileSync(path.join(dir, 'fields.bin'), bin);
  writeFileSync(path.join(dir, 'fields.json'), `${JSON.stringify(header, null, 2)}\n`);
}

export function writeOutputs(
  dir: string, info: RunInfo, fields: Partial<Record<FieldName, Float32Array>>, state: Uint8Array,
): Record<string, unknown> {
  const summary = buildSummary(info);
  writeFileSync(path.join(dir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  writeFileSync(path.join(dir, 'series.csv'), seriesCsv(info.samples));
  writeState(dir, info, fields, state);
  return summary;
}
