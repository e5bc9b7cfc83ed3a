// Ray-marched iso-surface ξ = ½ of a 3D texture (after three.js' VolumeShader / volume examples):
// drawn on the back faces of the unit box, each fragment marches its ray through the texture in
// about one-cell steps, refines the crossing by regula falsi, lights it with the ξ gradient as
// normal and colours it by height (y, µm) through a colormap. It writes the hit's depth, so the
// collector, the box and slices composite correctly. Where the ray enters through the domain
// boundary or the clip plane already inside the metal, it draws a flat cap. An optional material
// volume (electrolyte microstructure) is composited front to back as translucent fog.
import { BackSide, GLSL3, RawShaderMaterial, Vector2, Vector3, Vector4, type Texture } from 'three';

/**
 * Colour and opacity per cell crossed of material ids 0…5 (src/model/microstructure.ts MAT_*;
 * 0 = liquid / none: clear). Grain interiors are faint so that boundaries and particles read.
 */
export const MATERIAL_COLORS: [number, number, number, number][] = [
  [0, 0, 0, 0],
  [0.55, 0.7, 0.95, 0.012], // LPSCl grain
  [1.0, 0.75, 0.25, 0.1],   // LPSCl grain boundary
  [0.35, 0.95, 0.45, 0.2],  // LiF
  [0.8, 0.45, 1.0, 0.03],   // LSPS grain
  [0.95, 0.4, 0.85, 0.1],   // LSPS grain boundary
];

const vertexShader = /* glsl */ `
in vec3 position;
uniform mat4 modelViewMatrix;
uniform mat4 projectionMatrix;
uniform vec3 cameraTex;
out vec3 vDirection;
void main() {
  // box corners are at ±0.5 in object space, 0…1 in texture space
  vDirection = position + 0.5 - cameraTex;
  gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
}`;

