// Builds the panel test page for the browser with esbuild: our panel modules with the real
// @grafana/data, @grafana/ui and React bundled in (Grafana provides them at runtime; here the page
// does). Output goes to test-results/ (git-ignored), rebuilt once per process.

import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const PAGE_DIR = join(REPO, 'tests/browser/page');

let built: Promise<string> | undefined;

const OPTIONS = {
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  jsx: 'automatic',
  minify: process.env.FORESIGHT_PAGE_MINIFY !== '0',
  sourcemap: false,
  define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
  loader: { '.svg': 'text', '.woff': 'empty', '.woff2': 'empty', '.ttf': 'empty', '.png': 'empty' },
  logLevel: 'error',
} as const;

/** Bundles one more script for the page (a benchmark's peer), returning its path. */
export async function buildScript(entry: string, name: string, outDir = join(REPO, 'test-results/browser-page')): Promise<string> {
  await build({ ...OPTIONS, entryPoints: { [name]: entry }, outdir: outDir });
  return join(outDir, `${name}.js`);
}

/** The file:// URL of the built page. */
export function buildPanelPage(outDir = join(REPO, 'test-results/browser-page')): Promise<string> {
  built ??= (async () => {
    mkdirSync(outDir, { recursive: true });
    const started = performance.now();
    await build({ ...OPTIONS, entryPoints: { page: join(PAGE_DIR, 'main.tsx') }, outdir: outDir });
    copyFileSync(join(PAGE_DIR, 'index.html'), join(outDir, 'index.html'));
    console.log(`browser: built the panel page in ${((performance.now() - started) / 1000).toFixed(1)}s`);
    return pathToFileURL(join(outDir, 'index.html')).href;
  })();
  return built;
}
