// Command-line parsing for `npm run sim`. Pure: returns options or one error line naming the flag
// (or the parameter) and what would be valid; the caller prints it and exits with code 2.
import type { Backend, ParamValues, StopCondition } from '../engine/types';
import { PRESETS } from '../model/presets';
import { PARAM_BY_NAME } from '../model/schema';
import { parseParamValue } from '../model/validate';

export interface SimOptions {
  preset: string;
  overrides: ParamValues;
  until?: StopCondition;          // undefined: the preset's stop condition
  seed?: number;
  dims?: 2 | 3;
  backend: Backend;
  frames: number;                 // 0 = no frames
  out: string;
}

export type ParsedArgs =
  | { ok: true; help: true }
  | { ok: true; help: false; options: SimOptions }
  | { ok: false; error: string };

export const USAGE = `usage: npm run sim -- --preset ID --out DIR [options]
  --preset ID            one of ${Object.keys(PRESETS).join(', ')}
  --out DIR              output directory (created if missing)
  --set name=value ...   override schema parameters (several pairs may follow one --set)
  --until COND           time_s=N | capacity_mAh_cm2=N | short | steps=N (default: the preset's stop)
  --seed N               integer in [0, 4294967295] (default 1)
  --dims 2|3             dimensionality (default: the preset's first)
  --backend B            wasm-simd | wasm-scalar | ts (default wasm-simd)
  --protocol P           constant | cycle | ccd (sets the schema parameter 'protocol'); cycle and ccd
                         write protocol.json, ccd also ccd.json
  --frames N             N ξ frames equally spaced over the stop horizon (time, capacity or steps);
                         with --until short (no horizon): one frame every N steps
  --help                 this text`;

const BACKENDS: readonly Backend[] = ['wasm-simd', 'wasm-scalar', 'ts'];
const MAX_FRAMES = 10000;
const INT_TEXT = /^\+?\d+$/;
const NUM_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

class ArgError extends Error {}
const fail = (message: string): never => { throw new ArgError(message); };

function parseUntil(text: string): StopCondition {
  const valid = 'time_s=N (N > 0), capacity_mAh_cm2=N (N > 0), short or steps=N (integer ≥ 1)';
  if (text === 'short') return { kind: 'short' };
  const [key, value, ...rest] = text.split('=');
  const bad = () => fail(`--until must be ${valid} (got '${text}')`);
  if (rest.length > 0 || value === undefined) return bad();
  const n = NUM_TEXT.test(value) ? Number(value) : NaN;
  switch (key) {
    case 'time_s': return n > 0 && Number.isFinite(n) ? { kind: 'time', t_s: n } : bad();
    case 'capacity_mAh_cm2': return n > 0 && Number.isFinite(n) ? { kind: 'capacity', mAh_cm2: n } : bad();
    case 'steps': return INT_TEXT.test(value) && n >= 1 && Number.isSafeInteger(n) ? { kind: 'steps', steps: n } : bad();
    default: return bad();
  }
}

function parseInteger(flag: string, text: string, min: number, max: number): number {
  const n = INT_TEXT.test(text) ? Number(text) : NaN;
  if (!(n >= min && n <= max)) fail(`${flag} must be an integer in [${min}, ${max}] (got '${text}')`);
  return n;
}

function parseSet(pair: string, overrides: ParamValues): void {
  const eq = pair.indexOf('=');
  if (eq <= 0) fail(`--set expects name=value with a schema parameter name (got '${pair}')`);
  const name = pair.slice(0, eq);
  const parsed = parseParamValue(name, pair.slice(eq + 1));
  if (!parsed.ok) {
    const names = PARAM_BY_NAME[name] ? '' : `; valid names: ${Object.keys(PARAM_BY_NAME).join(', ')}`;
    fail(`--set: ${parsed.issue.message}${names}`);
  }
  else overrides[name] = parsed.value;
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  try {
    const overrides: ParamValues = {};
    const o: Partial<SimOptions> = { overrides, backend: 'wasm-simd', frames: 0 };
    const args = [...argv];
    while (args.length > 0) {
      let arg = args.shift()!;
      let inline: string | undefined;
      if (arg.startsWith('--') && arg.includes('=') && !arg.startsWith('--set=')) {
        inline = arg.slice(arg.indexOf('=') + 1);   // --flag=value form
        arg = arg.slice(0, arg.indexOf('='));
      }
      if (arg === '--help' || arg === '-h') return { ok: true, help: true };
      const value = (): string => {
        const v = inline ?? args.shift();
        if (v === undefined || (inline === undefined && v.startsWith('--'))) fail(`${arg} needs a value`);
        return v!;
      };
      switch (arg) {
        case '--preset': {
          const id = value();
          if (!PRESETS[id]) fail(`--preset: unknown preset '${id}'; valid: ${Object.keys(PRESETS).join(', ')}`);
          o.preset = id;
          break;
        }
        case '--out': o.out = value(); break;
        case '--until': o.until = parseUntil(value()); break;
        case '--seed': o.seed = parseInteger('--seed', value(), 0, 0xffffffff); break;
        case '--dims': {
          const d = value();
          if (d !== '2' && d !== '3') fail(`--dims must be 2 or 3 (got '${d}')`);
          o.dims = Number(d) as 2 | 3;
          break;
        }
        case '--backend': {
          const b = value() as Backend;
          if (!BACKENDS.includes(b)) fail(`--backend must be one of ${BACKENDS.join(', ')} (got '${b}')`);
          o.backend = b;
          break;
        }
        case '--frames': o.frames = parseInteger('--frames', value(), 1, MAX_FRAMES); break;
        case '--protocol': {
          const parsed = parseParamValue('protocol', value());
          if (!parsed.ok) fail(`--protocol: ${parsed.issue.message}`);
          else overrides.protocol = parsed.value;
          break;
        }
        default:
          if (arg === '--set' || arg.startsWith('--set=')) {
            // --set a=1 b=2 ...: take pairs until the next flag
            const first = arg === '--set' ? value() : arg.slice('--set='.length);
            parseSet(first, overrides);
            while (args.length > 0 && !args[0].startsWith('--')) parseSet(args.shift()!, overrides);
            break;
          }
          fail(`unknown flag '${arg}'; valid: --preset, --out, --set, --until, --seed, --dims, --backend, --frames, --help`);
      }
    }
    if (!o.preset) fail(`--preset is required; valid: ${Object.keys(PRESETS).join(', ')}`);
    if (!o.out) fail('--out DIR is required');
    const preset = PRESETS[o.preset!];
    if (o.dims !== undefined && !preset.dims.includes(o.dims)) {
      fail(`--dims ${o.dims} is not supported by preset '${o.preset}' (valid: ${preset.dims.join(' or ')})`);
    }
    return { ok: true, help: false, options: o as SimOptions };
  } catch (e) {
    if (e instanceof ArgError) return { ok: false, error: e.message };
    throw e;
  }
}
