// Writes the seed-metal presets from the one table in src/model/seeds.ts:
//   npx tsx scripts/gen-seed-presets.ts          (write src/model/presets/liquid-<metal>-1mA.json, lpscl-<metal>-20MPa.json,
//                                                 the stack-pressure pair lpscl-cu-5MPa.json, lpscl-mg-5MPa.json, and the
//                                                 3D variants liquid-mg-3d, lpscl-mg-20MPa-3d, ccd-dual-lif-3d from
//                                                 src/model/presets-3d.ts)
//   npx tsx scripts/gen-seed-presets.ts --check  (exit 1 if any file differs; test/unit/seeds.test.ts and
//                                                 test/unit/stack-presets.test.ts, test/unit/presets.test.ts check the same)
// liquid-cu-1mA.json is hand-written and kept; the test checks it agrees with the table's Cu row.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generatedSeedPresets, presetFileText } from '../src/model/seeds';
import { stackPressurePresets } from '../src/model/stack-presets';
import { presets3d } from '../src/model/presets-3d';

const DIR = fileURLToPath(new URL('../src/model/presets/', import.meta.url));

function main(check: boolean): number {
  let stale = 0;
  const files = [
    ...[...generatedSeedPresets(), ...stackPressurePresets()].map((p) => ({ id: p.id, text: presetFileText(p) })),
    ...presets3d().map((p) => ({ id: p.id, text: presetFileText(p) })),
  ];
  for (const preset of files) {
    const file = `${DIR}${preset.id}.json`;
    const text = preset.text;
    let old = '';
    try { old = readFileSync(file, 'utf8'); } catch { /* new file */ }
    if (old === text) continue;
    stale++;
    if (check) process.stderr.write(`stale: src/model/presets/${preset.id}.json\n`);
    else { writeFileSync(file, text); process.stdout.write(`wrote src/model/presets/${preset.id}.json\n`); }
  }
  if (check && stale > 0) {
    process.stderr.write('run `npx tsx scripts/gen-seed-presets.ts` to regenerate\n');
    return 1;
  }
  if (!check && stale === 0) process.stdout.write('seed presets up to date\n');
  return 0;
}

process.exitCode = main(process.argv.includes('--check'));
