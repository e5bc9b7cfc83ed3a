// Deposit mesh export: marching cubes on ξ = ½ gives a closed, consistently oriented surface with
// the right volume and area; the STL and PLY writers produce files whose headers match their bodies.
import { describe, expect, test } from 'vitest';
import { marchingCubes, meshArea, meshVolume, type TriangleMesh } from '../../src/mesh/marching-cubes';
import { binarySTL, stlTriangleCount, STL_HEADER_BYTES, STL_TRIANGLE_BYTES } from '../../src/mesh/stl';
import { readPlyHeader, writePLY } from '../../src/mesh/ply';
import { depositMeshFile } from '../../src/mesh/deposit-mesh';
import { mulberry32 } from '../support/prng';

/** ξ of a diffuse sphere: ½(1 − tanh((r − R)/w)), cell-centred on an n³ grid of spacing dx. */
function sphereField(n: number, dx: number, centre: [number, number, number], R: number, w = 1.0 * dx): Float32Array {
  const xi = new Float32Array(n * n * n);
  for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) {
    const r = Math.hypot((i + 0.5) * dx - centre[0], (j + 0.5) * dx - centre[1], (k + 0.5) * dx - centre[2]);
    xi[i + n * (j + n * k)] = 0.5 * (1 - Math.tanh((r - R) / w));
  }
  return xi;
}

/** Indices after merging vertices at the same position (to 1e-6 of the coordinate scale). */
function mergedTriangles(mesh: TriangleMesh): number[][] {
  const ids = new Map<string, number>();
  const p = mesh.positions;
  const id = (v: number) => {
    const key = `${Math.round(p[3 * v] * 1e6)},${Math.round(p[3 * v + 1] * 1e6)},${Math.round(p[3 * v + 2] * 1e6)}`;
    let k = ids.get(key);
    if (k === undefined) ids.set(key, (k = ids.size));
    return k;
  };
  const tris: number[][] = [];
  for (let t = 0; t < mesh.indices.length; t += 3) tris.push([id(mesh.indices[t]), id(mesh.indices[t + 1]), id(mesh.indices[t + 2])]);
  return tris;
}

/** Problems with closedness and orientation: every edge in exactly two triangles, once each way. */
function topologyProblems(mesh: TriangleMesh): string[] {
  const directed = new Map<string, number>();
  const problems: string[] = [];
  for (const [a, b, c] of mergedTriangles(mesh)) {
    if (a === b || b === c || c === a) { problems.push(`degenerate triangle ${a},${b},${c}`); continue; }
    for (const [u, v] of [[a, b], [b, c], [c, a]]) directed.set(`${u}>${v}`, (directed.get(`${u}>${v}`) ?? 0) + 1);
  }
  for (const [key, count] of directed) {
    const [u, v] = key.split('>');
    if (count !== 1) problems.push(`directed edge ${key} used ${count} times`);
    if (directed.get(`${v}>${u}`) !== 1) problems.push(`edge ${key} has no opposite`);
  }
  return problems.slice(0, 10);
}

describe('marching cubes on ξ = ½', () => {
  const n = 32;
  const dx = 0.5; // µm
  const R = 5;    // µm, 10 cells
  const mesh = marchingCubes(sphereField(n, dx, [8, 8, 8], R), { nx: n, ny: n, nz: n, spacing: dx });

  test('a diffuse sphere gives a closed, consistently oriented surface', () => {
    expect(mesh.indices.length / 3).toBeGreaterThan(0);
    expect(topologyProblems(mesh)).toEqual([]);
  });

  test('volume (divergence theorem) within 3 % and area within 5 % of the sphere', () => {
    const v = meshVolume(mesh);
    const a = meshArea(mesh);
    expect(v).toBeGreaterThan(0); // outward normals
    expect(Math.abs(v / ((4 / 3) * Math.PI * R ** 3) - 1)).toBeLessThan(0.03);
    expect(Math.abs(a / (4 * Math.PI * R ** 2) - 1)).toBeLessThan(0.05);
  });

  test('coordinates are physical: cell centres at (i + ½)·dx', () => {
    let lo = Infinity, hi = -Infinity;
    for (let v = 1; v < mesh.positions.length; v += 3) { lo = Math.min(lo, mesh.positions[v]); hi = Math.max(hi, mesh.positions[v]); }
    expect(lo).toBeCloseTo(8 - R, 1);
    expect(hi).toBeCloseTo(8 + R, 1);
  });

  test('a sphere cut by the domain boundary is closed by the padding', () => {
    // centre on the y = 0 face (a nucleus on the collector) and across the x = max face
    const cut = marchingCubes(sphereField(n, dx, [15, 0.2, 8], R), { nx: n, ny: n, nz: n, spacing: dx });
    expect(cut.indices.length).toBeGreaterThan(0);
    expect(topologyProblems(cut)).toEqual([]);
    expect(meshVolume(cut)).toBeGreaterThan(0);
  });

  test('random fields (every case of the table, ambiguous faces included) stay closed and oriented', () => {
    const rand = mulberry32(42);
    for (const [nx, ny, nz, binary] of [[9, 7, 5, 0], [16, 16, 16, 1], [6, 6, 1, 0], [1, 1, 1, 0], [3, 1, 4, 1]]) {
      // binary 0/1 cells (a pixelated deposit) hit the ambiguous face cases often
      const field = Float32Array.from({ length: nx * ny * nz }, () => (binary ? Math.round(rand()) : rand()));
      const m = marchingCubes(field, { nx, ny, nz, spacing: 1 });
      expect(topologyProblems(m), `${nx}×${ny}×${nz}`).toEqual([]);
      if (field.some((v) => v > 0.5)) expect(meshVolume(m)).toBeGreaterThan(0);
      else expect(m.indices.length).toBe(0);
    }
  });

  test('values exactly at the level, NaN and ±Infinity do not break the surface', () => {
    const field = new Float32Array(4 * 4 * 4).fill(0.5);
    field[5] = NaN; field[21] = Infinity; field[42] = -Infinity; field[22] = 1;
    const m = marchingCubes(field, { nx: 4, ny: 4, nz: 4, spacing: 1 });
    expect(topologyProblems(m)).toEqual([]);
    expect(m.positions.every(Number.isFinite)).toBe(true);
  });

  test('an empty field has no triangles; a bad grid throws', () => {
    const empty = marchingCubes(new Float32Array(8 * 8 * 8), { nx: 8, ny: 8, nz: 8, spacing: 1 });
    expect(empty.indices.length).toBe(0);
    expect(empty.positions.length).toBe(0);
    expect(() => marchingCubes(new Float32Array(10), { nx: 8, ny: 8, nz: 8, spacing: 1 })).toThrow(/does not match/);
  });
});

