// Morphology metrics of a deposit from its phase field ξ (1 = Li metal, 0 = electrolyte).
// Pure functions, no DOM. Layout as in the kernel: index i = x + nx·(y + ny·z), y = growth direction
// from the collector (the face y = 0), x and z lateral and periodic, cell centres at (j + ½)·dx,
// 2D when nz = 1. Lengths in µm.
//
// Definitions (what the numbers mean):
// - surface_area_ratio: area of the metal | electrolyte surface ξ = ½ per collector area. The
//   iso-surface is extracted explicitly with linear interpolation between cell centres: marching
//   squares in 2D (length of the iso-line / width), marching tetrahedra (Kuhn split of each cell
//   cube into 6 tetrahedra) in 3D (area / collector area). A flat film gives 1. The surface below
//   the first row of cell centres (y < dx/2) is not seen; the collector face itself is not counted.
// - islands: connected components of ξ > ½ (faces shared: 4-neighbours in 2D, 6 in 3D; periodic in
//   x and z); attached_islands: those with a cell in the collector row y = 0.
// - mean_island_um: mean lateral size of the islands: the number of occupied columns × dx in 2D,
//   √(projected area) in 3D.
// - top surface h(x, z): the highest ξ = ½ crossing of each column (linear interpolation between
//   cell centres; 0 for a column without metal). roughness_um = RMS of h about its mean,
//   max_height_um = max h.
// - porosity: 1 − (metal volume) / ∫h dA, with metal volume = ∫ξ dV: the electrolyte fraction of
//   the region under the top surface (0 for a dense deposit).
// - lateral_spread: mean island width / mean island height (height = top of the island's highest
//   cell centre + dx/2 − bottom of its lowest): > 1 for laterally spread, < 1 for columnar deposits.

export interface FieldGrid {
  nx: number;
  ny: number;
  nz: number;
  dx: number; // µm
}

export interface Island {
  cells: number;
  attached: boolean;        // touches the collector row y = 0
  width_um: number;         // 2D: occupied columns × dx; 3D: √(projected area)
  height_um: number;        // vertical extent
  bottom_um: number;        // lower edge of its lowest cell
}

export interface Morphology {
  surface_area_ratio: number;
  islands: number;
  attached_islands: number;
  mean_island_um: number;
  mean_island_height_um: number;
  lateral_spread: number;
  roughness_um: number;
  mean_height_um: number;   // mean of h (top surface)
  max_height_um: number;
  metal_um: number;         // ∫ξ dV per collector area (dense-equivalent thickness)
  porosity: number;
}

function checkGrid(xi: ArrayLike<number>, g: FieldGrid): void {
  if (xi.length !== g.nx * g.ny * g.nz) {
    throw new Error(`field has ${xi.length} values, grid ${g.nx}×${g.ny}×${g.nz} needs ${g.nx * g.ny * g.nz}`);
  }
  if (!(g.dx > 0)) throw new Error(`dx must be > 0 (got ${g.dx})`);
}

const LEVEL = 0.5;

// ---------------------------------------------------------------- iso-surface measure

/** point on the edge a→b where the linear interpolant crosses ½ (t from a) */
const crossing = (a: number, b: number): number => (LEVEL - a) / (b - a);

/** Length of the ξ = ½ iso-line in one z-slice (marching squares between cell centres), µm. */
function isoLineLength(xi: ArrayLike<number>, g: FieldGrid, z: number): number {
  const { nx, ny, dx } = g;
  let length = 0;
  const pts: number[] = [];
  for (let y = 0; y + 1 < ny; y++) {
    for (let x = 0; x < nx; x++) {
      const x1 = (x + 1) % nx;
      // corners counter-clockwise: (0,0) (1,0) (1,1) (0,1)
      const v = [
        xi[x + nx * (y + ny * z)], xi[x1 + nx * (y + ny * z)],
        xi[x1 + nx * (y + 1 + ny * z)], xi[x + nx * (y + 1 + ny * z)],
      ];
      const cx = [0, 1, 1, 0], cy = [0, 0, 1, 1];
      let code = 0;
      for (let c = 0; c < 4; c++) if (v[c] > LEVEL) code |= 1 << c;
      if (code === 0 || code === 15) continue;
      pts.length = 0;
      for (let e = 0; e < 4; e++) {
        const a = e, b = (e + 1) % 4;
        if ((v[a] > LEVEL) !== (v[b] > LEVEL)) {
          const t = crossing(v[a], v[b]);
          pts.push(cx[a] + t * (cx[b] - cx[a]), cy[a] + t * (cy[b] - cy[a]));
        }
      }
      const seg = (i: number, j: number): number => Math.hypot(pts[2 * i] - pts[2 * j], pts[2 * i + 1] - pts[2 * j + 1]);
      if (pts.length === 4) {
        length += seg(0, 1);
      } else {
        // saddle: the crossings lie on edges 0..3 in order p0 (e0), p1 (e1), p2 (e2), p3 (e3).
        // Decide the connection by the centre value (mean of the corners).
        const centreInside = (v[0] + v[1] + v[2] + v[3]) / 4 > LEVEL;
        const corner0Inside = v[0] > LEVEL;
        // corner 0 sits between edges 3 and 0; if the centre has corner 0's phase, corner 0's
        // region is joined to corner 2's, and the segments cut off corners 1 and 3: (e0,e1), (e2,e3)
        if (centreInside === corner0Inside) length += seg(0, 1) + seg(2, 3);
        else length += seg(3, 0) + seg(1, 2);
      }
    }
  }
  return length * dx;
}