const fragmentShader = /* glsl */ `
precision highp float;
precision highp sampler3D;
uniform mat4 modelViewMatrix;
uniform mat4 projectionMatrix;
uniform sampler3D xiTex;
uniform sampler3D matTex;
uniform sampler2D heightLut;
uniform vec3 cameraTex;     // camera in texture space
uniform vec3 gridSize;      // cells per axis
uniform vec3 boxUm;         // µm per axis
uniform vec3 marchMin;      // texture-space box that can hold the surface (empty-space skipping)
uniform vec3 marchMax;
uniform vec2 heightRange;   // µm at the colormap ends
uniform vec4 clipPlane;     // keep dot(n, p) <= w (texture space); n = 0: no clipping
uniform float stepsPerCell;
uniform int hasMaterials;
uniform vec4 matColor[6];
uniform vec3 keyLight;      // world direction toward the light
in vec3 vDirection;
out vec4 outColor;

const float ISO = 0.5;
const int MAX_STEPS = 1024;

float xiAt(vec3 p) { return texture(xiTex, p).r; }

vec3 lutColor(float t) {
  return texture(heightLut, vec2(clamp(t, 0.0, 1.0) * (255.0 / 256.0) + 0.5 / 256.0, 0.5)).rgb;
}

void main() {
  vec3 o = cameraTex;
  vec3 d = normalize(vDirection);
  vec3 safeD = vec3(abs(d.x) < 1e-7 ? 1e-7 : d.x, abs(d.y) < 1e-7 ? 1e-7 : d.y, abs(d.z) < 1e-7 ? 1e-7 : d.z);
  bool fog = hasMaterials == 1;
  vec3 bmin = fog ? vec3(0.0) : marchMin;
  vec3 bmax = fog ? vec3(1.0) : marchMax;
  vec3 ta = (bmin - o) / safeD;
  vec3 tb = (bmax - o) / safeD;
  vec3 tn = min(ta, tb);
  vec3 tf = max(ta, tb);
  float t0 = max(tn.x, max(tn.y, tn.z));
  float t1 = min(tf.x, min(tf.y, tf.z));
  // flat normal of the entry face (toward the camera); the camera inside the box sees -d
  vec3 entryNormal = tn.x >= t0 ? vec3(-sign(d.x), 0.0, 0.0) : tn.y >= t0 ? vec3(0.0, -sign(d.y), 0.0) : vec3(0.0, 0.0, -sign(d.z));
  if (t0 < 0.0) { t0 = 0.0; entryNormal = -d; }
  if (dot(clipPlane.xyz, clipPlane.xyz) > 0.0) {
    float side = dot(clipPlane.xyz, o) - clipPlane.w;
    float nd = dot(clipPlane.xyz, d);
    if (abs(nd) < 1e-9) {
      if (side > 0.0) discard;
    } else {
      float tp = -side / nd;
      if (nd > 0.0) t1 = min(t1, tp);
      else if (tp > t0) { t0 = tp; entryNormal = normalize(clipPlane.xyz); }
    }
  }
  if (!(t1 > t0)) discard;

  // about stepsPerCell samples per cell crossed, whatever the direction
  float dt = 1.0 / (stepsPerCell * length(d * gridSize));
  int steps = int(ceil((t1 - t0) / dt));
  vec4 acc = vec4(0.0);
  float t = t0;
  float prev = xiAt(o + d * t0);
  bool hit = prev > ISO;
  bool cap = hit;
  float tHit = t0;
  for (int i = 0; i < MAX_STEPS; i++) {
    if (hit || i >= steps) break;
    float tNext = min(t + dt, t1);
    vec3 p = o + d * tNext;
    float v = xiAt(p);
    if (v > ISO) {
      // regula falsi on [t, tNext], where xi crosses the level
      float ta2 = t, va = prev, tb2 = tNext, vb = v;
      for (int k = 0; k < 2; k++) {
        float tm = ta2 + (ISO - va) / (vb - va) * (tb2 - ta2);
        float vm = xiAt(o + d * tm);
        if (vm > ISO) { tb2 = tm; vb = vm; } else { ta2 = tm; va = vm; }
      }
      tHit = ta2 + (ISO - va) / max(vb - va, 1e-6) * (tb2 - ta2);
      hit = true;
    } else if (fog) {
      int id = int(texture(matTex, p).r * 255.0 + 0.5);
      if (id > 0 && id < 6) {
        vec4 m = matColor[id];
        float a = 1.0 - pow(1.0 - m.a, 1.0 / stepsPerCell);
        acc.rgb += (1.0 - acc.a) * a * m.rgb;
        acc.a += (1.0 - acc.a) * a;
      }
    }
    prev = v;
    t = tNext;
  }
  if (!hit) {
    if (acc.a < 0.004) discard;
    outColor = acc;
    gl_FragDepth = 0.999999;
    return;
  }
  vec3 p = o + d * tHit;
  vec3 n = entryNormal;
  if (!cap) {
    // tetrahedral differences one cell apart: the gradient from 4 samples instead of 6
    vec3 h = 1.0 / gridSize;
    const vec2 k = vec2(1.0, -1.0);
    vec3 g = k.xyy * xiAt(p + k.xyy * h) + k.yyx * xiAt(p + k.yyx * h)
           + k.yxy * xiAt(p + k.yxy * h) + k.xxx * xiAt(p + k.xxx * h);
    // cells are cubes, so the gradient in cell units points as in µm; outward = toward lower ξ
    if (dot(g, g) > 1e-8) n = -normalize(g);
  }
  vec3 view = -normalize(d * boxUm);
  if (dot(n, view) < 0.0) n = -n; // back side seen through a thin gap: light it as the front
  vec3 base = lutColor((p.y * boxUm.y - heightRange.x) / max(1e-9, heightRange.y - heightRange.x));
  float diffuse = 0.6 * max(dot(n, keyLight), 0.0) + 0.35 * max(dot(n, view), 0.0);
  float spec = 0.22 * pow(max(dot(n, normalize(keyLight + view)), 0.0), 28.0);
  vec3 col = base * (0.22 + diffuse) + vec3(spec);
  outColor = acc + (1.0 - acc.a) * vec4(col, 1.0);
  vec4 clip = projectionMatrix * modelViewMatrix * vec4(p - 0.5, 1.0);
  gl_FragDepth = clamp(0.5 * clip.z / clip.w + 0.5, 0.0, 1.0);
}`;

export function createVolumeMaterial(xi: Texture, materials: Texture, heightLut: Texture): RawShaderMaterial {
  return new RawShaderMaterial({
    glslVersion: GLSL3,
    uniforms: {
      xiTex: { value: xi },
      matTex: { value: materials },
      heightLut: { value: heightLut },
      cameraTex: { value: new Vector3() },
      gridSize: { value: new Vector3(1, 1, 1) },
      boxUm: { value: new Vector3(1, 1, 1) },
      marchMin: { value: new Vector3(1, 1, 1) },
      marchMax: { value: new Vector3(0, 0, 0) },
      heightRange: { value: new Vector2(0, 1) },
      clipPlane: { value: new Vector4(0, 0, 0, 0) },
      stepsPerCell: { value: 1 },
      hasMaterials: { value: 0 },
      matColor: { value: MATERIAL_COLORS.map(([r, g, b, a]) => new Vector4(r, g, b, a)) },
      keyLight: { value: new Vector3(0.35, 0.85, 0.4).normalize() },
    },
    vertexShader,
    fragmentShader,
    side: BackSide,
    transparent: true,
    premultipliedAlpha: true,
    depthWrite: true,
  });
}
