// Perceptual colormaps as 256-entry RGBA8 lookup tables (sRGB values, sampled raw in shaders).
export type ColormapName = 'viridis' | 'magma' | 'coolwarm' | 'projector';

// Degree-6 polynomial fits to matplotlib's viridis and magma (mattz, CC0), Horner form per channel.
const POLY: Record<'viridis' | 'magma', number[][]> = {
  viridis: [
    [0.2777273272234177, 0.005407344544966578, 0.3340998053353061],
    [0.1050930431085774, 1.404613529898575, 1.384590162594685],
    [-0.3308618287255563, 0.214847559468213, 0.09509516302823659],
    [-4.634230498983486, -5.799100973351585, -19.33244095627987],
    [6.228269936347081, 14.17993336680509, 56.69055260068105],
    [4.776384997670288, -13.74514537774601, -65.35303263337234],
    [-5.435455855934631, 4.645852612178535, 26.3124352495832],
  ],
  magma: [
    [-0.002136485053939582, -0.000749655052795221, -0.005386127855323933],
    [0.2516605407371642, 0.6775232436837668, 2.494026599312351],
    [8.353717279216625, -3.577719514958484, 0.3144679030132573],
    [-27.66873308576866, 14.26473078096533, -13.64921318813922],
    [52.17613981234068, -27.94360607168351, 12.94416944238394],
    [-50.76852536473588, 29.04658282127291, 4.23415299384598],
    [18.65570506591883, -11.48977351997711, -5.601961508734096],
  ],
};

// Moreland's cool-warm diverging map, piecewise-linear between anchors (for potentials).
const COOLWARM: number[][] = [
  [0.230, 0.299, 0.754], [0.484, 0.628, 0.976], [0.749, 0.832, 0.969],
  [0.865, 0.865, 0.865], [0.957, 0.769, 0.678], [0.918, 0.530, 0.412], [0.706, 0.016, 0.150],
];

// Projector map for ξ (classroom mode): navy electrolyte → silver-white Li metal, lightness monotone;
// blue/white stays distinct when a projector washes out dark tones, and is colour-blind safe.
const PROJECTOR: number[][] = [
  [0.035, 0.11, 0.36], [0.09, 0.28, 0.66], [0.42, 0.63, 0.88], [0.83, 0.88, 0.94], [0.98, 0.98, 0.97],
];

function polyColor(c: number[][], t: number, out: number[]): void {
  for (let k = 0; k < 3; k++) {
    let v = c[6][k];
    for (let i = 5; i >= 0; i--) v = c[i][k] + t * v;
    out[k] = v;
  }
}

function anchorColor(a: number[][], t: number, out: number[]): void {
  const s = t * (a.length - 1);
  const i = Math.min(a.length - 2, Math.floor(s));
  const f = s - i;
  for (let k = 0; k < 3; k++) out[k] = a[i][k] * (1 - f) + a[i + 1][k] * f;
}

/** RGB in [0,1] for t in [0,1]. */
export function colormapRGB(name: ColormapName, t: number, out: number[] = [0, 0, 0]): number[] {
  const x = Math.min(1, Math.max(0, t));
  if (name === 'coolwarm') anchorColor(COOLWARM, x, out);
  else if (name === 'projector') anchorColor(PROJECTOR, x, out);
  else polyColor(POLY[name], x, out);
  for (let k = 0; k < 3; k++) out[k] = Math.min(1, Math.max(0, out[k]));
  return out;
}

const cache = new Map<ColormapName, Uint8Array>();

/** 256×1 RGBA8 table. */
export function colormapLUT(name: ColormapName): Uint8Array {
  let lut = cache.get(name);
  if (lut) return lut;
  lut = new Uint8Array(256 * 4);
  const rgb = [0, 0, 0];
  for (let i = 0; i < 256; i++) {
    colormapRGB(name, i / 255, rgb);
    lut[4 * i] = Math.round(rgb[0] * 255);
    lut[4 * i + 1] = Math.round(rgb[1] * 255);
    lut[4 * i + 2] = Math.round(rgb[2] * 255);
    lut[4 * i + 3] = 255;
  }
  cache.set(name, lut);
  return lut;
}
