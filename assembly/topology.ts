// Attached-deposit search (mirror of src/kernel-ts/topology.ts): BFS from the collector row through
// ξ > ½, parent links for the short-circuit path.
import { allocBytes } from './memory';

// @ts-ignore: decorator
@inline function li(p: usize, i: i32): i32 { return load<i32>(p + (<usize>i << 2)); }
// @ts-ignore: decorator
@inline function si(p: usize, i: i32, v: i32): void { store<i32>(p + (<usize>i << 2), v); }
// @ts-ignore: decorator
@inline function lf(p: usize, i: i32): f64 { return <f64>load<f32>(p + (<usize>i << 2)); }

export class Topology {
  nx: i32; ny: i32; nz: i32;
  queue: usize; parent: usize; path: usize;
  live: usize = 0;   // f32 per cell: 1 where Li may react, 0 around metal cut off from the collector
  hasDead: bool = false;
  deadSum: f64 = 0;  // Σξ over the cut-off region (cells)
  pathLength: i32 = 0;
  maxHeight: f64 = 0;
  shortCell: i32 = -1;

  constructor(nx: i32, ny: i32, nz: i32) {
    this.nx = nx; this.ny = ny; this.nz = nz;
    const n = nx * ny * nz;
    this.queue = allocBytes(<usize>n << 2);
    this.parent = allocBytes(<usize>n << 2);
    this.path = allocBytes(<usize>n << 2);
    this.live = allocBytes(<usize>n << 2);
  }

  @inline visit(xi: usize, j: i32, from: i32, tail: i32): i32 {
    if (li(this.parent, j) == -2 && lf(xi, j) > 0.5) {
      si(this.parent, j, from);
      si(this.queue, tail, j);
      return tail + 1;
    }
    return tail;
  }

  analyse(xi: usize, dx: f64): void {
    const nx = this.nx, ny = this.ny, nz = this.nz;
    const nxy = nx * ny;
    const n = nxy * nz;
    for (let i = 0; i < n; i++) si(this.parent, i, -2);
    let head = 0, tail = 0;
    for (let z = 0; z < nz; z++)
      for (let x = 0; x < nx; x++) {
        const i = x + nxy * z;
        if (lf(xi, i) > 0.5) { si(this.parent, i, -1); si(this.queue, tail++, i); }
      }
    let maxHeight: f64 = 0;
    let shortCell = -1;
    while (head < tail) {
      const i = li(this.queue, head++);
      const x = i % nx;
      const y = ((i - x) / nx) % ny;
      const z = (i - x - nx * y) / nxy;
      const above = y + 1 < ny ? lf(xi, i + nx) : 0.0;
      if (above <= 0.5) {
        const xiHere = lf(xi, i);
        const frac = xiHere - above > 1e-12 ? (xiHere - 0.5) / (xiHere - above) : 0.5;
        const h = (<f64>y + 0.5 + frac) * dx;
        if (h > maxHeight) maxHeight = h;
      }
      if (y == ny - 1 && shortCell < 0) shortCell = i;
      const xm = x == 0 ? i + nx - 1 : i - 1;
      const xp = x == nx - 1 ? i - nx + 1 : i + 1;
      tail = this.visit(xi, xm, i, tail);
      tail = this.visit(xi, xp, i, tail);
      if (y > 0) tail = this.visit(xi, i - nx, i, tail);
      if (y < ny - 1) tail = this.visit(xi, i + nx, i, tail);
      if (nz > 1) {
        const zm = z == 0 ? i + nxy * (nz - 1) : i - nxy;
        const zp = z == nz - 1 ? i - nxy * (nz - 1) : i + nxy;
        tail = this.visit(xi, zm, i, tail);
        tail = this.visit(xi, zp, i, tail);
      }
    }
    this.maxHeight = Math.min(maxHeight, <f64>ny * dx);
    this.shortCell = shortCell;
  }

  /**
   * After analyse(): metal (ξ > ½) not reached from the collector is dead Li. It and the diffuse
   * interface around it (`passes` cells, not touching attached metal) stop reacting.
   */
  markDead(xi: usize, passes: i32): void {
    const nx = this.nx, ny = this.ny, nz = this.nz, nxy = nx * ny, n = nxy * nz;
    let any = false;
    for (let i = 0; i < n; i++) {
      const dead = lf(xi, i) > 0.5 && li(this.parent, i) == -2;
      store<f32>(this.live + (<usize>i << 2), dead ? 0 : 1);
      if (dead) any = true;
    }
    this.hasDead = any;
    this.deadSum = 0;
    if (!any) return;
    // two dilation passes into the interface; queue doubles as the pass's scratch list
    for (let pass = 0; pass < passes; pass++) {
      let count = 0;
      for (let i = 0; i < n; i++) {
        if (load<f32>(this.live + (<usize>i << 2)) == 0 || lf(xi, i) > 0.5) continue;
        const x = i % nx, y = ((i - x) / nx) % ny, z = (i - x - nx * y) / nxy;
        let nearDead = false, nearAttached = false;
        for (let k = 0; k < 6; k++) {
          let j: i32 = -1;
          if (k == 0) j = x == 0 ? i + nx - 1 : i - 1;
          else if (k == 1) j = x == nx - 1 ? i - nx + 1 : i + 1;
          else if (k == 2) j = y > 0 ? i - nx : -1;
          else if (k == 3) j = y < ny - 1 ? i + nx : -1;
          else if (nz > 1 && k == 4) j = z == 0 ? i + nxy * (nz - 1) : i - nxy;
          else if (nz > 1 && k == 5) j = z == nz - 1 ? i - nxy * (nz - 1) : i + nxy;
          if (j < 0) continue;
          if (load<f32>(this.live + (<usize>j << 2)) == 0) nearDead = true;
          if (li(this.parent, j) != -2 && lf(xi, j) > 0.5) nearAttached = true;
        }
        if (nearDead && !nearAttached) si(this.queue, count++, i);
      }
      for (let q = 0; q < count; q++) store<f32>(this.live + (<usize>li(this.queue, q) << 2), 0);
    }
    let sum: f64 = 0;
    for (let i = 0; i < n; i++) if (load<f32>(this.live + (<usize>i << 2)) == 0) sum += lf(xi, i);
    this.deadSum = sum;
  }

  tracePath(cell: i32): void {
    let i = cell;
    let len = 0;
    const n = this.nx * this.ny * this.nz;
    while (i >= 0 && len < n) { si(this.path, len++, i); i = li(this.parent, i); }
    this.pathLength = len;
  }
}
