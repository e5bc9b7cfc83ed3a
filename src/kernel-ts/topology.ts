// Connected components of the deposit (ξ > ½): which metal is attached to the collector,
// how high it reaches, and whether it touches the counter electrode (short circuit).
// Breadth-first search with a parent array so the percolating path can be traced back.

export interface TopologyResult {
  attachedTopY: number;   // highest cell row of the attached deposit (−1 if none)
  maxHeight: number;      // interpolated ξ = ½ height of the attached deposit (µm)
  shortCell: number;      // index of an attached cell in the top row, or −1
}

export class Topology {
  readonly queue: Int32Array;
  readonly parent: Int32Array;   // −2 = not visited, −1 = root (collector row)

  constructor(readonly nx: number, readonly ny: number, readonly nz: number) {
    const n = nx * ny * nz;
    this.queue = new Int32Array(n);
    this.parent = new Int32Array(n);
  }

  analyse(xi: Float32Array, dx: number): TopologyResult {
    const { nx, ny, nz, queue, parent } = this;
    const nxy = nx * ny;
    parent.fill(-2);
    let head = 0;
    let tail = 0;
    for (let z = 0; z < nz; z++) {
      for (let x = 0; x < nx; x++) {
        const i = x + nxy * z;
        if (xi[i] > 0.5) { parent[i] = -1; queue[tail++] = i; }
      }
    }
    let topY = -1;
    let maxHeight = 0;
    let shortCell = -1;
    while (head < tail) {
      const i = queue[head++];
      const x = i % nx;
      const y = ((i - x) / nx) % ny;
      const z = (i - x - nx * y) / nxy;
      // interpolated height of the ξ = ½ crossing above this cell
      const above = y + 1 < ny ? xi[i + nx] : 0;
      if (above <= 0.5) {
        const xiHere = xi[i];
        const frac = xiHere - above > 1e-12 ? (xiHere - 0.5) / (xiHere - above) : 0.5;
        const h = (y + 0.5 + frac) * dx;
        if (h > maxHeight) maxHeight = h;
      }
      if (y > topY) topY = y;
      if (y === ny - 1 && shortCell < 0) shortCell = i;
      // neighbours: x periodic, y bounded, z periodic (only when nz > 1)
      const xm = x === 0 ? i + nx - 1 : i - 1;
      const xp = x === nx - 1 ? i - nx + 1 : i + 1;
      tail = this.visit(xi, xm, i, tail);
      tail = this.visit(xi, xp, i, tail);
      if (y > 0) tail = this.visit(xi, i - nx, i, tail);
      if (y < ny - 1) tail = this.visit(xi, i + nx, i, tail);
      if (nz > 1) {
        const zm = z === 0 ? i + nxy * (nz - 1) : i - nxy;
        const zp = z === nz - 1 ? i - nxy * (nz - 1) : i + nxy;
        tail = this.visit(xi, zm, i, tail);
        tail = this.visit(xi, zp, i, tail);
      }
      tail = this.visitDiagonals(xi, i, x, y, z, tail);
    }
    return { attachedTopY: topY, maxHeight: Math.min(maxHeight, ny * dx), shortCell };
  }

  /** edge and corner neighbours after the faces, in the AssemblyScript twin's order (see there: why) */
  private visitDiagonals(xi: Float32Array, i: number, x: number, y: number, z: number, tail: number): number {
    const { nx, ny, nz } = this;
    const nxy = nx * ny;
    const zLo = nz > 1 ? -1 : 0, zHi = nz > 1 ? 1 : 0;
    for (let dz = zLo; dz <= zHi; dz++) {
      const zz = z + dz < 0 ? nz - 1 : (z + dz >= nz ? 0 : z + dz);
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= ny) continue;
        for (let ddx = -1; ddx <= 1; ddx++) {
          if (Math.abs(ddx) + Math.abs(dy) + Math.abs(dz) < 2) continue; // faces are done
          const xx = x + ddx < 0 ? nx - 1 : (x + ddx >= nx ? 0 : x + ddx);
          tail = this.visit(xi, xx + nx * yy + nxy * zz, i, tail);
        }
      }
    }
    return tail;
  }

  private visit(xi: Float32Array, j: number, from: number, tail: number): number {
    if (this.parent[j] === -2 && xi[j] > 0.5) {
      this.parent[j] = from;
      this.queue[tail++] = j;
    }
    return tail;
  }

  /** cells from the short-circuit contact back down to the collector */
  pathFrom(cell: number): Uint32Array {
    const path: number[] = [];
    let i = cell;
    while (i >= 0 && path.length <= this.parent.length) {
      path.push(i);
      i = this.parent[i];
    }
    return Uint32Array.from(path);
  }
}
