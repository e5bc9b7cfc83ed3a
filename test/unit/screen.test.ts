// The seed-screen command line (src/cli/screen.ts): flags, bad input, outputs (no simulation runs).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { main, parseScreenArgs, screenCsv, screenTable, writeScreen, type MetalResult, type ScreenResult } from '../../src/cli/screen';
import { screenFigure } from '../../src/cli/screen-figure';

function io() {
  const out: string[] = [], err: string[] = [];
  return { io: { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) } }, out, err };
}

describe('screen arguments', () => {
  it('parses the documented flags', () => {
    const r = parseScreenArgs(['--electrolyte', 'lpscl', '--seed', '7', '--cycles', '3', '--out', 'dir', '--metals', 'mg,cu',
      '--set', 'width_um=48', 'height_um=24']);
    expect(r).toEqual({
      ok: true, help: false, out: 'dir',
      options: { electrolyte: 'lpscl', seed: 7, cycles: 3, metals: ['cu', 'mg'], overrides: { width_um: 48, height_um: 24 }, maxWallSPerMetal: 900 },
    });
    expect(parseScreenArgs(['--electrolyte=liquid', '--out=x'])).toMatchObject({ ok: true, options: { electrolyte: 'liquid', seed: 1, cycles: null } });
    expect(parseScreenArgs(['--help'])).toEqual({ ok: true, help: true });
  });

  it.each([
    [['--electrolyte', 'gel', '--out', 'x'], /--electrolyte must be liquid or lpscl \(got 'gel'\)/],
    [['--out', 'x'], /--electrolyte is required: liquid or lpscl/],
    [['--electrolyte', 'liquid'], /--out DIR is required/],
    [['--electrolyte', 'liquid', '--out', 'x', '--seed', '-1'], /--seed must be an integer in \[0, 4294967295\]/],
    [['--electrolyte', 'liquid', '--out', 'x', '--seed', '1.5'], /--seed must be an integer/],
    [['--electrolyte', 'liquid', '--out', 'x', '--cycles', '0'], /--cycles must be an integer in \[1, 1000\]/],
    [['--electrolyte', 'liquid', '--out', 'x', '--metals', 'cu,au'], /--metals must be a comma-separated subset of cu,ag,al,in,mg,sn,zn/],
    [['--electrolyte', 'liquid', '--out', 'x', '--set', 'width_um=-4'], /--set: width_um/],
    [['--electrolyte', 'liquid', '--out', 'x', '--max-wall-s', '0'], /--max-wall-s must be a number of seconds in \[1, 86400\]/],
    [['--electrolyte', 'liquid', '--out', 'x', '--frobnicate'], /unknown flag '--frobnicate'; valid: --electrolyte/],
  ])('%j → one message naming the flag', (argv, message) => {
    const r = parseScreenArgs(argv as string[]);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatch(message);
      expect(r.error).not.toContain('\n');
    }
  });

  it('main: bad input and an unwritable --out exit 2 with one line, before any run', async () => {
    const a = io();
    expect(await main(['--electrolyte', 'solid', '--out', 'x'], a.io)).toBe(2);
    expect(a.err.join('')).toMatch(/^error: --electrolyte must be liquid or lpscl \(got 'solid'\)\n$/);
    const dir = mkdtempSync(path.join(tmpdir(), 'screen-'));
    const file = path.join(dir, 'a-file');
    writeFileSync(file, '');
    const b = io();
    expect(await main(['--electrolyte', 'liquid', '--out', path.join(file, 'sub')], b.io)).toBe(2);
    expect(b.err.join('')).toMatch(/^error: --out: cannot write to directory .*\n$/);
  });
});

describe('screen outputs', () => {
  const metal = (m: string, eta: number | null, failure: string | null = null): MetalResult => ({
    metal: m as MetalResult['metal'], name: m === 'cu' ? 'bare Cu' : m, preset: `liquid-${m}-1mA`, eta_nuc_mV: eta,
    eta_plating_mV: 30, surface_area_ratio: eta === null ? null : 1.5, mean_island_um: 8, max_height_um: 7,
    ce_first_cycle: null, short_circuit: false, tip_V: -0.4, tip_t_s: 0.01, roughness_um: 2, islands: 5,
    attached_islands: 5, porosity: 0, lateral_spread: 1.2, metal_um: 4.85, cycles: null, cumulative_ce: null,
    steps: 100, simulated_s: 3600, wall_s: 1, failure,
  });
  const screen: ScreenResult = {
    electrolyte: 'liquid', seed: 1, cycles: null, overrides: {}, definitions: {}, wall_s: 2,
    metals: [metal('cu', 400), metal('ag', null, 'wall-time limit, "quoted", reached')],
  };

  it('CSV: a header and one row per metal, quoting where needed; the table marks failures', () => {
    const lines = screenCsv(screen).trim().split('\n');
    expect(lines[0].split(',').slice(0, 9)).toEqual([
      'metal', 'preset', 'eta_nuc_mV', 'eta_plating_mV', 'surface_area_ratio', 'mean_island_um', 'max_height_um',
      'ce_first_cycle', 'short_circuit',
    ]);
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain('"wall-time limit, ""quoted"", reached"');
    expect(screenTable(screen)).toMatch(/ag .*n\/a.*FAILED/);
  });

  it('the figure is a PNG with one panel per metal above the bar charts', () => {
    const grid: [number, number, number] = [16, 8, 1];
    const xi = new Float32Array(16 * 8).map((_, i) => (Math.floor(i / 16) < 3 ? 1 : 0));
    const png = PNG.sync.read(screenFigure([
      { label: 'Cu', sublabel: 'x', xi, grid, eta_nuc_mV: 400, surface_area_ratio: 1.6 },
      { label: 'Ag', sublabel: 'y', xi: null, grid, eta_nuc_mV: null, surface_area_ratio: null, flag: 'FAILED' },
    ], { title: 'TEST', refIndex: 0 }));
    expect(png.width).toBe(16 * 2 + 2 * 200 + 12);
    expect(png.height).toBeGreaterThan(300);
    // some pixels of the viridis deposit (yellow-ish) and of the blue bars are present
    let yellow = 0;
    for (let i = 0; i < png.data.length; i += 4) if (png.data[i] > 200 && png.data[i + 1] > 200 && png.data[i + 2] < 80) yellow++;
    expect(yellow).toBeGreaterThan(100);
  });

  it('writeScreen writes screen.json, screen.csv and screen.png', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'screen-'));
    writeScreen(dir, screen, [{ result: screen.metals[0], xi: null, grid: [16, 8, 1] }, { result: screen.metals[1], xi: null, grid: [16, 8, 1] }]);
    expect(JSON.parse(readFileSync(path.join(dir, 'screen.json'), 'utf8')).metals).toHaveLength(2);
    expect(readFileSync(path.join(dir, 'screen.csv'), 'utf8').split('\n')[0]).toMatch(/^metal,preset,eta_nuc_mV/);
    expect(PNG.sync.read(readFileSync(path.join(dir, 'screen.png'))).width).toBeGreaterThan(0);
  });
});
