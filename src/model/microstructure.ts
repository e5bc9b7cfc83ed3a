// The solid electrolyte's microstructure as a material map: seeded Voronoi LPSCl grains with
// one-cell grain boundaries, an optional LSPS band (dual layer) and optional LiF particles that sit on
// grain boundaries first. A pure function of (parameters, grid, seed): the same inputs give the same
// map in Node and in the browser, so it is rebuilt rather than saved.
import { uniform01 } from '../kernel-ts/rng';
import type { ModelParams } from './schema';

/** Material ids, shared with the kernel (per-cell arrays) and the view (translucent context). */
export const MAT_NONE = 0;       // liquid electrolyte, or the initial Li film
export const MAT_GRAIN = 1;      // LPSCl grain interior
export const MAT_GB = 2;         // LPSCl grain boundary
export const MAT_LIF = 3;        // LiF particle
export const MAT_LSPS = 4;       // LSPS grain interior
export const MAT_LSPS_GB = 5;    // LSPS grain boundary

/** Bulk densities (g/cm³) used to turn the paper's masses and wt% into volumes (outside values). */
export const DENSITY_LPSCL_G_CM3 = 1.64;  // Li6PS5Cl
export const DENSITY_LSPS_G_CM3 = 2.0;    // Li10SnP2S12 (estimate)
export const DENSITY_LIF_G_CM3 = 2.64;    // LiF
/** The paper's dual layer: 40 mg LiF-LPSCl | 20 mg LSPS | 40 mg LiF-LPSCl (Oh et al. 2025, Exp.). */
export const DUAL_LAYER_MASSES_MG = [40, 20, 40] as const;

const STREAM_GRAINS = 101;
const STREAM_LIF = 102;

export interface Microstructure {
  material: Uint8Array;          // MAT_* per cell, index x + nx*(y + ny*z)
  lifLined: Uint8Array;          // 1 where a grain-boundary cell touches LiF (lithiophobic wall)
  grains: number;
  lifVolumeFraction: number;     // realised, of the LPSCl region
  gbLifCoverage: number;         // fraction of LPSCl grain-boundary cells lined with LiF
  lspsBand: [number, number] | null; // y range in µm
}

/** LiF volume fraction of the composite from its weight fraction (5 wt% → 3.2 vol%). */
export function lifVolumeFraction(wtPct: number): number {
  const lif = wtPct / DENSITY_LIF_G_CM3;
  return lif / (lif + (100 - wtPct) / DENSITY_LPSCL_G_CM3);
}

/** Thickness fraction of the LSPS band in the dual layer, from the masses and densities. */
export function lspsThicknessFraction(lifWtPct: number): number {
  const composite = 1 / ((lifWtPct / 100) / DENSITY_LIF_G_CM3 + (1 - lifWtPct / 100) / DENSITY_LPSCL_G_CM3);
  const [a, b, c] = DUAL_LAYER_MASSES_MG;
  const lsps = b / DENSITY_LSPS_G_CM3;
  return lsps / ((a + c) / composite + lsps);
}

