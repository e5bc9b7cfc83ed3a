// The AssemblyScript kernel behind the Kernel interface. One wasm instance per kernel (the module
// holds one grid); compiled modules are cached per flavour.
import * as L from '../../assembly/layout';
import type { Kernel, KernelSnapshot } from './kernel';
import type { KernelSpec } from './create-kernel';
import { loadKernel, type KernelExports, type LoadedKernel, type WasmSource } from './wasm-loader';

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
}

const FIELD_INDEX = { xi: 0, c: 1, phi: 2 } as const;

/** where the browser finds the .wasm files (set by the worker; Node reads build/ next to the sources) */
let sources: Partial<Record<'simd' | 'scalar', WasmSource>> = {};
export function setWasmSources(s: Partial<Record<'simd' | 'scalar', WasmSource>>): void { sources = s; }

export class WasmKernel implements Kernel {
  readonly backend: 'wasm-simd' | 'wasm-scalar';
  readonly params: Float64Array;
  private readonly n: number;

  private constructor(
    private readonly wasm: LoadedKernel<CoupledExports>,
    readonly nx: number, readonly ny: number, readonly nz: number, simd: boolean,
  ) {
    this.backend = simd ? 'wasm-simd' : 'wasm-scalar';
    this.n = nx * ny * nz;
    // params is re-viewed on every access through the getter below if memory grows; the kernel
    // allocates only in kernelCreate, so this view stays valid afterwards.
    this.params = wasm.f64(wasm.exports.kernelParams(), L.P_COUNT);
  }

  static async create(simd: boolean, spec: KernelSpec): Promise<WasmKernel> {
    const flavor = simd ? 'simd' : 'scalar';
    const wasm = await loadKernel<CoupledExports>({ flavor, source: sources[flavor] });
    const [nx, ny, nz] = spec.grid;
    wasm.exports.kernelCreate(nx, ny, nz, spec.params[L.P_DX], spec.seed >>> 0);
    const k = new WasmKernel(wasm, nx, ny, nz, simd);
    k.params.set(spec.params);
    return k;
  }

  private get x(): CoupledExports { return this.wasm.exports; }

  stats(): Float64Array { return this.wasm.f64(this.x.kernelStats(), L.S_COUNT); }
  view(name: 'xi' | 'c' | 'phi'): Float32Array { return this.wasm.f32(this.x.kernelField(FIELD_INDEX[name]), this.n); }
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
    };
  }

  restore(s: KernelSnapshot): void {
    this.view('xi').set(s.xi); this.view('c').set(s.c); this.view('phi').set(s.phi);
    this.stats().set(s.stats); this.nuclei().set(s.nuclei);
    this.aux(0).set(s.xiCarry); this.aux(1).set(s.cCarry); this.aux(2).set(s.dc);
    new Uint32Array(this.wasm.memory.buffer, this.x.kernelShortPath(), s.shortPath.length).set(s.shortPath);
    this.x.kernelSetScalars(s.scalars[0], s.scalars[1], s.scalars[2], s.scalars[4]);
    this.x.kernelSetPathLength(s.scalars[3] ?? 0);
  }

  dispose(): void { /* the instance is garbage collected with this object */ }
}
