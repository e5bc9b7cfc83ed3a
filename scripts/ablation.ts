// CCD ablation: baseline LPSCl, LiF only, dual layer (LSPS) only, dual layer + LiF, same seed and grid.
// `npx tsx scripts/ablation.ts [--seed N] [--write]` prints the table; --write puts it into docs/model.md
// between the ablation markers (so the table in the docs is always this script's output).
import { readFileSync, writeFileSync } from 'node:fs';
import { Run } from '../src/engine/run';

export const ABLATION = [
  { preset: 'ccd-lpscl', label: 'baseline LPSCl' },
  { preset: 'ccd-lif', label: 'LiF-LPSCl only (interfacial energy + conductivity)' },
  { preset: 'ccd-dual', label: 'dual layer only (LSPS screw effect)' },
  { preset: 'ccd-dual-lif', label: 'dual layer + LiF (the paper’s engineered SE)' },
] as const;

export interface AblationRow { preset: string; label: string; ccd_mA_cm2: number | null; short_t_s: number | null; wall_s: number }

export async function runCcd(preset: string, seed: number, overrides = {}): Promise<AblationRow & { steps: number }> {
  const run = new Run();
  const t0 = performance.now();
  const init = await run.init({ preset, seed, overrides });
  if (!init.ok) throw new Error(init.issues.map((i) => i.message).join('; '));
  let status = init.status;
  while (!status.finished && !status.failure && !status.short.occurred) {
    status = run.advance({ maxSteps: 5000, maxWallMs: 1000, stop: { kind: 'short' } });
  }
  if (status.failure) throw new Error(`${preset}: ${status.failure}`);
  const ccd = run.protocolReport().ccd!;
  return {
    preset, label: preset, ccd_mA_cm2: ccd.ccd_mA_cm2, short_t_s: ccd.short_circuit_t_s,
    wall_s: (performance.now() - t0) / 1000, steps: status.steps,
  };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const seedAt = argv.indexOf('--seed');
  const seed = seedAt >= 0 ? Number(argv[seedAt + 1]) : 1;
  const rows: AblationRow[] = [];
  for (const a of ABLATION) {
    const r = await runCcd(a.preset, seed);
    rows.push({ ...r, label: a.label });
    console.log(`${a.preset}: CCD ${r.ccd_mA_cm2 ?? 'none'} mA/cm², short at ${r.short_t_s?.toFixed(0) ?? '-'} s, ${r.wall_s.toFixed(1)} s wall`);
  }
  const table = [
    `| variant | preset | CCD (mA/cm²) | short at (h) |`,
    `|---|---|---|---|`,
    ...rows.map((r) => `| ${r.label} | \`${r.preset}\` | ${r.ccd_mA_cm2 ?? 'no short'} | ${r.short_t_s === null ? '–' : (r.short_t_s / 3600).toFixed(2)} |`),
    '',
    `Seed ${seed}; produced by \`npx tsx scripts/ablation.ts --write\`.`,
  ].join('\n');
  console.log(table);
  if (argv.includes('--write')) {
    const file = new URL('../docs/model.md', import.meta.url);
    const doc = readFileSync(file, 'utf8');
    const begin = '<!-- ablation:begin -->', end = '<!-- ablation:end -->';
    if (!doc.includes(begin) || !doc.includes(end)) throw new Error('docs/model.md has no ablation markers');
    writeFileSync(file, doc.replace(new RegExp(`${begin}[\\s\\S]*${end}`), `${begin}\n${table}\n${end}`));
  }
}

if (process.argv[1]?.endsWith('ablation.ts')) main().catch((e) => { console.error(e); process.exitCode = 1; });
