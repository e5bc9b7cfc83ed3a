// An axis-aligned slice through the volume: ξ through its colormap, or a scalar field (c/c₀, φ)
// in the electrolyte with the metal drawn flat, as in the 2D view. Samples the same 3D textures as
// the volume, at the slice's world position divided by the box size (µm → texture space).
import { DoubleSide, ShaderMaterial, Vector3, type Texture } from 'three';
import { LUT_GLSL } from './lut-texture';

export function createSliceMaterial(xi: Texture, field: Texture, lut: Texture): ShaderMaterial {
  return new ShaderMaterial({
    uniforms: {
      xiTex: { value: xi },
      fieldTex: { value: field },
      lutTex: { value: lut },
      showXi: { value: 1 },
      boxUm: { value: new Vector3(1, 1, 1) },
    },
    vertexShader: /* glsl */ `
      uniform vec3 boxUm;
      varying vec3 vTex;
      void main() {
        vec4 world = modelMatrix * vec4(position, 1.0);
        vTex = world.xyz / boxUm;
        gl_Position = projectionMatrix * viewMatrix * world;
      }`,
    fragmentShader: /* glsl */ `
      precision highp sampler3D;
      uniform sampler3D xiTex, fieldTex;
      uniform sampler2D lutTex;
      uniform int showXi;
      varying vec3 vTex;
      ${LUT_GLSL}
      void main() {
        float xi = texture(xiTex, vTex).r;
        vec3 col;
        if (showXi == 1) {
          col = lut(lutTex, xi);
        } else {
          vec3 metal = vec3(0.80, 0.82, 0.86);
          col = mix(lut(lutTex, texture(fieldTex, vTex).r), metal, smoothstep(0.35, 0.65, xi));
        }
        gl_FragColor = vec4(col, 1.0);
      }`,
    side: DoubleSide,
    // pulled slightly forward so that, where the volume is cut at the slice, the slice shows
    polygonOffset: true,
    polygonOffsetFactor: -1,
    polygonOffsetUnits: -4,
  });
}
