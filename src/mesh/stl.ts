// Binary STL: 80-byte header, triangle count, then per triangle a unit normal, three vertices
// (float32, little endian) and a zero attribute word. STL has no unit field, so the header says it.
import type { TriangleMesh } from './marching-cubes';

export const STL_HEADER_BYTES = 80;
export const STL_TRIANGLE_BYTES = 50;

/** header: ASCII text (cut to 80 bytes); must not start with "solid" (readers take that for ASCII STL) */
export function binarySTL(mesh: TriangleMesh, header = 'DendriteLab mesh, units: um'): Uint8Array {
  const { positions: p, indices: ix } = mesh;
  const count = Math.floor(ix.length / 3);
  const bytes = new Uint8Array(STL_HEADER_BYTES + 4 + STL_TRIANGLE_BYTES * count);
  const text = header.replace(/^solid/i, '_solid').replace(/[^\x20-\x7e]/g, '?').slice(0, STL_HEADER_BYTES);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  const view = new DataView(bytes.buffer);
  view.setUint32(STL_HEADER_BYTES, count, true);
  let o = STL_HEADER_BYTES + 4;
  for (let t = 0; t < count; t++) {
    const a = 3 * ix[3 * t], b = 3 * ix[3 * t + 1], c = 3 * ix[3 * t + 2];
    const ux = p[b] - p[a], uy = p[b + 1] - p[a + 1], uz = p[b + 2] - p[a + 2];
    const vx = p[c] - p[a], vy = p[c + 1] - p[a + 1], vz = p[c + 2] - p[a + 2];
    let nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
    const len = Math.hypot(nx, ny, nz);
    if (len > 0) { nx /= len; ny /= len; nz /= len; }
    for (const v of [nx, ny, nz, p[a], p[a + 1], p[a + 2], p[b], p[b + 1], p[b + 2], p[c], p[c + 1], p[c + 2]]) {
      view.setFloat32(o, v, true);
      o += 4;
    }
    view.setUint16(o, 0, true);
    o += 2;
  }
  return bytes;
}

/** Triangle count from a binary STL's header, or null when the byte length does not match it. */
export function stlTriangleCount(bytes: Uint8Array): number | null {
  if (bytes.length < STL_HEADER_BYTES + 4) return null;
  const n = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(STL_HEADER_BYTES, true);
  return bytes.length === STL_HEADER_BYTES + 4 + STL_TRIANGLE_BYTES * n ? n : null;
}
