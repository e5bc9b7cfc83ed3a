// Spherical-cap geometry of sub-grid nuclei (mirror of src/kernel-ts/nuclei.ts).

const PI: f64 = Math.PI;

export function capVolume3D(r: f64, cosTheta: f64): f64 {
  return (PI * r * r * r * (2 + cosTheta) * (1 - cosTheta) * (1 - cosTheta)) / 3;
}

export function capArea3D(r: f64, cosTheta: f64): f64 {
  return 2 * PI * r * r * (1 - cosTheta);
}

export function capRadius3D(v: f64, cosTheta: f64): f64 {
  const k = (PI * (2 + cosTheta) * (1 - cosTheta) * (1 - cosTheta)) / 3;
  return Math.cbrt(Math.max(v, 0) / k);
}

export function fieldCapVolume(R: f64, cosTheta: f64, dx: f64, is3D: bool): f64 {
  if (is3D) return capVolume3D(R, cosTheta);
  const theta = Math.acos(cosTheta);
  return dx * R * R * (theta - Math.sin(theta) * cosTheta);
}
