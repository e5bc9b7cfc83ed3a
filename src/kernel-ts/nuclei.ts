// Sub-grid heterogeneous nuclei on a bare collector: spherical caps too small for the grid.
// They are born by classical nucleation, grow by Butler–Volmer with their own Gibbs–Thomson
// shift (2γΩ/(F r)), and are written into ξ once they are large enough to be resolved.
// Shared by the TypeScript oracle and mirrored in assembly/nuclei.ts.

/** volume of a spherical cap of radius r on a flat wall with contact angle θ (µm³) */
export function capVolume3D(r: number, cosTheta: number): number {
  return (Math.PI * r * r * r * (2 + cosTheta) * (1 - cosTheta) * (1 - cosTheta)) / 3;
}

/** wetted (Li|electrolyte) area of that cap (µm²) */
export function capArea3D(r: number, cosTheta: number): number {
  return 2 * Math.PI * r * r * (1 - cosTheta);
}

/** radius of a cap holding volume v */
export function capRadius3D(v: number, cosTheta: number): number {
  const k = (Math.PI * (2 + cosTheta) * (1 - cosTheta) * (1 - cosTheta)) / 3;
  return Math.cbrt(Math.max(v, 0) / k);
}

/**
 * Volume a resolved cap of radius R occupies in the field: a circular segment of a slab of
 * depth dx in 2D (a 2D run is a slab one cell deep), a spherical cap in 3D.
 */
export function fieldCapVolume(R: number, cosTheta: number, dx: number, is3D: boolean): number {
  if (is3D) return capVolume3D(R, cosTheta);
  const theta = Math.acos(cosTheta);
  return dx * R * R * (theta - Math.sin(theta) * cosTheta);
}
