// Benchmarks time the backend's code as it ships: one esbuild bundle, minified, for Node 20, as
// build/backend.mjs makes it. Run through tsx instead, every import between modules is a getter
// (its CommonJS interop) called at each use, which slows the hot loops and is not what users run.

import { buildSync } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPO = resolve(__dirname, '..');

/** The named modules (paths from the repository root) bundled together; their exports, merged. */
export function loadShipped<T>(modules: string[]): T {
  const dir = mkdtempSync(join(tmpdir(), 'foresight-bench-bundle-'));
  const outfile = join(dir, 'bundle.cjs');
  try {
    buildSync({
      stdin: { contents: modules.map((m) => `export * from ${JSON.stringify(resolve(REPO, m))};`).join('\n'), resolveDir: REPO, loader: 'ts' },
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      minify: !process.env.FORESIGHT_BENCH_NO_MINIFY,
      logLevel: 'error',
    });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(outfile) as T;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
