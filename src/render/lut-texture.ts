// Colormap lookup tables as 256×1 textures (raw sRGB bytes; shaders output them unchanged).
import { DataTexture, LinearFilter, RGBAFormat, UnsignedByteType, ClampToEdgeWrapping } from 'three';
import { colormapLUT, type ColormapName } from './colormaps';

const textures = new Map<ColormapName, DataTexture>();

export function lutTexture(name: ColormapName): DataTexture {
  let t = textures.get(name);
  if (t) return t;
  t = new DataTexture(colormapLUT(name), 256, 1, RGBAFormat, UnsignedByteType);
  t.minFilter = LinearFilter;
  t.magFilter = LinearFilter;
  t.wrapS = t.wrapT = ClampToEdgeWrapping;
  t.needsUpdate = true;
  textures.set(name, t);
  return t;
}

/** GLSL: sample a LUT at t in [0,1] without edge bleeding. */
export const LUT_GLSL = /* glsl */ `
vec3 lut(sampler2D tex, float t) {
  return texture2D(tex, vec2(clamp(t, 0.0, 1.0) * (255.0 / 256.0) + 0.5 / 256.0, 0.5)).rgb;
}`;
