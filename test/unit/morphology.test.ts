// Morphology metrics on synthetic ξ fields with known answers.
import { describe, expect, it } from 'vitest';
import {
  islands, morphology, surfaceAreaRatio, topSurface, type FieldGrid,
} from '../../src/analysis/morphology';

/** ξ = ½(1 − tanh(s/2ℓ)) of a signed distance-like function s (negative inside the metal) */
function field(g: FieldGrid, s: (x: number, y: number, z: number) => number, ell = g.dx): Float32Array {
  const xi = new Float32Array(g.nx * g.ny * g.nz);
  for (let z = 0; z < g.nz; z++) for (let y = 0; y < g.ny; y++) for (let x = 0; x < g.nx; x++) {
    const d = s((x + 0.5) * g.dx, (y + 0.5) * g.dx, (z + 0.5) * g.dx);
    xi[x + g.nx * (y + g.ny * z)] = 0.5 * (1 - Math.tanh(d / (2 * ell)));
  }
  return xi;
}

/** sharp field from a predicate on cell indices */
function sharp(g: FieldGrid, metal: (x: number, y: number, z: number) => boolean): Float32Array {
  const xi = new Float32Array(g.nx * g.ny * g.nz);
  for (let z = 0; z < g.nz; z++) for (let y = 0; y < g.ny; y++) for (let x = 0; x < g.nx; x++) {
    xi[x + g.nx * (y + g.ny * z)] = metal(x, y, z) ? 1 : 0;
  }
  return xi;
}

/** arc length of y = a sin(kx) over one period per period length (fine trapezoid rule) */
function sineArcRatio(a: number, L: number): number {
  const k = (2 * Math.PI) / L, n = 200_000;
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.sqrt(1 + (a * k * Math.cos(k * ((i + 0.5) * L) / n)) ** 2);
  return s / n;
}

describe('morphology: flat film', () => {
  const g: FieldGrid = { nx: 64, ny: 40, nz: 1, dx: 0.5 };
  const h0 = 5.3;
  const xi = field(g, (_x, y) => y - h0);
  const m = morphology(xi, g);

  it('surface area ratio 1, one attached island spanning the width, no roughness', () => {
    expect(m.surface_area_ratio).toBeCloseTo(1, 10);
    expect(m.islands).toBe(1);
    expect(m.attached_islands).toBe(1);
    expect(m.mean_island_um).toBe(32);
    expect(m.roughness_um).toBeLessThan(1e-9);
  });

  it('top surface at the film thickness, dense (porosity 0), metal = thickness', () => {
    expect(m.max_height_um).toBeCloseTo(h0, 2);
    expect(m.mean_height_um).toBeCloseTo(h0, 2);
    expect(m.metal_um).toBeCloseTo(h0, 3);
    expect(m.porosity).toBeLessThan(2e-3);
    expect(m.lateral_spread).toBeCloseTo(32 / 5.5, 6); // rows 0..10 hold ξ > ½: 11 cells = 5.5 µm
  });

  it('3D flat film: area ratio 1', () => {
    const g3: FieldGrid = { nx: 16, ny: 24, nz: 16, dx: 0.5 };
    const xi3 = field(g3, (_x, y) => y - 4.2);
    expect(surfaceAreaRatio(xi3, g3)).toBeCloseTo(1, 10);
    const m3 = morphology(xi3, g3);
    expect(m3.islands).toBe(1);
    expect(m3.mean_island_um).toBe(8); // √(16·16 columns)·dx
  });
});

describe('morphology: sinusoidal film (analytic arc length)', () => {
  const L = 32, a = 2, h0 = 6;
  const g: FieldGrid = { nx: 128, ny: 64, nz: 1, dx: 0.25 };
  const k = (2 * Math.PI) / L;
  const h = (x: number): number => h0 + a * Math.sin(k * x);
  const xi = field(g, (x, y) => y - h(x));
  const exact = sineArcRatio(a, L); // ≈ 1.037

  it('2D iso-line length matches the arc length within 0.2 %', () => {
    expect(exact).toBeGreaterThan(1.03);
    expect(Math.abs(surfaceAreaRatio(xi, g) / exact - 1)).toBeLessThan(2e-3);
  });

  it('roughness a/√2, max height h0 + a, mean h0, dense', () => {
    const m = morphology(xi, g);
    expect(m.roughness_um).toBeCloseTo(a / Math.SQRT2, 2);
    expect(m.max_height_um).toBeCloseTo(h0 + a, 1);
    expect(m.mean_height_um).toBeCloseTo(h0, 2);
    expect(Math.abs(m.porosity)).toBeLessThan(5e-3);
    const top = topSurface(xi, g);
    for (let x = 0; x < g.nx; x++) expect(Math.abs(top[x] - h((x + 0.5) * g.dx))).toBeLessThan(0.02);
  });

  it('3D: a z-uniform sinusoid gives the same ratio (marching tetrahedra)', () => {
    const g3: FieldGrid = { nx: 64, ny: 40, nz: 8, dx: 0.5 };
    const xi3 = field(g3, (x, y) => y - h(x));
    expect(Math.abs(surfaceAreaRatio(xi3, g3) / exact - 1)).toBeLessThan(3e-3);
  });
});

