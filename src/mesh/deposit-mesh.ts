// The deposit (ξ > ½) of a run as a mesh file: marching cubes at ξ = ½ in µm, then STL or PLY.
// What the mesh worker runs; pure, so it is tested in Node.
import { marchingCubes, type TriangleMesh } from './marching-cubes';
import { writePLY } from './ply';
import { binarySTL } from './stl';

export type MeshFormat = 'stl' | 'ply-binary' | 'ply-ascii';
export const MESH_FORMATS: Record<MeshFormat, { label: string; extension: string; mime: string }> = {
  'stl': { label: 'STL (binary)', extension: 'stl', mime: 'model/stl' },
  'ply-binary': { label: 'PLY (binary)', extension: 'ply', mime: 'application/octet-stream' },
  'ply-ascii': { label: 'PLY (ASCII)', extension: 'ply', mime: 'text/plain' },
};

export interface DepositMeshRequest {
  xi: Float32Array;
  grid: [number, number, number];
  dx_um: number;
  format: MeshFormat;
  /** provenance written into the file header (preset, seed, time) */
  note?: string;
}

export interface DepositMeshFile {
  bytes: Uint8Array;
  triangles: number;
  vertices: number;
  /** wall time of marching cubes and of encoding (ms) */
  meshMs: number;
  encodeMs: number;
}

export const XI_ISO = 0.5;

export function depositMesh(xi: Float32Array, grid: [number, number, number], dx_um: number): TriangleMesh {
  const [nx, ny, nz] = grid;
  if (!(dx_um > 0) || !Number.isFinite(dx_um)) throw new Error(`cell size ${dx_um} µm is not a positive number`);
  if (![nx, ny, nz].every((n) => Number.isInteger(n) && n >= 1) || xi.length !== nx * ny * nz) {
    throw new Error(`ξ has ${xi.length} values, the grid ${grid.join('×')} needs ${nx * ny * nz}`);
  }
  return marchingCubes(xi, { nx, ny, nz, spacing: dx_um }, XI_ISO);
}

export function depositMeshFile(req: DepositMeshRequest): DepositMeshFile {
  const t0 = performance.now();
  const mesh = depositMesh(req.xi, req.grid, req.dx_um);
  const t1 = performance.now();
  const about = [
    'DendriteLab Li deposit, iso-surface xi = 0.5',
    'units: um (micrometres); y = growth direction, current collector at y = 0',
    `grid ${req.grid.join(' x ')} cells of ${req.dx_um} um`,
    ...(req.note ? [req.note] : []),
  ];
  const fmt = MESH_FORMATS[req.format] ? req.format : 'stl';
  const bytes = fmt === 'stl'
    ? binarySTL(mesh, `DendriteLab Li deposit xi=0.5, units um, y up, ${req.grid.join('x')} x ${req.dx_um} um`)
    : writePLY(mesh, fmt === 'ply-ascii' ? 'ascii' : 'binary', about);
  return { bytes, triangles: mesh.indices.length / 3, vertices: mesh.positions.length / 3, meshMs: t1 - t0, encodeMs: performance.now() - t1 };
}
