// Share links (src/ui/share-url.ts): round trip, the readable ?preset=&set.x= form, and 50 hostile
// inputs from a seeded fuzzer, each rejected with a message within 50 ms.
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { MAX_SHARE_CHARS, decodeShare, encodeShare, shareLink, shareParam, type ShareSpec } from '../../src/ui/share-url';
import { readUrlOptions } from '../../src/ui/url-state';
import { mulberry32 } from '../support/prng';

const SPEC: ShareSpec = {
  preset: 'liquid-cu-1mA', seed: 42, dims: 3,
  overrides: { current_mA_cm2: 2.5, collector: 'film', li_film_um: 4, curvature_flow: true, diffusivity_m2_s: 1.234567e-10 },
};

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
/** a token carrying arbitrary text (what an attacker can put in a link) */
const raw = (text: string | Uint8Array) => b64url(deflateSync(typeof text === 'string' ? new TextEncoder().encode(text) : text));
const json = (value: unknown) => raw(JSON.stringify(value));
const base = { v: 1, preset: 'planar-1mA', seed: 1, dims: 2 };

describe('share link round trip', () => {
  it('encode → decode gives the same preset, overrides, seed and dims', () => {
    const token = encodeShare(SPEC);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(token.length).toBeLessThan(400);
    expect(decodeShare(token)).toEqual({ ok: true, value: SPEC });
  });

  it('a link is read back from #s= (and ?s=) by readUrlOptions', () => {
    const link = new URL(shareLink(SPEC, 'https://example.org/dendritelab/'));
    expect(shareParam(link.search, link.hash)).toBe(encodeShare(SPEC));
    const o = readUrlOptions(link.search, link.hash);
    expect(o).toMatchObject({ preset: SPEC.preset, seed: 42, dims: 3, overrides: SPEC.overrides, issues: [] });
    expect(readUrlOptions(`?s=${encodeShare(SPEC)}&play=1`, '')).toMatchObject({ preset: SPEC.preset, seed: 42, autoplay: true });
  });

  it('the readable ?preset=&seed=&set.x= form still works', () => {
    const o = readUrlOptions('?preset=planar-1mA&seed=7&dims=2&set.current_mA_cm2=5&set.collector=bare', '');
    expect(o).toMatchObject({ preset: 'planar-1mA', seed: 7, dims: 2, overrides: { current_mA_cm2: 5, collector: 'bare' } });
  });

  it('a rejected share link leaves a visible issue and no preset (the default loads)', () => {
    const o = readUrlOptions('?preset=planar-1mA&set.current_mA_cm2=5', `#s=${json({ ...base, set: { current_mA_cm2: 1e9 } })}`);
    expect(o.preset).toBeNull();
    expect(o.overrides).toEqual({});
    expect(o.issues.join()).toMatch(/share link rejected: current_mA_cm2 = 1e9 is out of range \[-100, 100\]/);
  });
});


type Gen = (r: () => number) => [input: unknown, expect: RegExp];
const pick = <T,>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

// the 100 MB zip bomb: built once (≈100 KB compressed)
let bomb: string | null = null;
const bigBomb = () => (bomb ??= b64url(deflateSync(new Uint8Array(100 * 1024 * 1024).fill(0x20), { level: 9 })));

