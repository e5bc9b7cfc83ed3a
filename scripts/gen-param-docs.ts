// Writes docs/parameters.md from the schema: `npx tsx scripts/gen-param-docs.ts`.
// renderParameterDocs() is exported so a test can check the file is up to date.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PARAM_GROUPS, PARAM_SPECS, describeDomain, formatNumber, type ParamSpec } from '../src/model/schema';

const cell = (s: string) => s.replace(/\|/g, '\\|');

function defaultText(spec: ParamSpec): string {
  if (spec.kind === 'enum') return `'${spec.default}'`;
  if (spec.kind === 'boolean') return String(spec.default);
  return formatNumber(Number(spec.default.toPrecision(6)));
}

function rangeText(spec: ParamSpec): string {
  if (spec.kind === 'enum') return spec.options.map((o) => `'${o}'`).join(', ');
  if (spec.kind === 'boolean') return 'true, false';
  return describeDomain({ ...spec, unit: '' });
}

export function renderParameterDocs(): string {
  const lines = [
    '# Parameters',
    '',
    'Generated from `src/model/schema.ts` by `npx tsx scripts/gen-param-docs.ts`; do not edit by hand.',
    'Set any of them with `--set name=value` (CLI) or the same name in the URL. *Restart* = yes means',
    'a change needs a reset; the others can change while a run is going.',
    '',
  ];
  for (const group of PARAM_GROUPS) {
    lines.push(`## ${group}`, '', '| name | unit | default | range | restart | description |',
      '|---|---|---|---|---|---|');
    for (const spec of PARAM_SPECS.filter((s) => s.group === group)) {
      lines.push(`| \`${spec.name}\` | ${spec.unit} | ${defaultText(spec)} | ${rangeText(spec)} | ` +
        `${spec.restart ? 'yes' : 'no'} | ${cell(spec.description)} |`);
    }
    lines.push('');
  }
  lines.push('Cross-parameter rules (checked by `validateParams`):', '',
    '- `interface_width_um` spans 2 to 16 grid cells (2·`dx_um` to 16·`dx_um`).',
    "- `li_film_um` is 0 when `collector` = 'bare', at least `interface_width_um` when 'film', and less than",
    '  `height_um` − 2·`interface_width_um`.',
    '- Cell counts are n = 8·max(1, round(L/(8·`dx_um`))) per axis; at most 4,194,304 cells in 2D and',
    '  8,388,608 in 3D.',
    '');
  return lines.join('\n');
}

export const PARAMETER_DOCS_PATH = fileURLToPath(new URL('../docs/parameters.md', import.meta.url));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(PARAMETER_DOCS_PATH, renderParameterDocs());
  console.log(`wrote ${PARAMETER_DOCS_PATH}`);
}
