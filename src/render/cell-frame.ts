// The cell around the 3D volume: the Cu current collector as a plate under y = 0, the counter
// electrode as a translucent plate above y = height, and the cell's bounding box as lines (µm).
import {
  AmbientLight, BoxGeometry, DirectionalLight, EdgesGeometry, Group, LineBasicMaterial, LineSegments, Mesh,
  MeshLambertMaterial,
} from 'three';

export interface CellBox { width: number; height: number; depth: number; dx: number }

const COLLECTOR_COLOR = 0xb87333; // copper, as in the 2D view
const COUNTER_COLOR = 0x9aa3ad;

export class CellFrame {
  /** opaque parts and their lights: drawn before the volume */
  readonly solid = new Group();
  /** translucent counter electrode: drawn after the volume */
  readonly overlay = new Group();
  /** plate thickness (µm) */
  plate = 1;
  private readonly unitBox = new BoxGeometry(1, 1, 1);
  private readonly collector = new Mesh(this.unitBox, new MeshLambertMaterial({ color: COLLECTOR_COLOR }));
  private readonly counter = new Mesh(this.unitBox, new MeshLambertMaterial({ color: COUNTER_COLOR, transparent: true, opacity: 0.22, depthWrite: false }));
  private readonly edgesMaterial = new LineBasicMaterial({ color: 0x8a93a0, transparent: true, opacity: 0.8 });
  private edges = new LineSegments(new EdgesGeometry(this.unitBox), this.edgesMaterial);

  constructor() {
    const key = new DirectionalLight(0xffffff, 2.2);
    key.position.set(0.4, 1, 0.6);
    this.solid.add(new AmbientLight(0xffffff, 1.1), key, this.collector, this.edges);
    this.overlay.add(new AmbientLight(0xffffff, 1.1), key.clone(), this.counter);
  }

  layout(box: CellBox): void {
    const { width: w, height: h, depth: d } = box;
    const t = Math.max(1.5 * box.dx, 0.04 * Math.min(w, h, d));
    this.plate = t;
    this.collector.scale.set(w, t, d);
    this.collector.position.set(w / 2, -t / 2, d / 2);
    this.counter.scale.set(w, t, d);
    this.counter.position.set(w / 2, h + t / 2, d / 2);
    this.edges.scale.set(w, h, d);
    this.edges.position.set(w / 2, h / 2, d / 2);
  }

  dispose(): void {
    this.unitBox.dispose();
    this.edges.geometry.dispose();
    this.edgesMaterial.dispose();
    this.collector.material.dispose();
    this.counter.material.dispose();
  }
}