// Kuhn triangulation of the unit cube: 6 tetrahedra along the main diagonal (0,0,0) → (1,1,1), one
// per axis order; neighbouring cubes share faces consistently.
const AXIS_ORDERS: readonly (readonly [number, number, number])[] = [
  [0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0],
];
const TETS: number[][][] = AXIS_ORDERS.map((order) => {
  const p = [0, 0, 0];
  const verts = [[...p]];
  for (const axis of order) { p[axis] = 1; verts.push([...p]); }
  return verts;
});

function triangleArea(a: number[], b: number[], c: number[]): number {
  const ux = b[0] - a[0], uy = b[1] - a[1], uz = b[2] - a[2];
  const vx = c[0] - a[0], vy = c[1] - a[1], vz = c[2] - a[2];
  return 0.5 * Math.hypot(uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx);
}

/** Area of the ξ = ½ iso-surface (marching tetrahedra between cell centres), µm². */
function isoSurfaceArea(xi: ArrayLike<number>, g: FieldGrid): number {
  const { nx, ny, nz, dx } = g;
  let area = 0;
  const val = new Float64Array(4);
  const lerp = (a: number[], b: number[], va: number, vb: number): number[] => {
    const t = crossing(va, vb);
    return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]), a[2] + t * (b[2] - a[2])];
  };
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y + 1 < ny; y++) {
      for (let x = 0; x < nx; x++) {
        // quick reject: all 8 corners on one side
        let inside = 0;
        const corner = (cx: number, cy: number, cz: number): number =>
          xi[((x + cx) % nx) + nx * (y + cy + ny * ((z + cz) % nz))];
        for (let c = 0; c < 8; c++) if (corner(c & 1, (c >> 1) & 1, (c >> 2) & 1) > LEVEL) inside++;
        if (inside === 0 || inside === 8) continue;
        for (const tet of TETS) {
          const ins: number[] = [], out: number[] = [];
          for (let k = 0; k < 4; k++) {
            val[k] = corner(tet[k][0], tet[k][1], tet[k][2]);
            (val[k] > LEVEL ? ins : out).push(k);
          }
          if (ins.length === 0 || out.length === 0) continue;
          if (ins.length === 1 || out.length === 1) {
            const [apex, base] = ins.length === 1 ? [ins[0], out] : [out[0], ins];
            const p = base.map((b) => lerp(tet[apex], tet[b], val[apex], val[b]));
            area += triangleArea(p[0], p[1], p[2]);
          } else {
            const [a, b] = ins, [c, d] = out;
            const p1 = lerp(tet[a], tet[c], val[a], val[c]);
            const p2 = lerp(tet[a], tet[d], val[a], val[d]);
            const p3 = lerp(tet[b], tet[d], val[b], val[d]);
            const p4 = lerp(tet[b], tet[c], val[b], val[c]);
            area += triangleArea(p1, p2, p3) + triangleArea(p1, p3, p4);
          }
        }
      }
    }
  }
  return area * dx * dx;
}

/** Iso-surface (ξ = ½) area per collector area: marching squares (2D) or tetrahedra (3D). */
export function surfaceAreaRatio(xi: ArrayLike<number>, g: FieldGrid): number {
  checkGrid(xi, g);
  if (g.nz === 1) return isoLineLength(xi, g, 0) / (g.nx * g.dx);
  return isoSurfaceArea(xi, g) / (g.nx * g.nz * g.dx * g.dx);
}

