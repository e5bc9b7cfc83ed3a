// The AssemblyScript kernel behind the Kernel interface. One wasm instance per kernel (the module
// holds one grid). With spec.threads the threaded build runs on a shared memory with a pool of
// worker threads (src/engine/thread-pool.ts); the bytes of a run do not depend on the thread count.
import * as L from '../../assembly/layout';
import type { Kernel, KernelField, KernelSnapshot } from './kernel';
import type { MaterialFields } from '../model/units';
import type { KernelSpec } from './create-kernel';
import { loadKernel, type KernelExports, type LoadedKernel, type WasmFlavor, type WasmSource } from './wasm-loader';
import { startPool, threadsProblem, type ThreadPool } from './thread-pool';

interface CoupledExports extends KernelExports {
  kernelCreate(nx: number, ny: number, nz: number, dx: number, seed: number): void;
  kernelParams(): number;
  kernelStats(): number;
  kernelField(which: number): number;
  kernelNuclei(): number;
  kernelAux(which: number): number;
  kernelInitFilm(thicknessUm: number): void;
  kernelStartLedger(): void;
  kernelStep(): number;
  kernelShortPath(): number;
  kernelShortPathLength(): number;
  kernelScalar(which: number): number;
  kernelSetScalars(phiS: number, dtPrev: number, maxRatePrev: number, dlFractionPrev: number): void;
  kernelSetPathLength(len: number): void;
  kernelEnableMechanics(): void;
  kernelMaterial(which: number): number;
  kernelMechBlockCount(): number;
  kernelMechBlock(which: number): number;
  kernelMechBlockBytes(which: number): number;
  kernelSolveMechanics(): void;
  kernelRefreshTopology(): void;
  setThreadCount(t: number): void;
  threadCount(): number;
  parallelQuit(): void;
}


const FIELD_INDEX = { xi: 0, c: 1, phi: 2 } as const;
// mechanics outputs as blocks of assembly/mechanics.ts (Mechanics.block): pressure, von Mises, LSPS r
const MECH_BLOCK = { stress: 12, vonMises: 13, lspsDecomposition: 6 } as const;

/** where the browser finds the .wasm files (set by the worker; Node reads build/ next to the sources) */
let sources: Partial<Record<WasmFlavor, WasmSource>> = {};
export function setWasmSources(s: Partial<Record<WasmFlavor, WasmSource>>): void { sources = s; }

export class WasmKernel implements Kernel {
  readonly backend: 'wasm-simd' | 'wasm-scalar';
  private paramsView: Float64Array;
  private readonly n: number;
  private mechanics = false;
  private pool: ThreadPool | null = null;

  private constructor(
    private readonly wasm: LoadedKernel<CoupledExports>,
    readonly nx: number, readonly ny: number, readonly nz: number, simd: boolean,
    readonly threads: number,
  ) {
    this.backend = simd ? 'wasm-simd' : 'wasm-scalar';
    this.n = nx * ny * nz;
    this.paramsView = wasm.f64(wasm.exports.kernelParams(), L.P_COUNT);
  }

  /** re-viewed when memory grew (enabling mechanics allocates) */
  get params(): Float64Array {
    if (this.paramsView.buffer !== this.wasm.memory.buffer) this.paramsView = this.wasm.f64(this.x.kernelParams(), L.P_COUNT);
    return this.paramsView;
  }

  /** spec.threads (1..MAX_THREADS, SIMD only) selects the threaded build; without it the plain build runs. */
  static async create(simd: boolean, spec: KernelSpec): Promise<WasmKernel> {
    const threads = spec.threads;
    const problem = threads === undefined ? null : threadsProblem(threads, simd);
    if (problem) throw new Error(problem);
    const flavor: WasmFlavor = threads !== undefined ? 'threads' : simd ? 'simd' : 'scalar';
    // Every instantiation writes the module's static data (the task control block among it) into the
    // shared memory: the workers instantiate and park first, the leader last, before any task exists.
    const started: { pool: ThreadPool | null } = { pool: null };
    const wasm = await loadKernel<CoupledExports>({
      flavor, source: sources[flavor],
      beforeInstantiate: threads !== undefined && threads > 1
        ? async (module, memory) => { started.pool = await startPool(module, memory, threads - 1); }
        : undefined,
    });
    const pool = started.pool;
    if (threads !== undefined) wasm.exports.setThreadCount(threads);
    const [nx, ny, nz] = spec.grid;
    try {
      wasm.exports.kernelCreate(nx, ny, nz, spec.params[L.P_DX], spec.seed >>> 0);
    } catch (e) {
      if (pool) { wasm.exports.parallelQuit(); pool.stop(); }
      throw e;
    }
    const k = new WasmKernel(wasm, nx, ny, nz, simd, threads ?? 1);
    k.pool = pool;
    k.params.set(spec.params);
    return k;
  }

  private get x(): CoupledExports { return this.wasm.exports; }

