// Draws a scene into an off-screen target at a fraction of the canvas' resolution, then onto the
// canvas with its depth (gl_FragDepth from a depth texture), so full-resolution geometry drawn
// before or after is occluded correctly. Colours pass through unchanged (premultiplied alpha).
import {
  Color, DepthTexture, LinearFilter, Mesh, NearestFilter, OrthographicCamera, PlaneGeometry, Scene, ShaderMaterial,
  UnsignedIntType, Vector2, WebGLRenderTarget, type Camera, type WebGLRenderer,
} from 'three';

export class ScaledPass {
  private readonly target: WebGLRenderTarget;
  private readonly quadScene = new Scene();
  private readonly quadCamera = new OrthographicCamera(-1, 1, 1, -1, 0, 1);
  private readonly quad: Mesh<PlaneGeometry, ShaderMaterial>;
  private readonly size = new Vector2();
  private readonly clearColor = new Color();

  constructor() {
    this.target = new WebGLRenderTarget(1, 1, { depthBuffer: true, depthTexture: new DepthTexture(1, 1, UnsignedIntType) });
    this.target.texture.minFilter = this.target.texture.magFilter = LinearFilter;
    this.target.texture.generateMipmaps = false;
    this.target.depthTexture!.minFilter = this.target.depthTexture!.magFilter = NearestFilter;
    this.quad = new Mesh(new PlaneGeometry(2, 2), new ShaderMaterial({
      uniforms: { colorTex: { value: this.target.texture }, depthTex: { value: this.target.depthTexture } },
      vertexShader: 'varying vec2 vUv; void main() { vUv = uv; gl_Position = vec4(position.xy, 0.0, 1.0); }',
      fragmentShader: /* glsl */ `
        uniform sampler2D colorTex, depthTex;
        varying vec2 vUv;
        void main() {
          vec4 c = texture2D(colorTex, vUv);
          if (c.a <= 0.0) discard;
          gl_FragColor = c;
          gl_FragDepth = texture2D(depthTex, vUv).r;
        }`,
      transparent: true,
      premultipliedAlpha: true,
      depthTest: true,
      depthWrite: true,
    }));
    this.quad.frustumCulled = false;
    this.quadScene.add(this.quad);
  }

  /** Render scene into the target at scale × the canvas' drawing-buffer size. */
  render(renderer: WebGLRenderer, scene: Scene, camera: Camera, scale: number): void {
    renderer.getDrawingBufferSize(this.size);
    const w = Math.max(1, Math.round(this.size.x * scale));
    const h = Math.max(1, Math.round(this.size.y * scale));
    if (w !== this.target.width || h !== this.target.height) this.target.setSize(w, h);
    const previous = renderer.getRenderTarget();
    renderer.getClearColor(this.clearColor);
    const clearAlpha = renderer.getClearAlpha();
    renderer.setRenderTarget(this.target);
    renderer.setClearColor(0x000000, 0); // transparent black: premultiplied "nothing"
    renderer.clear();
    renderer.render(scene, camera);
    renderer.setRenderTarget(previous);
    renderer.setClearColor(this.clearColor, clearAlpha);
  }

  /** Draw the last rendered target onto the current framebuffer. */
  composite(renderer: WebGLRenderer): void {
    renderer.render(this.quadScene, this.quadCamera);
  }

  dispose(): void {
    this.target.depthTexture?.dispose();
    this.target.dispose();
    this.quad.geometry.dispose();
    this.quad.material.dispose();
  }
}