describe('STL and PLY writers', () => {
  const mesh = marchingCubes(sphereField(16, 1, [8, 8, 8], 4), { nx: 16, ny: 16, nz: 16, spacing: 1 });
  const triangles = mesh.indices.length / 3;

  test('binary STL: header, triangle count and byte length agree; normals point outward', () => {
    const stl = binarySTL(mesh, 'solid-looking header with µm');
    expect(stl.length).toBe(STL_HEADER_BYTES + 4 + STL_TRIANGLE_BYTES * triangles);
    expect(stlTriangleCount(stl)).toBe(triangles);
    expect(new TextDecoder().decode(stl.subarray(0, 5))).not.toBe('solid');
    const view = new DataView(stl.buffer);
    // first triangle: normal · (centroid − sphere centre) > 0
    const o = STL_HEADER_BYTES + 4;
    const f = (k: number) => view.getFloat32(o + 4 * k, true);
    const centroid = [0, 1, 2].map((a) => (f(3 + a) + f(6 + a) + f(9 + a)) / 3 - 8);
    expect(f(0) * centroid[0] + f(1) * centroid[1] + f(2) * centroid[2]).toBeGreaterThan(0);
    expect(Math.hypot(f(0), f(1), f(2))).toBeCloseTo(1, 5);
  });

  test('binary and ASCII PLY headers parse and match the body', () => {
    const bin = writePLY(mesh, 'binary', ['units: um']);
    const h = readPlyHeader(bin)!;
    expect(h).toMatchObject({ format: 'binary_little_endian', vertices: mesh.positions.length / 3, faces: triangles, comments: ['units: um'] });
    expect(bin.length - h.bodyOffset).toBe(12 * h.vertices + 13 * h.faces);
    const ascii = writePLY(mesh, 'ascii', ['units: um', 'second line\nwith a newline']);
    const a = readPlyHeader(ascii)!;
    expect(a).toMatchObject({ format: 'ascii', vertices: h.vertices, faces: triangles });
    expect(a.comments).toHaveLength(2);
    const body = new TextDecoder().decode(ascii.subarray(a.bodyOffset)).trim().split('\n');
    expect(body).toHaveLength(h.vertices + h.faces);
    expect(body[h.vertices]).toMatch(/^3 \d+ \d+ \d+$/);
  });

  test('an empty deposit gives valid empty files', () => {
    const grid: [number, number, number] = [8, 8, 8];
    const xi = new Float32Array(512);
    const stl = depositMeshFile({ xi, grid, dx_um: 0.5, format: 'stl' });
    expect(stl.triangles).toBe(0);
    expect(stl.bytes.length).toBe(STL_HEADER_BYTES + 4);
    expect(stlTriangleCount(stl.bytes)).toBe(0);
    for (const format of ['ply-binary', 'ply-ascii'] as const) {
      const ply = depositMeshFile({ xi, grid, dx_um: 0.5, format });
      expect(readPlyHeader(ply.bytes)).toMatchObject({ vertices: 0, faces: 0 });
      expect(ply.bytes.length).toBe(readPlyHeader(ply.bytes)!.bodyOffset);
    }
  });

  test('deposit files are in µm and reject a field that does not fit the grid', () => {
    const xi = sphereField(16, 0.25, [2, 2, 2], 1);
    const file = depositMeshFile({ xi, grid: [16, 16, 16], dx_um: 0.25, format: 'ply-ascii', note: 'preset test' });
    const h = readPlyHeader(file.bytes)!;
    expect(h.comments.join('\n')).toMatch(/units: um/);
    expect(h.comments).toContain('preset test');
    expect(file.triangles).toBe(h.faces);
    expect(() => depositMeshFile({ xi, grid: [16, 16, 8], dx_um: 0.25, format: 'stl' })).toThrow(/needs 2048/);
    expect(() => depositMeshFile({ xi, grid: [16, 16, 16], dx_um: Number.NaN, format: 'stl' })).toThrow(/cell size/);
  });
});
