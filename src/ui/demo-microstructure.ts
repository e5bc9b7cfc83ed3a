// A synthetic solid-electrolyte microstructure for the 3D view's material hook (?materials=demo),
// until the engine provides one: Voronoi LPSCl grains with one-cell grain boundaries, a LiF layer
// two cells thick on the collector, and a few LSPS particles. Seeded, so it is the same each time.

/** mulberry32: a small seeded generator, enough for a picture */
function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const MATERIAL = { none: 0, grain: 1, boundary: 2, lif: 3, lsps: 4 } as const;

export function demoMicrostructure(nx: number, ny: number, nz: number, seed = 1): Uint8Array {
  const ids = new Uint8Array(nx * ny * nz);
  const rand = mulberry32(seed);
  const grainCells = 10; // mean grain size in cells
  const seeds = Array.from({ length: Math.max(4, Math.round((nx * ny * nz) / grainCells ** 3)) }, () => [rand() * nx, rand() * ny, rand() * nz]);
  const particles = Array.from({ length: 3 }, () => ({ c: [rand() * nx, (0.3 + 0.6 * rand()) * ny, rand() * nz], r: 1.5 + 2 * rand() }));
  let i = 0;
  for (let z = 0; z < nz; z++) for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++, i++) {
    const p = [x + 0.5, y + 0.5, z + 0.5];
    let d1 = Infinity;
    let d2 = Infinity;
    for (const s of seeds) {
      const d = Math.hypot(p[0] - s[0], p[1] - s[1], p[2] - s[2]);
      if (d < d1) { d2 = d1; d1 = d; } else if (d < d2) d2 = d;
    }
    let id: number = d2 - d1 < 0.8 ? MATERIAL.boundary : MATERIAL.grain;
    if (particles.some((q) => Math.hypot(p[0] - q.c[0], p[1] - q.c[1], p[2] - q.c[2]) < q.r)) id = MATERIAL.lsps;
    if (y < 2) id = MATERIAL.lif;
    ids[i] = id;
  }
  return ids;
}
