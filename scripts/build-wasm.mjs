// Builds build/kernel-simd.wasm, build/kernel-scalar.wasm and build/kernel-threads.wasm (SIMD + shared
// memory + atomics, for the multithreaded kernel) from assembly/index.ts using the targets of asconfig.json.
// Skips the compile when all outputs are newer than every input, so
// `npm run sim` / `npm test` stay fast. `--force` rebuilds unconditionally.
import asc from 'assemblyscript/asc';
import { mkdir, readdir, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const targets = { simd: 'build/kernel-simd.wasm', scalar: 'build/kernel-scalar.wasm', threads: 'build/kernel-threads.wasm' };
const force = process.argv.includes('--force');

async function mtime(file) {
  try {
    return (await stat(path.join(root, file))).mtimeMs;
  } catch {
    return -Infinity;
  }
}

async function sources(dir) {
  const out = [];
  for (const e of await readdir(path.join(root, dir), { withFileTypes: true })) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) out.push(...(await sources(rel)));
    else if (e.name.endsWith('.ts')) out.push(rel);
  }
  return out;
}

async function upToDate() {
  const inputs = [
    ...(await sources('assembly')),
    'asconfig.json',
    'scripts/build-wasm.mjs',
    'node_modules/assemblyscript/package.json', // compiler upgrade → rebuild
  ];
  const newestIn = Math.max(...(await Promise.all(inputs.map(mtime))));
  const oldestOut = Math.min(...(await Promise.all(Object.values(targets).map(mtime))));
  return oldestOut > newestIn;
}

if (!force && (await upToDate())) {
  if (!process.argv.includes('--quiet')) console.log('asbuild: wasm up to date');
} else {
  await mkdir(path.join(root, 'build'), { recursive: true });
  for (const target of Object.keys(targets)) {
    const t0 = Date.now();
    const { error, stderr } = await asc.main(
      ['assembly/index.ts', '--baseDir', root, '--config', 'asconfig.json', '--target', target],
      { stdout: process.stdout, stderr: process.stderr },
    );
    if (error) {
      console.error(`asbuild: ${target} failed: ${error.message}`);
      if (stderr) console.error(stderr.toString());
      process.exit(1);
    }
    console.log(`asbuild: ${targets[target]} (${Date.now() - t0} ms)`);
  }
}
