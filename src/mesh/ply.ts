// PLY (Stanford polygon file), ASCII or binary little endian: float32 vertices, triangles as
// uchar-counted uint32 index lists. Comments carry the units and axis convention.
import type { TriangleMesh } from './marching-cubes';

export type PlyEncoding = 'ascii' | 'binary';

function header(mesh: TriangleMesh, encoding: PlyEncoding, comments: string[]): string {
  const lines = [
    'ply',
    `format ${encoding === 'ascii' ? 'ascii' : 'binary_little_endian'} 1.0`,
    // one comment per line, printable ASCII only (the header must stay parseable)
    ...comments.map((c) => `comment ${c.replace(/[^\x20-\x7e]/g, '?')}`),
    `element vertex ${mesh.positions.length / 3}`,
    'property float x', 'property float y', 'property float z',
    `element face ${mesh.indices.length / 3}`,
    'property list uchar uint vertex_indices',
    'end_header',
  ];
  return `${lines.join('\n')}\n`;
}

export function writePLY(mesh: TriangleMesh, encoding: PlyEncoding = 'binary', comments: string[] = ['units: um']): Uint8Array {
  const head = new TextEncoder().encode(header(mesh, encoding, comments));
  const { positions: p, indices: ix } = mesh;
  if (encoding === 'ascii') {
    const rows: string[] = [];
    for (let v = 0; v < p.length; v += 3) rows.push(`${p[v]} ${p[v + 1]} ${p[v + 2]}`);
    for (let t = 0; t < ix.length; t += 3) rows.push(`3 ${ix[t]} ${ix[t + 1]} ${ix[t + 2]}`);
    const body = new TextEncoder().encode(rows.length ? `${rows.join('\n')}\n` : '');
    const out = new Uint8Array(head.length + body.length);
    out.set(head);
    out.set(body, head.length);
    return out;
  }
  const faces = ix.length / 3;
  const out = new Uint8Array(head.length + 4 * p.length + 13 * faces);
  out.set(head);
  const view = new DataView(out.buffer);
  let o = head.length;
  for (let v = 0; v < p.length; v++, o += 4) view.setFloat32(o, p[v], true);
  for (let t = 0; t < ix.length; t += 3) {
    view.setUint8(o, 3);
    view.setUint32(o + 1, ix[t], true);
    view.setUint32(o + 5, ix[t + 1], true);
    view.setUint32(o + 9, ix[t + 2], true);
    o += 13;
  }
  return out;
}

export interface PlyHeader { format: string; vertices: number; faces: number; comments: string[]; bodyOffset: number }

/** Parse a PLY header (for tests and checks); null if it is not one. */
export function readPlyHeader(bytes: Uint8Array): PlyHeader | null {
  const probe = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 4096)));
  const end = probe.indexOf('end_header\n');
  if (!probe.startsWith('ply\n') || end < 0) return null;
  const lines = probe.slice(0, end).split('\n');
  const format = lines.find((l) => l.startsWith('format '))?.split(' ')[1] ?? '';
  const count = (name: string) => Number(lines.find((l) => l.startsWith(`element ${name} `))?.split(' ')[2]);
  const vertices = count('vertex');
  const faces = count('face');
  if (!format || !Number.isInteger(vertices) || !Number.isInteger(faces)) return null;
  const comments = lines.filter((l) => l.startsWith('comment ')).map((l) => l.slice(8));
  return { format, vertices, faces, comments, bodyOffset: end + 'end_header\n'.length };
}
