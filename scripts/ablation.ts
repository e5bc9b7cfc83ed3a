// CCD ablation: baseline LPSCl, LiF only, dual layer (LSPS) only, dual layer + LiF, same seed and grid.
// `npx tsx scripts/ablation.ts [--seeds 1,2,3] [--jobs N] [--write]` prints the table (CCD per seed and
// the mean); --write puts it into docs/model.md
// between the ablation markers (so the table in the docs is always this script's output).
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type CcdRun, mean, runCcd } from '../src/cli/ccd-run';

export const ABLATION = [
  { preset: 'ccd-lpscl', label: 'baseline LPSCl' },
  { preset: 'ccd-lif', label: 'LiF-LPSCl only (interfacial energy + conductivity)' },
  { preset: 'ccd-dual', label: 'dual layer only (LSPS screw effect)' },
  { preset: 'ccd-dual-lif', label: 'dual layer + LiF (the paper’s engineered SE)' },
] as const;


/** One (preset, seed) run in a child process, so `--jobs N` runs N at once (one core each). */
function runChild(preset: string, seed: number): Promise<CcdRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--one', preset, String(seed)],
      { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0) reject(new Error(`${preset} seed ${seed}: exit ${code}`));
      else resolve(JSON.parse(line));
    });
  });
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--one') {
    console.log(JSON.stringify(await runCcd(argv[1], Number(argv[2]))));
    return;
  }
  const arg = (name: string, fallback: string): string => { const at = argv.indexOf(name); return at >= 0 ? argv[at + 1] : fallback; };
  const seeds = arg('--seeds', '1,2,3').split(',').map(Number);
  const jobs = Math.max(1, Number(arg('--jobs', '1')));
  const tasks = ABLATION.flatMap((a) => seeds.map((seed) => ({ preset: a.preset, seed })));
  const results = new Map<string, CcdRun>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const t = tasks[next++];
      const r = await runChild(t.preset, t.seed);
      results.set(`${t.preset}#${t.seed}`, r);
      console.log(`${t.preset} seed ${t.seed}: CCD ${r.ccd_mA_cm2 ?? 'none'} mA/cm², short at ${r.short_t_s?.toFixed(0) ?? '-'} s, ${r.wall_s.toFixed(1)} s wall`);
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  const row = (a: (typeof ABLATION)[number]): string => {
    const rs = seeds.map((s) => results.get(`${a.preset}#${s}`)!);
    const ccds = rs.map((r) => r.ccd_mA_cm2);
    const all = ccds.every((c): c is number => c !== null);
    return `| ${a.label} | \`${a.preset}\` | ${ccds.map((c) => c ?? 'no short').join(', ')} | ${all ? mean(ccds).toFixed(2) : '–'} | ${rs.map((r) => r.wall_s.toFixed(0)).join(', ')} |`;
  };
  const table = [
    `| variant | preset | CCD per seed (mA/cm²) | mean | wall (s) |`,
    `|---|---|---|---|---|`,
    ...ABLATION.map(row),
    '',
    `Seeds ${seeds.join(', ')}; produced by \`npx tsx scripts/ablation.ts --write\` (wall: ${jobs} run(s) at a time).`,
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