export function buildMicrostructure(
  p: ModelParams, grid: [number, number, number], dx: number, seed: number,
): Microstructure {
  const [nx, ny, nz] = grid;
  const n = nx * ny * nz;
  const material = new Uint8Array(n);
  const lifLined = new Uint8Array(n);
  const is3D = nz > 1;
  const film = p.collector === 'film' ? p.li_film_um : 0;
  const seHeight = ny * dx - film;
  // grain seeds: a jittered lattice, one seed at a random point of each grain_size bucket (periodic in
  // x and z), so the nearest seed of a cell lies within two buckets: O(cells) instead of O(cells·grains)
  const lx = nx * dx, lz = nz * dx;
  const bx = Math.max(1, Math.round(lx / p.grain_size_um)), by = Math.max(1, Math.round(seHeight / p.grain_size_um));
  const bz = is3D ? Math.max(1, Math.round(lz / p.grain_size_um)) : 1;
  const sx = lx / bx, sy = seHeight / by, sz = lz / bz;
  const grains = bx * by * bz;
  const gx = new Float64Array(grains), gy = new Float64Array(grains), gz = new Float64Array(grains);
  for (let g = 0; g < grains; g++) {
    const ix = g % bx, iy = Math.floor(g / bx) % by, iz = Math.floor(g / (bx * by));
    gx[g] = (ix + uniform01(seed, STREAM_GRAINS, 0, 3 * g)) * sx;
    gy[g] = film + (iy + uniform01(seed, STREAM_GRAINS, 0, 3 * g + 1)) * sy;
    gz[g] = is3D ? (iz + uniform01(seed, STREAM_GRAINS, 0, 3 * g + 2)) * sz : 0;
  }
  const owner = new Int32Array(n);
  const reach = 2;
  for (let z = 0; z < nz; z++) for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) {
    const px = (x + 0.5) * dx, py = (y + 0.5) * dx, pz = (z + 0.5) * dx;
    const cx = Math.min(bx - 1, Math.floor(px / sx)), cy = Math.min(by - 1, Math.max(0, Math.floor((py - film) / sy)));
    const cz = is3D ? Math.min(bz - 1, Math.floor(pz / sz)) : 0;
    let best = -1, bestD = Infinity;
    for (let dz = is3D ? -reach : 0; dz <= (is3D ? reach : 0); dz++)
      for (let dy = -reach; dy <= reach; dy++) {
        const iy = cy + dy;
        if (iy < 0 || iy >= by) continue;
        for (let ddx = -reach; ddx <= reach; ddx++) {
          const ix = (((cx + ddx) % bx) + bx) % bx, iz = (((cz + dz) % bz) + bz) % bz;
          const g = ix + bx * (iy + by * iz);
          let ex = Math.abs(px - gx[g]); ex = Math.min(ex, lx - ex); // periodic x
          let ez = is3D ? Math.abs(pz - gz[g]) : 0; ez = Math.min(ez, lz - ez);
          const ey = py - gy[g];
          const d = ex * ex + ey * ey + ez * ez;
          if (d < bestD || (d === bestD && g < best)) { bestD = d; best = g; }
        }
      }
    owner[x + nx * (y + ny * z)] = best;
  }
  const band: [number, number] | null = p.lsps_interlayer
    ? (() => { const f = lspsThicknessFraction(p.lif_particles ? p.lif_wt_pct : 0); const mid = film + seHeight / 2; return [mid - (f * seHeight) / 2, mid + (f * seHeight) / 2]; })()
    : null;
  for (let z = 0; z < nz; z++) for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) {
    const i = x + nx * (y + ny * z);
    const yc = (y + 0.5) * dx;
    if (yc < film) { material[i] = MAT_NONE; continue; }
    const o = owner[i];
    // a cell is boundary when its +x, +y or +z neighbour belongs to another grain (one cell wide)
    const ox = owner[(x + 1) % nx + nx * (y + ny * z)];
    const oy = y + 1 < ny ? owner[x + nx * (y + 1 + ny * z)] : o;
    const oz = is3D ? owner[x + nx * (y + ny * ((z + 1) % nz))] : o;
    const boundary = ox !== o || oy !== o || oz !== o;
    const inBand = band !== null && yc >= band[0] && yc < band[1];
    material[i] = inBand ? (boundary ? MAT_LSPS_GB : MAT_LSPS) : (boundary ? MAT_GB : MAT_GRAIN);
  }
  let lifFraction = 0, coverage = 0;
  if (p.lif_particles && p.lif_wt_pct > 0) {
    ({ lifFraction, coverage } = placeLif(p, grid, dx, seed, material, lifLined));
  }
  return { material, lifLined, grains, lifVolumeFraction: lifFraction, gbLifCoverage: coverage, lspsBand: band };
}

/** LiF particles centred on LPSCl grain-boundary cells (random order) until the volume fraction is met. */
function placeLif(
  p: ModelParams, grid: [number, number, number], dx: number, seed: number,
  material: Uint8Array, lifLined: Uint8Array,
): { lifFraction: number; coverage: number } {
  const [nx, ny, nz] = grid;
  const is3D = nz > 1;
  const candidates: number[] = [];
  let lpscl = 0;
  for (let i = 0; i < material.length; i++) {
    if (material[i] === MAT_GB) candidates.push(i);
    if (material[i] === MAT_GB || material[i] === MAT_GRAIN) lpscl++;
  }
  // deterministic shuffle by hashed keys
  const keyed = candidates.map((i, k) => ({ i, key: uniform01(seed, STREAM_LIF, 0, k) }));
  keyed.sort((a, b) => a.key - b.key || a.i - b.i);
  const target = lifVolumeFraction(p.lif_wt_pct) * lpscl;
  const r = Math.max(0.5 * dx, p.lif_particle_um / 2);
  const reach = Math.ceil(r / dx);
  const lineReach = r + dx; // boundary cells this close to a particle centre touch LiF
  const lineCells = Math.ceil(lineReach / dx);
  let placed = 0;
  for (const { i } of keyed) {
    if (placed >= target) break;
    const x0 = i % nx, y0 = Math.floor(i / nx) % ny, z0 = Math.floor(i / (nx * ny));
    for (let dz = is3D ? -lineCells : 0; dz <= (is3D ? lineCells : 0); dz++)
      for (let dy = -lineCells; dy <= lineCells; dy++)
        for (let ddx = -lineCells; ddx <= lineCells; ddx++) {
          const y = y0 + dy;
          if (y < 0 || y >= ny) continue;
          const x = (x0 + ddx + nx) % nx, z = (z0 + dz + nz) % nz;
          const j = x + nx * (y + ny * z);
          const d = Math.hypot(ddx, dy, dz) * dx;
          const m = material[j];
          if (d <= r && (m === MAT_GRAIN || m === MAT_GB)) { material[j] = MAT_LIF; placed++; }
          else if (d <= lineReach && m === MAT_GB) lifLined[j] = 1;
        }
  }
  let gb = 0, lined = 0;
  for (let i = 0; i < material.length; i++) {
    if (material[i] === MAT_LIF) lifLined[i] = 0;
    if (material[i] === MAT_GB) { gb++; if (lifLined[i]) lined++; }
  }
  return { lifFraction: lpscl > 0 ? placed / lpscl : 0, coverage: gb > 0 ? lined / gb : 0 };
}