describe('morphology: semicircular islands on the collector', () => {
  const R = 4, n = 4, L = 48;
  const g: FieldGrid = { nx: 192, ny: 48, nz: 1, dx: 0.25 };
  const centres = Array.from({ length: n }, (_, i) => (i + 0.5) * (L / n)); // 6, 18, 30, 42 µm
  const xi = field(g, (x, y) => Math.min(...centres.map((c) => Math.hypot(x - c, y) - R)));
  const m = morphology(xi, g);

  it('iso-line = n arcs above the first cell-centre row', () => {
    const y0 = g.dx / 2;
    const arc = R * (Math.PI - 2 * Math.asin(y0 / R));
    expect(Math.abs(m.surface_area_ratio / ((n * arc) / L) - 1)).toBeLessThan(5e-3);
  });

  it('n attached islands of width 2R and height R: spread 2, dense', () => {
    expect(m.islands).toBe(n);
    expect(m.attached_islands).toBe(n);
    expect(Math.abs(m.mean_island_um - 2 * R)).toBeLessThanOrEqual(g.dx);
    expect(Math.abs(m.mean_island_height_um - R)).toBeLessThanOrEqual(g.dx);
    expect(m.lateral_spread).toBeGreaterThan(1.8);
    expect(m.lateral_spread).toBeLessThan(2.2);
    expect(m.max_height_um).toBeCloseTo(R, 1);
    expect(Math.abs(m.porosity)).toBeLessThan(0.01);
  });

  it('roughness: RMS of h = √(R² − (x − c)²) on the islands and 0 between', () => {
    // continuous: mean h = nπR²/(2L), mean h² = n(4R³/3)/L
    const mh = (n * Math.PI * R * R) / (2 * L), mh2 = (n * 4 * R ** 3) / (3 * L);
    expect(m.roughness_um).toBeCloseTo(Math.sqrt(mh2 - mh * mh), 1);
  });

  it('3D hemisphere: spherical-zone area within 1.5 %', () => {
    const g3: FieldGrid = { nx: 48, ny: 32, nz: 48, dx: 0.25 };
    const c = 6, R3 = 4;
    const xi3 = field(g3, (x, y, z) => Math.hypot(x - c, y, z - c) - R3);
    const y0 = g3.dx / 2;
    const zone = 2 * Math.PI * R3 * (R3 - y0); // sphere area above the plane y = y0
    const ratio = surfaceAreaRatio(xi3, g3);
    expect(Math.abs(ratio / (zone / (12 * 12)) - 1)).toBeLessThan(0.015);
    const parts = islands(xi3, g3);
    expect(parts.length).toBe(1);
    // projected area πR² → √(πR²)
    expect(Math.abs(parts[0].width_um - Math.sqrt(Math.PI) * R3)).toBeLessThan(0.15);
  });
});

describe('morphology: topology (sharp fields)', () => {
  const g: FieldGrid = { nx: 40, ny: 30, nz: 1, dx: 0.5 };

  it('a film with an enclosed void: porosity = void area / area under the top', () => {
    // film rows 0..15 (8 µm), void x 10..19 (10 cells) × y 4..7 (4 cells)
    const xi = sharp(g, (x, y) => y < 16 && !(x >= 10 && x < 20 && y >= 4 && y < 8));
    const m = morphology(xi, g);
    expect(m.max_height_um).toBe(8);
    expect(m.porosity).toBeCloseTo((10 * 4) / (40 * 16), 12);
    expect(m.islands).toBe(1);
    // iso-line through the midpoints between cell centres: film top (40 cells) + the void's
    // 10 × 4 rectangle, whose four corners marching squares cuts by a diagonal (√2/2 for 1)
    expect(m.surface_area_ratio).toBeCloseTo((40 + 2 * (10 + 4) - 4 * (1 - Math.SQRT1_2)) / 40, 12);
  });

  it('periodic in x: an island across the x = 0 edge is one island; a floating one is not attached', () => {
    const xi = sharp(g, (x, y) =>
      ((x < 3 || x >= 37) && y < 6) ||           // wraps: 6 columns
      (x >= 15 && x < 25 && y >= 10 && y < 12)); // detached, 10 columns
    const parts = islands(xi, g);
    expect(parts.length).toBe(2);
    const wrap = parts.find((p) => p.attached)!;
    const floating = parts.find((p) => !p.attached)!;
    expect(wrap.width_um).toBe(3);
    expect(wrap.height_um).toBe(3);
    expect(floating.width_um).toBe(5);
    expect(floating.bottom_um).toBe(5);
    const m = morphology(xi, g);
    expect(m.islands).toBe(2);
    expect(m.attached_islands).toBe(1);
    expect(m.mean_island_um).toBe(4);
  });

  it('diagonal neighbours are separate islands (face connectivity); empty field gives zeros', () => {
    const xi = sharp(g, (x, y) => (x === 5 && y === 0) || (x === 6 && y === 1));
    expect(islands(xi, g).length).toBe(2);
    const m = morphology(new Float32Array(g.nx * g.ny), g);
    expect(m).toMatchObject({ surface_area_ratio: 0, islands: 0, max_height_um: 0, porosity: 0, roughness_um: 0 });
  });

  it('rejects a field that does not match the grid', () => {
    expect(() => morphology(new Float32Array(10), g)).toThrow(/needs 1200/);
  });
});
