// Geometry of sub-grid nuclei (mirror of src/kernel-ts/nuclei.ts): spherical caps in 3D,
// cylindrical caps one cell deep in 2D.

const PI: f64 = Math.PI;

function segment(cosTheta: f64): f64 {
  const theta = Math.acos(cosTheta);
  return theta - Math.sin(theta) * cosTheta;
}

export function capVolume(r: f64, cosTheta: f64, dx: f64, is3D: bool): f64 {
  if (is3D) return (PI * r * r * r * (2 + cosTheta) * (1 - cosTheta) * (1 - cosTheta)) / 3;
  return dx * r * r * segment(cosTheta);
}

export function capArea(r: f64, cosTheta: f64, dx: f64, is3D: bool): f64 {
  if (is3D) return 2 * PI * r * r * (1 - cosTheta);
  return dx * 2 * r * Math.acos(cosTheta);
}

export function capRadius(v: f64, cosTheta: f64, dx: f64, is3D: bool): f64 {
  if (is3D) return Math.cbrt(Math.max(v, 0) / ((PI * (2 + cosTheta) * (1 - cosTheta) * (1 - cosTheta)) / 3));
  return Math.sqrt(Math.max(v, 0) / (dx * segment(cosTheta)));
}