// ---------------------------------------------------------------- top surface

/** h per column (length nx·nz, index x + nx·z), µm: the highest ξ = ½ crossing, 0 if none. */
export function topSurface(xi: ArrayLike<number>, g: FieldGrid): Float64Array {
  checkGrid(xi, g);
  const { nx, ny, nz, dx } = g;
  const h = new Float64Array(nx * nz);
  for (let z = 0; z < nz; z++) {
    for (let x = 0; x < nx; x++) {
      let top = 0;
      for (let y = ny - 1; y >= 0; y--) {
        const v = xi[x + nx * (y + ny * z)];
        if (v > LEVEL) {
          if (y === ny - 1) { top = ny * dx; break; }
          const above = xi[x + nx * (y + 1 + ny * z)];
          top = (y + 0.5 + crossing(v, above)) * dx;
          break;
        }
      }
      h[x + nx * z] = top;
    }
  }
  return h;
}

// ---------------------------------------------------------------- islands

/** Connected components of ξ > ½ (face neighbours, periodic in x and z). */
export function islands(xi: ArrayLike<number>, g: FieldGrid): Island[] {
  checkGrid(xi, g);
  const { nx, ny, nz, dx } = g;
  const n = nx * ny * nz;
  const label = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  const out: Island[] = [];
  const columns = new Uint8Array(nx * nz);
  for (let start = 0; start < n; start++) {
    if (label[start] >= 0 || !(xi[start] > LEVEL)) continue;
    const id = out.length;
    let top = 0;
    stack[top++] = start;
    label[start] = id;
    let cells = 0, attached = false, yMin = ny, yMax = -1;
    columns.fill(0);
    let occupied = 0;
    while (top > 0) {
      const i = stack[--top];
      cells++;
      const x = i % nx, y = Math.floor(i / nx) % ny, z = Math.floor(i / (nx * ny));
      if (y === 0) attached = true;
      if (y < yMin) yMin = y;
      if (y > yMax) yMax = y;
      const col = x + nx * z;
      if (!columns[col]) { columns[col] = 1; occupied++; }
      const push = (j: number): void => {
        if (label[j] < 0 && xi[j] > LEVEL) { label[j] = id; stack[top++] = j; }
      };
      push(((x + 1) % nx) + nx * (y + ny * z));
      push(((x + nx - 1) % nx) + nx * (y + ny * z));
      if (y + 1 < ny) push(x + nx * (y + 1 + ny * z));
      if (y > 0) push(x + nx * (y - 1 + ny * z));
      if (nz > 1) {
        push(x + nx * (y + ny * ((z + 1) % nz)));
        push(x + nx * (y + ny * ((z + nz - 1) % nz)));
      }
    }
    const width = nz === 1 ? occupied * dx : Math.sqrt(occupied) * dx;
    out.push({ cells, attached, width_um: width, height_um: (yMax - yMin + 1) * dx, bottom_um: yMin * dx });
  }
  return out;
}

// ---------------------------------------------------------------- all metrics

const mean = (a: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return a.length > 0 ? s / a.length : 0;
};

export function morphology(xi: ArrayLike<number>, g: FieldGrid): Morphology {
  checkGrid(xi, g);
  const { nx, nz, dx } = g;
  const h = topSurface(xi, g);
  const hMean = mean(h);
  let ss = 0, hMax = 0;
  for (let i = 0; i < h.length; i++) { ss += (h[i] - hMean) ** 2; if (h[i] > hMax) hMax = h[i]; }
  let metal = 0;
  for (let i = 0; i < xi.length; i++) metal += Math.min(1, Math.max(0, xi[i]));
  const metalUm = (metal * dx) / (nx * nz);
  const parts = islands(xi, g);
  const widths = parts.map((p) => p.width_um), heights = parts.map((p) => p.height_um);
  const meanWidth = mean(widths), meanHeight = mean(heights);
  return {
    surface_area_ratio: surfaceAreaRatio(xi, g),
    islands: parts.length,
    attached_islands: parts.filter((p) => p.attached).length,
    mean_island_um: meanWidth,
    mean_island_height_um: meanHeight,
    lateral_spread: meanHeight > 0 ? meanWidth / meanHeight : 0,
    roughness_um: Math.sqrt(ss / Math.max(1, h.length)),
    mean_height_um: hMean,
    max_height_um: hMax,
    metal_um: metalUm,
    porosity: hMean > 0 ? Math.min(1, Math.max(0, 1 - metalUm / hMean)) : 0,
  };
}
