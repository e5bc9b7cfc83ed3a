// Marching cubes on a cell-centred scalar grid (index x + nx*(y + ny*z)), with the standard
// 256-case table (Bourke/Bloyd, as shipped with three.js). The grid is padded by one layer of
// "outside" (value 0) on every side, so the surface of anything touching the domain boundary is
// closed there. Vertices live on grid edges and are shared between the cubes that meet at an edge,
// so the mesh is watertight by construction; triangles wind counter-clockwise seen from outside
// (outward normals by the right-hand rule). Pure: no DOM, no three.js objects.
import { triTable } from 'three/examples/jsm/objects/MarchingCubes.js';

export interface GridShape {
  nx: number;
  ny: number;
  nz: number;
  /** cell size (the unit of the output coordinates, e.g. µm) */
  spacing: number;
}

export interface TriangleMesh {
  /** xyz per vertex; cell (i, j, k) has its centre at ((i + ½)·spacing, (j + ½)·spacing, (k + ½)·spacing) */
  positions: Float32Array;
  /** three vertex indices per triangle */
  indices: Uint32Array;
}

// Corner offsets in the table's order: 0 (0,0,0), 1 (1,0,0), 2 (1,1,0), 3 (0,1,0), then +z.
const CORNER = [[0, 0, 0], [1, 0, 0], [1, 1, 0], [0, 1, 0], [0, 0, 1], [1, 0, 1], [1, 1, 1], [0, 1, 1]];
// Each table edge as (axis, offset of its lower end); axis 0 = x, 1 = y, 2 = z.
const EDGE: [number, number, number, number][] = [
  [0, 0, 0, 0], [1, 1, 0, 0], [0, 0, 1, 0], [1, 0, 0, 0],
  [0, 0, 0, 1], [1, 1, 0, 1], [0, 0, 1, 1], [1, 0, 0, 1],
  [2, 0, 0, 0], [2, 1, 0, 0], [2, 1, 1, 0], [2, 0, 1, 0],
];
// Keeps vertices off grid points: a value exactly at the iso level would otherwise put vertices of
// different edges on one point and make zero-area, non-manifold triangles.
const EDGE_EPS = 1e-4;

