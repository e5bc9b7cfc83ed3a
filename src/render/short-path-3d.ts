// The short-circuit path in 3D: a small cube at each cell of the path and a line through the cell
// centres, drawn over everything (the path runs inside the metal, where it would be hidden).
import {
  BoxGeometry, BufferGeometry, Float32BufferAttribute, Group, InstancedMesh, LineBasicMaterial, LineSegments,
  Matrix4, MeshBasicMaterial,
} from 'three';

export interface PathGrid { nx: number; ny: number; nz: number; dx_um: number }

const MAX_CUBES = 65536; // longer paths are thinned evenly (the line keeps every cell)
const PATH_COLOR = 0xff2952;

export class ShortPath3D {
  readonly object = new Group();
  private readonly cubeGeometry = new BoxGeometry(1, 1, 1);
  private readonly cubeMaterial = new MeshBasicMaterial({ color: PATH_COLOR, transparent: true, opacity: 0.85, depthTest: false, depthWrite: false });
  private readonly lineMaterial = new LineBasicMaterial({ color: 0xffe0e6, transparent: true, opacity: 0.9, depthTest: false, depthWrite: false });
  private cubes: InstancedMesh | null = null;
  private line: LineSegments | null = null;

  constructor() {
    this.object.renderOrder = 20;
  }

  /** cells: indices x + nx*(y + ny*z); null or empty clears. Indices outside the grid are skipped. */
  set(cells: Uint32Array | null, grid: PathGrid): void {
    this.clear();
    const { nx, ny, nz, dx_um: dx } = grid;
    const n = nx * ny * nz;
    const valid = cells ? Array.from(cells).filter((c) => c < n) : [];
    if (valid.length === 0) return;
    const coords = valid.map((c) => [c % nx, Math.floor(c / nx) % ny, Math.floor(c / (nx * ny))]);
    const stride = Math.ceil(coords.length / MAX_CUBES);
    const shown = coords.filter((_, i) => i % stride === 0);
    const cubes = new InstancedMesh(this.cubeGeometry, this.cubeMaterial, shown.length);
    const m = new Matrix4();
    shown.forEach(([x, y, z], i) => {
      m.makeScale(0.7 * dx, 0.7 * dx, 0.7 * dx).setPosition((x + 0.5) * dx, (y + 0.5) * dx, (z + 0.5) * dx);
      cubes.setMatrixAt(i, m);
    });
    cubes.renderOrder = 20;
    cubes.frustumCulled = false;
    // segments only between touching cells (the path steps across faces, edges or corners): a step across
    // the periodic x/z boundary is no segment
    const seg: number[] = [];
    for (let i = 1; i < coords.length; i++) {
      const [a, b] = [coords[i - 1], coords[i]];
      if (Math.max(Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1]), Math.abs(a[2] - b[2])) !== 1) continue;
      for (const c of [a, b]) seg.push((c[0] + 0.5) * dx, (c[1] + 0.5) * dx, (c[2] + 0.5) * dx);
    }
    const geometry = new BufferGeometry();
    geometry.setAttribute('position', new Float32BufferAttribute(seg, 3));
    const line = new LineSegments(geometry, this.lineMaterial);
    line.renderOrder = 21;
    line.frustumCulled = false;
    this.cubes = cubes;
    this.line = line;
    this.object.add(cubes, line);
  }

  get count(): number {
    return this.cubes?.count ?? 0;
  }

  private clear(): void {
    if (this.cubes) { this.object.remove(this.cubes); this.cubes.dispose(); }
    if (this.line) { this.object.remove(this.line); this.line.geometry.dispose(); }
    this.cubes = this.line = null;
  }

  dispose(): void {
    this.clear();
    this.cubeGeometry.dispose();
    this.cubeMaterial.dispose();
    this.lineMaterial.dispose();
  }
}
