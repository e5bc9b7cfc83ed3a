// Query-string options: ?preset=id&seed=7&dims=2&threads=2&engine=mock&play=1&maxfps=40&set.current_mA_cm2=5,
// or a compressed share link #s=… / ?s=… (share-url.ts), which replaces preset, seed, dims and set.*.
import type { ParamValues } from '../engine/types';
import { parseParamValue } from '../model/validate';
import { decodeShare, shareParam } from './share-url';
import { readView3dOptions, type View3dUrlOptions } from './view3d-url';

export interface UrlOptions {
  preset: string | null;
  seed: number | null;
  dims: 2 | 3 | null;
  /** kernel threads (1–16); null = the default (all cores up to 4 on a cross-origin isolated page) */
  threads: number | null;
  engine: 'kernel' | 'mock';
  autoplay: boolean;
  /** cap on field refreshes per second (rendering competes with the worker for CPU) */
  maxFps: number;
  overrides: ParamValues;
  /** problems with set.* values, shown to the user instead of throwing */
  issues: string[];
  /** the 3D view's options (view3d-url.ts) */
  view3d: View3dUrlOptions;
}

export const DEFAULT_MAX_FPS = 40;
const clampFps = (v: number) => (Number.isFinite(v) && v > 0 ? Math.min(240, Math.max(1, v)) : DEFAULT_MAX_FPS);

export function readUrlOptions(search = globalThis.location?.search ?? '', hash = globalThis.location?.hash ?? ''): UrlOptions {
  const q = new URLSearchParams(search);
  const seed = q.get('seed');
  const dims = q.get('dims');
  const overrides: ParamValues = {};
  const issues: string[] = [];
  const threadsText = q.get('threads');
  let threads: number | null = null;
  if (threadsText !== null) {
    if (/^\d{1,2}$/.test(threadsText) && Number(threadsText) >= 1 && Number(threadsText) <= 16) threads = Number(threadsText);
    else issues.push(`threads must be an integer in [1, 16] (got '${threadsText.slice(0, 20)}')`);
  }
  for (const [key, text] of q) {
    if (!key.startsWith('set.')) continue;
    const parsed = parseParamValue(key.slice(4), text);
    if (parsed.ok) overrides[key.slice(4)] = parsed.value;
    else issues.push(parsed.issue.message);
  }
  const options: UrlOptions = {
    preset: q.get('preset'),
    seed: seed !== null && /^\d+$/.test(seed) ? Number(seed) >>> 0 : null,
    dims: dims === '3' ? 3 : dims === '2' ? 2 : null,
    threads,
    engine: q.get('engine') === 'mock' ? 'mock' : 'kernel',
    autoplay: q.get('play') === '1',
    maxFps: clampFps(Number(q.get('maxfps') ?? DEFAULT_MAX_FPS)),
    overrides,
    issues,
    view3d: readView3dOptions(search),
  };
  const s = shareParam(search, hash);
  if (s === null) return options;
  const shared = decodeShare(s);
  if (!shared.ok) return { ...options, preset: null, seed: null, dims: null, overrides: {}, issues: [...issues, `share link rejected: ${shared.message}`] };
  const { preset, seed: sharedSeed, dims: sharedDims, overrides: sharedSet } = shared.value;
  return { ...options, preset, seed: sharedSeed, dims: sharedDims, overrides: sharedSet };
}
