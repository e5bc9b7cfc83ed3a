// Share links: preset, changed parameters, seed and dims as JSON → deflate → base64url, carried in
// `#s=` (or `?s=`). decodeShare treats the text as hostile: length, inflated size, nesting depth,
// keys, preset, every parameter (validateParams: cell limits, ranges) and the seed are checked,
// and it never throws.
import { Inflate, deflateSync } from 'fflate';
import type { ParamValues } from '../engine/types';
import { isPlainObject, parseJsonGuarded, unknownKey } from '../model/json-guard';
import { PRESETS } from '../model/presets';
import { PARAM_SPECS } from '../model/schema';
import { checkParam, validateParams } from '../model/validate';

export interface ShareSpec {
  preset: string;
  overrides: ParamValues;
  seed: number;
  dims: 2 | 3;
}

export type ShareResult = { ok: true; value: ShareSpec } | { ok: false; message: string };

export const SHARE_VERSION = 1;
export const MAX_SHARE_CHARS = 8192;       // encoded text
export const MAX_SHARE_INFLATED = 65536;   // bytes of JSON after inflating
const MAX_DEPTH = 4;
const KEYS = ['v', 'preset', 'seed', 'dims', 'set'] as const;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

const clip = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n)}…` : s);

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!BASE64URL.test(text) || text.length % 4 === 1) return null;
  try {
    const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

/** Inflate in small pushes, stopping as soon as the output passes `max` (a zip bomb never allocates). */
function inflateLimited(data: Uint8Array, max: number): Uint8Array | string {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let ended = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total <= max) chunks.push(chunk);
    ended ||= final;
  });
  try {
    for (let i = 0; i < data.length && total <= max; i += 64) inflater.push(data.subarray(i, i + 64), i + 64 >= data.length);
  } catch {
    return 'the link data is not valid compressed data';
  }
  if (total > max) return `the link data inflates to more than ${max} bytes`;
  if (!ended) return 'the link data is incomplete (truncated link?)';
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) { out.set(c, o); o += c.length; }
  return out;
}

/** The `s` value for a share link. */
export function encodeShare(spec: ShareSpec): string {
  const json = JSON.stringify({ v: SHARE_VERSION, preset: spec.preset, seed: spec.seed, dims: spec.dims, set: spec.overrides });
  return toBase64Url(deflateSync(new TextEncoder().encode(json), { level: 9 }));
}

/** A full link: `base` (page URL without query or fragment) + `#s=…`. */
export function shareLink(spec: ShareSpec, base: string): string {
  return `${base}#s=${encodeShare(spec)}`;
}

/** The `s` value from a location's fragment (preferred) or query; null when absent. */
export function shareParam(search: string, hash: string): string | null {
  return new URLSearchParams(hash.replace(/^#/, '')).get('s') ?? new URLSearchParams(search).get('s');
}

function check(value: unknown): ShareSpec | string {
  if (!isPlainObject(value)) return 'the link data is not an object';
  const extra = unknownKey(value, KEYS);
  if (extra !== null) return `unknown key '${clip(extra, 40)}' in the link`;
  if (value.v !== SHARE_VERSION) return `unsupported share link version ${clip(JSON.stringify(value.v) ?? 'none', 20)} (this app reads ${SHARE_VERSION})`;
  const id = value.preset;
  if (typeof id !== 'string' || !Object.hasOwn(PRESETS, id)) {
    return `unknown preset ${clip(JSON.stringify(id) ?? 'none', 40)}; available: ${Object.keys(PRESETS).join(', ')}`;
  }
  const preset = PRESETS[id];
  const seed = value.seed ?? 1;
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    return `seed must be an integer in [0, 4294967295] (got ${clip(JSON.stringify(seed) ?? String(seed), 30)})`;
  }
  const dims = value.dims ?? preset.dims[0];
  if (dims !== 2 && dims !== 3) return `dims must be 2 or 3 (got ${clip(JSON.stringify(dims) ?? '', 20)})`;
  if (!preset.dims.includes(dims)) return `preset '${id}' runs in ${preset.dims.map((d) => `${d}D`).join(' or ')} only, not ${dims}D`;
  const set = value.set ?? {};
  if (!isPlainObject(set)) return "'set' must be an object of parameter values";
  if (Object.keys(set).length > PARAM_SPECS.length) return `'set' has ${Object.keys(set).length} entries; there are only ${PARAM_SPECS.length} parameters`;
  for (const [name, v] of Object.entries(set)) {
    const issue = checkParam(name, v);
    if (issue) return issue.message;
  }
  const res = validateParams({ ...preset.params, ...(set as ParamValues) }, dims);
  if (!res.ok) return res.issues.map((i) => i.message).join('; ');
  return { preset: id, overrides: { ...(set as ParamValues) }, seed, dims };
}

/** Decode and validate a share link's `s` value; never throws. */
export function decodeShare(text: unknown): ShareResult {
  const fail = (message: string): ShareResult => ({ ok: false, message: clip(message, 400) });
  try {
    if (typeof text !== 'string') return fail('the share link data must be text');
    if (text.length > MAX_SHARE_CHARS) return fail(`the share link is too long (${text.length} characters, limit ${MAX_SHARE_CHARS})`);
    if (text.length === 0) return fail('the share link is empty');
    const bytes = fromBase64Url(text);
    if (!bytes) return fail('the share link is not valid base64url text');
    const inflated = inflateLimited(bytes, MAX_SHARE_INFLATED);
    if (typeof inflated === 'string') return fail(inflated);
    let json: string;
    try {
      json = new TextDecoder('utf-8', { fatal: true }).decode(inflated);
    } catch {
      return fail('the link data is not UTF-8 text');
    }
    const parsed = parseJsonGuarded(json, MAX_DEPTH, 'the link data');
    if (!parsed.ok) return fail(parsed.message);
    const spec = check(parsed.value);
    return typeof spec === 'string' ? fail(spec) : { ok: true, value: spec };
  } catch (e) {
    return fail(`the share link could not be read: ${(e as Error)?.message ?? String(e)}`);
  }
}