  stats(): Float64Array { return this.wasm.f64(this.x.kernelStats(), L.S_COUNT); }
  view(name: KernelField): Float32Array {
    if (name === 'xi' || name === 'c' || name === 'phi') return this.wasm.f32(this.x.kernelField(FIELD_INDEX[name]), this.n);
    return this.mechanics ? this.mechView(MECH_BLOCK[name]) : new Float32Array(this.n);
  }

  private mechView(block: number): Float32Array { return this.wasm.f32(this.x.kernelMechBlock(block), this.n); }

  setMaterials(f: MaterialFields): void {
    if (!this.mechanics) { this.x.kernelEnableMechanics(); this.mechanics = true; }
    this.wasm.f32(this.x.kernelMaterial(0), this.n).set(f.conductivity);
    this.wasm.f32(this.x.kernelMaterial(1), this.n).set(f.material);
    this.wasm.f32(this.x.kernelMaterial(2), this.n).set(f.youngsMPa);
    this.wasm.f32(this.x.kernelMaterial(3), this.n).set(f.poisson);
    this.wasm.f32(this.x.kernelMaterial(4), this.n).set(f.wettingShiftV);
  }

  private mechBytes(): Uint32Array {
    if (!this.mechanics) return new Uint32Array(0);
    const count = this.x.kernelMechBlockCount();
    let total = 0;
    for (let b = 0; b < count; b++) total += this.x.kernelMechBlockBytes(b);
    const out = new Uint8Array(total);
    let at = 0;
    for (let b = 0; b < count; b++) {
      const len = this.x.kernelMechBlockBytes(b);
      out.set(new Uint8Array(this.wasm.memory.buffer, this.x.kernelMechBlock(b), len), at);
      at += len;
    }
    return new Uint32Array(out.buffer);
  }

  private restoreMech(words: Uint32Array): void {
    if (!this.mechanics || words.length === 0) return;
    const bytes = new Uint8Array(words.buffer, words.byteOffset, words.byteLength);
    const count = this.x.kernelMechBlockCount();
    let at = 0;
    for (let b = 0; b < count; b++) {
      const len = this.x.kernelMechBlockBytes(b);
      if (at + len > bytes.length) throw new Error('mechanics state is shorter than this grid needs');
      new Uint8Array(this.wasm.memory.buffer, this.x.kernelMechBlock(b), len).set(bytes.subarray(at, at + len));
      at += len;
    }
    if (at !== bytes.length) throw new Error('mechanics state does not match this grid');
  }
  initFilm(thicknessUm: number): void { this.x.kernelInitFilm(thicknessUm); }
  startLedger(): void { this.x.kernelStartLedger(); }
  step(): number { return this.x.kernelStep(); }
  setParam(slot: number, value: number): void { this.params[slot] = value; }

  shortPath(): Uint32Array {
    const len = this.x.kernelShortPathLength();
    return new Uint32Array(this.wasm.memory.buffer, this.x.kernelShortPath(), len).slice();
  }

  private aux(which: number): Float32Array { return this.wasm.f32(this.x.kernelAux(which), this.n); }
  private nuclei(): Float64Array { return this.wasm.f64(this.x.kernelNuclei(), this.nx * this.nz); }

  snapshot(): KernelSnapshot {
    const path = this.shortPath();
    return {
      xi: this.view('xi').slice(), c: this.view('c').slice(), phi: this.view('phi').slice(),
      stats: this.stats().slice(), nuclei: this.nuclei().slice(),
      scalars: Float64Array.of(this.x.kernelScalar(0), this.x.kernelScalar(1), this.x.kernelScalar(2), path.length, this.x.kernelScalar(3)),
      xiCarry: this.aux(0).slice(), cCarry: this.aux(1).slice(), dc: this.aux(2).slice(), shortPath: path,
      mech: this.mechBytes(),
    };
  }

  restore(s: KernelSnapshot): void {
    this.view('xi').set(s.xi); this.view('c').set(s.c); this.view('phi').set(s.phi);
    this.stats().set(s.stats); this.nuclei().set(s.nuclei);
    this.aux(0).set(s.xiCarry); this.aux(1).set(s.cCarry); this.aux(2).set(s.dc);
    new Uint32Array(this.wasm.memory.buffer, this.x.kernelShortPath(), s.shortPath.length).set(s.shortPath);
    this.x.kernelSetScalars(s.scalars[0], s.scalars[1], s.scalars[2], s.scalars[4]);
    this.x.kernelSetPathLength(s.scalars[3] ?? 0);
    this.restoreMech(s.mech ?? new Uint32Array(0));
    this.x.kernelRefreshTopology(); // the dead-Li mask is derived from ξ, not saved
  }

  /** Ends the worker threads (the instance itself is garbage collected with this object). */
  dispose(): void {
    if (!this.pool) return;
    this.x.parallelQuit();
    this.pool.stop();
    this.pool = null;
  }
}