class Growable<T extends Float32Array | Uint32Array> {
  length = 0;
  constructor(private data: T, private readonly make: (n: number) => T) {}
  push3(a: number, b: number, c: number): void {
    if (this.length + 3 > this.data.length) {
      const next = this.make(Math.max(64, this.data.length * 2));
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = a;
    this.data[this.length++] = b;
    this.data[this.length++] = c;
  }
  result(): T {
    return this.data.slice(0, this.length) as T;
  }
}

/**
 * Iso-surface { value = iso } of a grid where "inside" means value > iso. Non-finite values count
 * as outside. Works on any nx, ny, nz ≥ 1 (a 2D field gives a one-cell-thick slab).
 */
export function marchingCubes(values: ArrayLike<number>, shape: GridShape, iso = 0.5): TriangleMesh {
  const { nx, ny, nz, spacing } = shape;
  if (![nx, ny, nz].every((n) => Number.isInteger(n) && n >= 1) || values.length < nx * ny * nz) {
    throw new Error(`marchingCubes: grid ${nx}×${ny}×${nz} does not match ${values.length} values`);
  }
  // point layers of the padded grid: points i = -1 … nx (px of them), stored at i + 1
  const px = nx + 2;
  const py = ny + 2;
  const layerSize = px * py;
  let lo = new Float32Array(layerSize);
  let hi = new Float32Array(layerSize);
  // vertex index per grid edge: x- and y-edges of the two point layers, z-edges between them
  let xLo = new Int32Array(layerSize).fill(-1);
  let yLo = new Int32Array(layerSize).fill(-1);
  let xHi = new Int32Array(layerSize).fill(-1);
  let yHi = new Int32Array(layerSize).fill(-1);
  const zMid = new Int32Array(layerSize);
  const positions = new Growable(new Float32Array(0), (n) => new Float32Array(n));
  const indices = new Growable(new Uint32Array(0), (n) => new Uint32Array(n));
  let vertexCount = 0;

  const fillLayer = (layer: Float32Array, k: number) => {
    layer.fill(0);
    if (k < 0 || k >= nz) return;
    for (let j = 0; j < ny; j++) {
      const src = nx * (j + ny * k);
      const dst = (j + 1) * px + 1;
      for (let i = 0; i < nx; i++) {
        const v = values[src + i];
        layer[dst + i] = Number.isFinite(v) ? v : 0;
      }
    }
  };

  const corner = new Float64Array(8);
  const edgeVertex = new Int32Array(12);
  fillLayer(hi, -1);
  for (let k = -1; k < nz; k++) {
    // advance: the old top layer becomes the bottom one
    [lo, hi] = [hi, lo];
    [xLo, xHi] = [xHi, xLo];
    [yLo, yHi] = [yHi, yLo];
    fillLayer(hi, k + 1);
    xHi.fill(-1);
    yHi.fill(-1);
    zMid.fill(-1);
    for (let j = -1; j < ny; j++) {
      for (let i = -1; i < nx; i++) {
        const p = (j + 1) * px + (i + 1); // point (i, j) within a layer
        let cube = 0;
        for (let c = 0; c < 8; c++) {
          const [ci, cj, ck] = CORNER[c];
          const v = (ck ? hi : lo)[p + ci + cj * px];
          corner[c] = v;
          if (v <= iso) cube |= 1 << c; // table convention: bit set = below the level (outside)
        }
        if (cube === 0 || cube === 255) continue;
        const row = cube * 16;
        for (let t = 0; t < 16 && triTable[row + t] >= 0; t++) {
          const e = triTable[row + t];
          edgeVertex[e] = -2; // needed; resolved below
        }
        for (let e = 0; e < 12; e++) {
          if (edgeVertex[e] !== -2) continue;
          const [axis, di, dj, dk] = EDGE[e];
          const q = p + di + dj * px;
          const cache = axis === 2 ? zMid : axis === 0 ? (dk ? xHi : xLo) : (dk ? yHi : yLo);
          let v = cache[q];
          if (v < 0) {
            const a = (dk ? hi : lo)[q];
            const b = axis === 2 ? hi[q] : (dk ? hi : lo)[q + (axis === 0 ? 1 : px)];
            let f = (iso - a) / (b - a);
            f = Math.min(1 - EDGE_EPS, Math.max(EDGE_EPS, Number.isFinite(f) ? f : 0.5));
            const x = i + di + (axis === 0 ? f : 0);
            const y = j + dj + (axis === 1 ? f : 0);
            const z = k + dk + (axis === 2 ? f : 0);
            positions.push3((x + 0.5) * spacing, (y + 0.5) * spacing, (z + 0.5) * spacing);
            v = cache[q] = vertexCount++;
          }
          edgeVertex[e] = v;
        }
        for (let t = 0; t < 16 && triTable[row + t] >= 0; t += 3) {
          // with bits set below the level, the table winds counter-clockwise seen from outside
          indices.push3(edgeVertex[triTable[row + t]], edgeVertex[triTable[row + t + 1]], edgeVertex[triTable[row + t + 2]]);
        }
        edgeVertex.fill(0);
      }
    }
  }
  return { positions: positions.result(), indices: indices.result() };
}

/** Enclosed volume (divergence theorem); positive for outward-facing triangles. */
export function meshVolume(mesh: TriangleMesh): number {
  const { positions: p, indices: ix } = mesh;
  let v = 0;
  for (let t = 0; t < ix.length; t += 3) {
    const a = 3 * ix[t], b = 3 * ix[t + 1], c = 3 * ix[t + 2];
    v += p[a] * (p[b + 1] * p[c + 2] - p[b + 2] * p[c + 1])
      - p[a + 1] * (p[b] * p[c + 2] - p[b + 2] * p[c])
      + p[a + 2] * (p[b] * p[c + 1] - p[b + 1] * p[c]);
  }
  return v / 6;
}

/** Total triangle area. */
export function meshArea(mesh: TriangleMesh): number {
  const { positions: p, indices: ix } = mesh;
  let s = 0;
  for (let t = 0; t < ix.length; t += 3) {
    const a = 3 * ix[t], b = 3 * ix[t + 1], c = 3 * ix[t + 2];
    const ux = p[b] - p[a], uy = p[b + 1] - p[a + 1], uz = p[b + 2] - p[a + 2];
    const vx = p[c] - p[a], vy = p[c + 1] - p[a + 1], vz = p[c + 2] - p[a + 2];
    s += Math.hypot(uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx);
  }
  return s / 2;
}