const GENERATORS: [string, Gen][] = [
  ['huge grid', (r) => [json({ ...base, set: { width_um: 2000, height_um: pick(r, [2000, 1500]), dx_um: pick(r, [0.05, 0.1]), interface_width_um: 0.2 } }), /dx_um = .* cells, more than the 2D limit of 4,194,304/]],
  ['huge 3D grid', () => [json({ ...base, preset: 'liquid-cu-1mA', dims: 3, set: { width_um: 1000, height_um: 1000, depth_um: 1000, dx_um: 1 } }), /3D limit/]],
  ['NaN literal', (r) => [raw(`{"v":1,"preset":"planar-1mA","set":{"${pick(r, ['current_mA_cm2', 'dx_um'])}":NaN}}`), /not valid JSON/]],
  ['NaN as text', (r) => { const p = pick(r, ['current_mA_cm2', 'alpha', 'width_um']); return [json({ ...base, set: { [p]: 'NaN' } }), new RegExp(`${p} must be a number`)]; }],
  ['Infinity (1e999)', (r) => { const p = pick(r, ['current_mA_cm2', 'salt_mol_m3']); return [raw(`{"v":1,"preset":"planar-1mA","set":{"${p}":${pick(r, ['1e999', '-1e999'])}}}`), new RegExp(`${p} must be a finite number`)]; }],
  ['unknown top-level key', (r) => [json({ ...base, [pick(r, ['evil', 'constructor', 'x'.repeat(500)])]: 1 }), /unknown key/]],
  ['unknown parameter', (r) => [json({ ...base, set: { [pick(r, ['warp_factor', 'toString', 'constructor', 'hasOwnProperty'])]: 1 } }), /unknown parameter/]],
  ['__proto__ in set', () => [raw('{"v":1,"preset":"planar-1mA","set":{"__proto__":{"current_mA_cm2":500}}}'), /unknown parameter '__proto__'/]],
  ['deep nesting (10k brackets)', (r) => [raw(`{"v":1,"preset":"planar-1mA","set":${pick(r, ['[', '{"a":']).repeat(10000)}`), /nests deeper/]],
  ['deep nesting, balanced', () => [raw(`{"v":1,"set":{"a":${'['.repeat(10000)}${']'.repeat(10000)}}}`), /nests deeper/]],
  ['oversize link text', (r) => ['A'.repeat(MAX_SHARE_CHARS + 1 + Math.floor(r() * 1e5)), /too long/]],
  ['oversize string value (60 KB)', () => [json({ ...base, set: { electrolyte: 'x'.repeat(60000) } }), /electrolyte must be one of 'liquid', 'solid' \(got string 'x{40}…'\)/]],
  ['oversize JSON (1 MB inflated)', () => [json({ ...base, set: { electrolyte: 'x'.repeat(1 << 20) } }), /inflates to more than 65536 bytes/]],
  ['zip bomb 100 MB', () => [bigBomb(), /too long/]],
  ['zip bomb within the length limit (5 MB)', (r) => [raw(' '.repeat(5_000_000 + Math.floor(r() * 1000))), /inflates to more than 65536 bytes/]],
  ['invalid base64', (r) => [pick(r, ['!!!!', 'abc$def', 'A', 'abcde', '====', 'ab cd', '💥💥', '%41%42']), /not valid base64url/]],
  ['not deflate data', (r) => [b64url(Uint8Array.from({ length: 40 }, () => Math.floor(r() * 256))), /compressed data|incomplete|UTF-8|JSON/]],
  ['truncated token', () => [encodeShare(SPEC).slice(0, 20), /not valid compressed data|incomplete|base64url/]],
  ['empty', () => ['', /empty/]],
  ['not text', (r) => [pick(r, [null, 42, {}, ['s']]), /must be text/]],
  ['not UTF-8', () => [raw(Uint8Array.of(0x7b, 0xff, 0xfe, 0x7d)), /UTF-8/]],
  ['top level not an object', (r) => [json(pick(r, [[1, 2], 'planar-1mA', 7, null, true])), /not an object/]],
  ['wrong version', (r) => [json({ ...base, v: pick(r, [0, 2, '1', null]) }), /version/]],
  ['wrong type: preset', (r) => [json({ ...base, preset: pick(r, [5, null, ['planar-1mA'], { id: 'x' }]) }), /unknown preset/]],
  ['wrong type: seed', (r) => [json({ ...base, seed: pick(r, ['7', true, [1], 1.5]) }), /seed must be an integer/]],
  ['wrong type: dims', (r) => [json({ ...base, dims: pick(r, ['2', 4, 0, [2]]) }), /dims must be 2 or 3/]],
  ['dims not supported by the preset', () => [json({ ...base, preset: 'hong2018', dims: 3 }), /hong2018' runs in 2D only/]],
  ['wrong type: set', (r) => [json({ ...base, set: pick(r, [[1, 2], 'current=5', 7]) }), /'set' must be an object/]],
  ['wrong type: value', (r) => [json({ ...base, set: pick(r, [{ current_mA_cm2: '5' }, { curvature_flow: 'yes' }, { collector: 1 }, { alpha: [0.5] }]) }), /must be/]],
  ['negative seed', (r) => [json({ ...base, seed: pick(r, [-1, -4294967296]) }), /seed must be an integer in \[0, 4294967295\]/]],
  ['huge seed', (r) => [json({ ...base, seed: pick(r, [2 ** 32, 1e300, Number.MAX_SAFE_INTEGER]) }), /seed must be an integer in \[0, 4294967295\]/]],
  ['unknown preset', (r) => [json({ ...base, preset: pick(r, ['nope', '__proto__', 'toString', '../../etc/passwd']) }), /unknown preset/]],
  ['out of range', (r) => { const [p, v] = pick(r, [['current_mA_cm2', 500], ['alpha', 2], ['temperature_K', -5]] as const); return [json({ ...base, set: { [p]: v } }), new RegExp(`${p} = -?\\d+ is out of range`)]; }],
  ['cross-parameter rule', () => [json({ ...base, set: { dx_um: 2 } }), /interface_width_um must be between/]],
  ['too many set entries', () => [json({ ...base, set: Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`p${i}`, i])) }), /only \d+ parameters/]],
];

describe('hostile share links: 50 from a seeded fuzzer, each rejected with a message in < 50 ms', () => {
  const r = mulberry32(0x5ea1);
  const plan = Array.from({ length: 50 }, (_, i) => {
    const [name, gen] = GENERATORS[i < GENERATORS.length ? i : Math.floor(r() * GENERATORS.length)];
    return { i, name, gen, seed: Math.floor(r() * 2 ** 31) };
  });

  it.each(plan)('#$i $name', ({ gen, seed }) => {
    const [input, pattern] = gen(mulberry32(seed));
    decodeShare(input);                       // warm-up (JIT), then timed
    const t0 = performance.now();
    const res = decodeShare(input);
    const ms = performance.now() - t0;
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.message.length).toBeGreaterThan(5);
    expect(res.message.length).toBeLessThanOrEqual(401);
    expect(res.message).toMatch(pattern);
    expect(ms).toBeLessThan(50);
    // through the page's URL reader: a visible issue, the default preset
    if (typeof input === 'string' && input.length < 20000) {
      const o = readUrlOptions('', `#s=${input}`);
      expect(o.preset).toBeNull();
      expect(o.issues[0]).toContain('share link rejected');
    }
  });
});
