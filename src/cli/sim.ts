// Headless runner: `npm run sim -- --preset ID --out DIR [...]` (see USAGE in args.ts).
// Exit codes: 0 success, 1 the run failed (stability guard gave up, or the kernel could not
// start), 2 bad input. A short circuit ends the run (the cell is dead) and is not a failure.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Run } from '../engine/run';
import type { FieldName, RunStatus, StopCondition } from '../engine/types';
import { PRESETS } from '../model/presets';
import { rawFieldNames } from '../model/raw-fields';
import { USAGE, parseArgs } from './args';
import { FrameSchedule, MAX_STEPS_PER_ADVANCE } from './frames';
import { writeOutputs } from './outputs';
import { fieldToPng } from './png';
import { Progress, type ProgressStream } from './progress';

export interface SimIO {
  stdout: ProgressStream;
  stderr: ProgressStream;
}

const FLAG_OF: Record<string, string> = { preset: '--preset', dims: '--dims', seed: '--seed' };
const fmt = (x: number, digits = 4): string => Number(x.toPrecision(digits)).toString();

export async function main(argv: readonly string[], io: SimIO = process): Promise<number> {
  const error = (message: string, code: number): number => {
    io.stderr.write(`error: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
    return code;
  };
  const parsed = parseArgs(argv);
  if (!parsed.ok) return error(parsed.error, 2);
  if (parsed.help) { io.stdout.write(`${USAGE}\n`); return 0; }
  const o = parsed.options;
  const stop: StopCondition = o.until ?? PRESETS[o.preset].stop;

  const t0 = performance.now();
  const run = new Run();
  let status: RunStatus;
  try {
    const init = await run.init({ preset: o.preset, overrides: o.overrides, seed: o.seed, dims: o.dims, backend: o.backend });
    if (!init.ok) {
      return error(init.issues.map((i) => (FLAG_OF[i.param] ? `${FLAG_OF[i.param]}: ${i.message}` : i.message)).join('; '), 2);
    }
    status = init.status;
  } catch (e) {
    return error(`backend '${o.backend}' could not start: ${(e as Error).message}`, 1);
  }

  // after init, so invalid input leaves no directory behind
  try {
    mkdirSync(o.out, { recursive: true });
    if (o.frames > 0) mkdirSync(path.join(o.out, 'frames'), { recursive: true });
  } catch (e) {
    return error(`--out: cannot create directory '${o.out}': ${(e as Error).message}`, 2);
  }

  const progress = new Progress(io.stderr, stop);
  const frames = o.frames > 0 ? new FrameSchedule(stop, o.frames) : null;
  const frameRows: string[] = [];
  const writeFrame = (s: RunStatus): void => {
    const name = `frame_${String(frameRows.length).padStart(4, '0')}.png`;
    writeFileSync(path.join(o.out, 'frames', name), fieldToPng(run.field('xi'), s.grid));
    frameRows.push(`${name},${s.t_s},${s.steps},${s.charge_mAh_cm2}`);
  };
  let lastFrameSteps = -1;
  if (frames?.due(status)) { writeFrame(status); lastFrameSteps = status.steps; }

  for (;;) {
    const maxSteps = frames ? frames.maxSteps(status) : MAX_STEPS_PER_ADVANCE;
    status = run.advance({ maxSteps, maxWallMs: 200, stop });
    if (frames?.due(status)) { writeFrame(status); lastFrameSteps = status.steps; }
    progress.update(status);
    if (status.finished || status.failure || status.short.occurred) break;
  }
  progress.done(status);
  const wall_s = (performance.now() - t0) / 1000;
  if (frames && !frames.byHorizon && lastFrameSteps !== status.steps) writeFrame(status);
  if (frames) writeFileSync(path.join(o.out, 'frames', 'index.csv'), `file,t_s,steps,charge_mAh_cm2\n${frameRows.join('\n')}\n`);

  const fields = Object.fromEntries(rawFieldNames(run.params()).map((n) => [n, run.field(n)])) as Partial<Record<FieldName, Float32Array>>;
  writeFileSync(path.join(o.out, 'xi.png'), fieldToPng(fields.xi!, status.grid));
  writeOutputs(o.out, {
    preset: o.preset, seed: run.runSeed, dims: o.dims ?? PRESETS[o.preset].dims[0], backend: o.backend, stop,
    params: run.params(), status, samples: run.samples(0), wall_s,
  }, fields, run.saveState());

  const report = run.protocolReport();
  if (report.kind !== 'constant') {
    writeFileSync(path.join(o.out, 'protocol.json'), `${JSON.stringify(report, null, 2)}\n`);
    if (report.ccd) {
      const { ccd_mA_cm2, failed_at_step, short_circuit_t_s, ended_by, strip_limit_mA_cm2, strip_limit_t_s, steps } = report.ccd;
      // the voltage trace of the staircase is series.csv (t_s, voltage_V, current_mA_cm2, ...)
      writeFileSync(path.join(o.out, 'ccd.json'), `${JSON.stringify({
        preset: o.preset, seed: run.runSeed, ccd_mA_cm2, failed_at_step, short_circuit_t_s,
        ended_by, strip_limit_mA_cm2, strip_limit_t_s, steps, voltage_trace: 'series.csv', wall_s,
      }, null, 2)}\n`);
      const last = fmt(steps[steps.length - 1]?.current_mA_cm2 ?? 0);
      io.stdout.write(ccd_mA_cm2 !== null
        ? `ccd: ${fmt(ccd_mA_cm2)} mA/cm² (short in step ${failed_at_step} at t = ${fmt(short_circuit_t_s ?? NaN)} s)\n`
        : ended_by === 'strip_limit'
          ? `ccd: no short up to ${last} mA/cm²; the staircase ended when the working electrode could not carry the ` +
            `strip half of that step (t = ${fmt(strip_limit_t_s ?? NaN)} s)\n`
          : `ccd: no short up to ${last} mA/cm²\n`);
    }
  }
  const short = status.short.occurred ? `, short circuit at t = ${fmt(status.short.t_s ?? NaN)} s` : '';
  io.stdout.write(`${o.preset}: ${fmt(status.t_s)} s simulated in ${status.steps} steps (${fmt(wall_s, 3)} s wall), ` +
    `${fmt(status.mean_thickness_um)} µm plated, V = ${fmt(status.voltage_V)} V${short} → ${o.out}\n`);
  if (status.failure) return error(`run failed: ${status.failure}`, 1);
  return 0;
}

// Run when executed directly (tsx src/cli/sim.ts ...), not when imported by tests.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e) => {
    process.stderr.write(`error: ${(e as Error).stack ?? e}\n`);
    process.exitCode = 1;
  });
}
