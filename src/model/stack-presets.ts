// The stack-pressure comparison of Oh et al. 2025 (A:L111, Fig. S17): bare Cu and Mg-seeded Cu under an
// LPSCl pellet at 20 and 5 MPa. The 20 MPa presets are the seed presets (src/model/seeds.ts); the 5 MPa
// ones are the same cells with only the stack pressure changed. scripts/gen-seed-presets.ts writes both;
// test/unit/stack-presets.test.ts checks the files.
import { seedPresetJson, type SeedPresetJson } from './seeds';

/** The paper's lower stack pressure (A:L111, Experimental: "a controlled stack pressure of 20 or 5 MPa"). */
export const LOW_STACK_PRESSURE_MPA = 5;
/** The metals of the pressure test (Fig. S17): without seed and with Mg. */
export const STACK_TEST_METALS = ['cu', 'mg'] as const;
export type StackTestMetal = (typeof STACK_TEST_METALS)[number];

function replaceOnce(text: string, from: string, to: string, what: string): string {
  if (!text.includes(from)) throw new Error(`stack preset: '${from}' not found in the ${what} of the 20 MPa preset`);
  return text.replace(from, to);
}

/** lpscl-<metal>-5MPa: the lpscl-<metal>-20MPa preset with the stack pressure at 5 MPa, nothing else changed. */
export function lowPressurePresetJson(metal: StackTestMetal): SeedPresetJson {
  const base = seedPresetJson(metal, 'lpscl');
  const p = LOW_STACK_PRESSURE_MPA;
  return {
    ...base,
    id: `lpscl-${metal}-${p}MPa`,
    title: replaceOnce(base.title, 'at 20 MPa', `at ${p} MPa`, 'title'),
    description: replaceOnce(replaceOnce(base.description, '20 MPa stack', `${p} MPa stack`, 'description'),
      'Fig. 3)', 'Fig. S17)', 'description'),
    notes: replaceOnce(base.notes, 'stack pressure 20 MPa (A:L111).',
      `stack pressure ${p} MPa (A:L111, the low-pressure cells of Fig. S17; otherwise identical to lpscl-${metal}-20MPa).`, 'notes')
      .replace('Generated from src/model/seeds.ts by', 'Generated from src/model/seeds.ts and src/model/stack-presets.ts by'),
    params: { ...base.params, stack_pressure_MPa: p },
  };
}

export function stackPressurePresets(): SeedPresetJson[] {
  return STACK_TEST_METALS.map(lowPressurePresetJson);
}
