// Shader for the field plane: ξ through a colormap, or an overlay (c, φ) in the electrolyte with
// the metal drawn flat; short-circuit cells highlighted on top.
import { ShaderMaterial, type Texture } from 'three';
import { LUT_GLSL } from './lut-texture';

export function createFieldMaterial(xi: Texture, overlay: Texture, mask: Texture, lutXi: Texture, lutOverlay: Texture): ShaderMaterial {
  return new ShaderMaterial({
    uniforms: {
      xiTex: { value: xi },
      ovTex: { value: overlay },
      maskTex: { value: mask },
      lutXi: { value: lutXi },
      lutOv: { value: lutOverlay },
      overlayOn: { value: 0 },
      metalCover: { value: 1 }, // how opaque the Li is drawn over an overlay (1: plain metal grey)
      ovRange: { value: [0, 1] },
      maskOn: { value: 0 },
    },
    vertexShader: /* glsl */ `
      varying vec2 vUv;
      void main() { vUv = uv; gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0); }`,
    fragmentShader: /* glsl */ `
      uniform sampler2D xiTex, ovTex, maskTex, lutXi, lutOv;
      uniform float overlayOn, maskOn, metalCover;
      uniform vec2 ovRange;
      varying vec2 vUv;
      ${LUT_GLSL}
      void main() {
        float xi = texture2D(xiTex, vUv).r;
        vec3 col;
        if (overlayOn > 0.5) {
          float v = texture2D(ovTex, vUv).r;
          float t = (v - ovRange.x) / max(1e-30, ovRange.y - ovRange.x);
          vec3 metal = vec3(0.80, 0.82, 0.86);
          col = mix(lut(lutOv, t), metal, metalCover * smoothstep(0.35, 0.65, xi));
        } else {
          col = lut(lutXi, xi);
        }
        if (maskOn > 0.5 && texture2D(maskTex, vUv).r > 0.5) col = mix(col, vec3(1.0, 0.16, 0.32), 0.85);
        gl_FragColor = vec4(col, 1.0);
      }`,
  });
}
