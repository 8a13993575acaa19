// Bundles the `foresight` command line (backend/cli/main.ts) into dist/cli/foresight.cjs, the
// package's `bin`, with augurs' WebAssembly embedded as in the backend bundle.

import { build } from 'esbuild';
import { chmodSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWasiWorker, embedAugursWasm, embedProphetOptimizer } from './backend.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'dist/cli/foresight.cjs');

const started = performance.now();
mkdirSync(dirname(outfile), { recursive: true });
await build({
  entryPoints: [join(root, 'backend/cli/main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  legalComments: 'eof',
  logLevel: 'warning',
  plugins: [embedAugursWasm, embedProphetOptimizer],
  logOverride: { 'empty-import-meta': 'silent' },
});
await buildWasiWorker(dirname(outfile));
chmodSync(outfile, 0o755);
console.log(`cli: ${outfile} in ${Math.round(performance.now() - started)} ms`);
