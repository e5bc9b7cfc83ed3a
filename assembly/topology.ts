// Attached-deposit search (mirror of src/kernel-ts/topology.ts): BFS from the collector row through
// ξ > ½ (face, edge and corner neighbours), parent links for the short-circuit path.
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

  /**
   * Metal touching across a cell edge or corner is connected too (8 neighbours in 2D, 26 in 3D), after the
   * face neighbours. With faces only, a cell that touches the deposit across a corner flickered: cut off
   * when it crossed ξ = ½ (φ_s jumped), pulled back below ½ by relaxation, reacting again, every step,
   * which held the time step at ~1e-5 s (lpscl-cu-5MPa seed 1 near t = 6385 s: 9 min of wall).
   */
  visitDiagonals(xi: usize, i: i32, x: i32, y: i32, z: i32, tail: i32): i32 {
    const nx = this.nx, ny = this.ny, nz = this.nz, nxy = nx * ny;
    const zLo = nz > 1 ? -1 : 0, zHi = nz > 1 ? 1 : 0;
    for (let dz = zLo; dz <= zHi; dz++) {
      const zz = z + dz < 0 ? nz - 1 : (z + dz >= nz ? 0 : z + dz);
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= ny) continue;
        for (let ddx = -1; ddx <= 1; ddx++) {
          if (abs(ddx) + abs(dy) + abs(dz) < 2) continue; // faces are done (and not (ddx≠0 ? 1 : 0) + …: asc types that sum bool)
          const xx = x + ddx < 0 ? nx - 1 : (x + ddx >= nx ? 0 : x + ddx);
          tail = this.visit(xi, xx + nx * yy + nxy * zz, i, tail);
        }
      }
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
      tail = this.visitDiagonals(xi, i, x, y, z, tail);
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
    const live = this.live, queue = this.queue;
    // queue[0, tail) lists the dead metal, then each pass's newly cut-off cells (each cell once)
    let tail = 0;
    for (let i = 0; i < n; i++) {
      const dead = lf(xi, i) > 0.5 && li(this.parent, i) == -2;
      store<f32>(live + (<usize>i << 2), dead ? 0 : 1);
      if (dead) si(queue, tail++, i);
    }
    this.hasDead = tail > 0;
    this.deadSum = 0;
    if (tail == 0) return;
    // Dilation into the interface: a cell joins when a neighbour is cut off and no neighbour is attached
    // metal. Only neighbours of the previous pass's new cells can newly qualify (a cell rejected
    // for an attached neighbour stays rejected), so each pass scans that frontier, not the grid; the
    // set is the full scan's. Queued cells are marked 2 (still live for this pass's tests).
    let head = 0;
    for (let pass = 0; pass < passes && head < tail; pass++) {
      const frontierEnd = tail;
      for (let q = head; q < frontierEnd; q++) {
        const c = li(queue, q);
        const cx = c % nx, cy = ((c - cx) / nx) % ny, cz = (c - cx - nx * cy) / nxy;
        for (let k = 0; k < 6; k++) {
          const i = this.neighbour(c, cx, cy, cz, k);
          if (i < 0) continue;
          if (load<f32>(live + (<usize>i << 2)) != 1 || lf(xi, i) > 0.5) continue;
          const x = i % nx, y = ((i - x) / nx) % ny, z = (i - x - nx * y) / nxy;
          let nearAttached = false;
          for (let m = 0; m < 6; m++) {
            const j = this.neighbour(i, x, y, z, m);
            if (j >= 0 && li(this.parent, j) != -2 && lf(xi, j) > 0.5) { nearAttached = true; break; }
          }
          if (nearAttached) continue;
          store<f32>(live + (<usize>i << 2), 2);
          si(queue, tail++, i);
        }
      }
      for (let q = frontierEnd; q < tail; q++) store<f32>(live + (<usize>li(queue, q) << 2), 0);
      head = frontierEnd;
    }
    let sum: f64 = 0;
    for (let i = 0; i < n; i++) if (load<f32>(live + (<usize>i << 2)) == 0) sum += lf(xi, i);
    this.deadSum = sum;
  }

  /** face neighbour k (0..5: −x, +x, −y, +y, −z, +z) of cell i at (x, y, z); −1 outside (y) or in 2D (z) */
  @inline neighbour(i: i32, x: i32, y: i32, z: i32, k: i32): i32 {
    const nx = this.nx, ny = this.ny, nz = this.nz, nxy = nx * ny;
    if (k == 0) return x == 0 ? i + nx - 1 : i - 1;
    if (k == 1) return x == nx - 1 ? i - nx + 1 : i + 1;
    if (k == 2) return y > 0 ? i - nx : -1;
    if (k == 3) return y < ny - 1 ? i + nx : -1;
    if (nz == 1) return -1;
    if (k == 4) return z == 0 ? i + nxy * (nz - 1) : i - nxy;
    return z == nz - 1 ? i - nxy * (nz - 1) : i + nxy;
  }

  tracePath(cell: i32): void {
    let i = cell;
    let len = 0;
    const n = this.nx * this.ny * this.nz;
    while (i >= 0 && len < n) { si(this.path, len++, i); i = li(this.parent, i); }
    this.pathLength = len;
  }
}
