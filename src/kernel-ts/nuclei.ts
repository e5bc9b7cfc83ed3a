// Geometry of sub-grid nuclei: caps too small for the grid. They have the shape the field would
// give them once resolved, so nothing jumps at insertion: spherical caps in 3D, and in 2D (a slab
// one cell deep) cylindrical caps of depth dx. Mirrored in assembly/nuclei.ts.

function segment(cosTheta: number): number {
  const theta = Math.acos(cosTheta);
  return theta - Math.sin(theta) * cosTheta; // area of a unit-radius circular segment
}

/** volume (µm³) of a cap of radius r with contact angle θ */
export function capVolume(r: number, cosTheta: number, dx: number, is3D: boolean): number {
  if (is3D) return (Math.PI * r * r * r * (2 + cosTheta) * (1 - cosTheta) * (1 - cosTheta)) / 3;
  return dx * r * r * segment(cosTheta);
}

/** Li|electrolyte area (µm²) of that cap */
export function capArea(r: number, cosTheta: number, dx: number, is3D: boolean): number {
  if (is3D) return 2 * Math.PI * r * r * (1 - cosTheta);
  return dx * 2 * r * Math.acos(cosTheta);
}

/** radius of a cap holding volume v */
export function capRadius(v: number, cosTheta: number, dx: number, is3D: boolean): number {
  if (is3D) return Math.cbrt(Math.max(v, 0) / ((Math.PI * (2 + cosTheta) * (1 - cosTheta) * (1 - cosTheta)) / 3));
  return Math.sqrt(Math.max(v, 0) / (dx * segment(cosTheta)));
}
