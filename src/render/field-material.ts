// Shader for the field plane: ξ through a colormap, or an overlay (c, φ) in the electrolyte with
// the metal drawn flat; the solid electrolyte's microstructure tinted into the electrolyte under ξ;
// short-circuit cells highlighted on top.
import { ShaderMaterial, Vector4, type Texture } from 'three';
import { LUT_GLSL } from './lut-texture';
import { MATERIAL_COLORS } from './volume-material';

/**
 * How strongly each material (ids of src/model/microstructure.ts) tints the electrolyte in the 2D view: the
 * boundaries and LiF clearly, the LSPS band's grains faintly, LPSCl grains not at all. Colours as in the 3D view.
 */
const MATERIAL_TINT_2D = [0, 0, 0.45, 0.85, 0.3, 0.45];
export const MATERIAL_COLORS_2D = MATERIAL_COLORS.map(([r, g, b], id) => new Vector4(r, g, b, MATERIAL_TINT_2D[id] ?? 0));

export function createFieldMaterial(
  xi: Texture, overlay: Texture, mask: Texture, materials: Texture, lutXi: Texture, lutOverlay: Texture,
): ShaderMaterial {
  return new ShaderMaterial({
    uniforms: {
      xiTex: { value: xi },
      ovTex: { value: overlay },
      maskTex: { value: mask },
      matTex: { value: materials },
      matOn: { value: 0 },
      matColor: { value: MATERIAL_COLORS_2D },
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
      uniform sampler2D xiTex, ovTex, maskTex, matTex, lutXi, lutOv;
      uniform float overlayOn, maskOn, metalCover, matOn;
      uniform vec4 matColor[6];
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
          if (matOn > 0.5) {
            // the material id is stored as a byte (id / 255); tint only the electrolyte, not the Li in it
            int id = int(texture2D(matTex, vUv).r * 255.0 + 0.5);
            vec4 m = matColor[0];
            for (int k = 1; k < 6; k++) if (k == id) m = matColor[k];
            col = mix(col, m.rgb, m.a * (1.0 - smoothstep(0.35, 0.65, xi)));
          }
        }
        if (maskOn > 0.5 && texture2D(maskTex, vUv).r > 0.5) col = mix(col, vec3(1.0, 0.16, 0.32), 0.85);
        gl_FragColor = vec4(col, 1.0);
      }`,
  });
}
