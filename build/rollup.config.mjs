// Frontend build: one AMD module per plugin (app, datasource, each panel), the format Grafana's
// plugin loader reads, with Grafana's shared libraries left external so the plugin uses the
// instances Grafana provides at runtime. Each entry is self-contained (dynamic imports inlined)
// so no chunk has to be resolved relative to the plugin's public path.

import commonjs from '@rollup/plugin-commonjs';
import json from '@rollup/plugin-json';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import esbuild from 'rollup-plugin-esbuild';
import { copyAssets, findPluginJsons } from './assets.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = join(root, 'src');
const distDir = join(root, 'dist');
const production = process.env.NODE_ENV !== 'development';

/** Provided by Grafana at runtime (the same list create-plugin externalises). */
const EXTERNALS = [
  /^@grafana\/(data|ui|runtime)(\/.*)?$/,
  /^react(\/jsx-runtime|\/jsx-dev-runtime)?$/,
  'react-dom',
  'react-router',
  'react-router-dom',
  'react-redux',
  'redux',
  /^rxjs(\/.*)?$/,
  'd3',
  'lodash',
  'moment',
  'i18next',
  /^@emotion\/(css|react)$/,
];

const entries = findPluginJsons(srcDir).map((file) => {
  const dir = dirname(file);
  const rel = relative(srcDir, dir);
  const module = ['module.tsx', 'module.ts'].map((m) => join(dir, m)).find((m) => existsSync(m));
  return { input: module, out: join(distDir, rel, 'module.js') };
});

export default entries.map(({ input, out }, i) => ({
  input,
  external: EXTERNALS,
  output: { file: out, format: 'amd', sourcemap: !production, inlineDynamicImports: true },
  plugins: [
    nodeResolve({ browser: true, extensions: ['.mjs', '.js', '.ts', '.tsx', '.json'] }),
    json(),
    commonjs(),
    esbuild({ target: 'es2020', jsx: 'automatic', minify: production, tsconfig: join(root, 'tsconfig.json') }),
    // Assets once, after the last bundle.
    i === entries.length - 1 && { name: 'copy-assets', writeBundle: () => copyAssets({ root, srcDir, distDir }) },
  ],
  onwarn(warning, warn) {
    if (warning.code === 'CIRCULAR_DEPENDENCY' && /node_modules/.test(warning.ids?.[0] ?? '')) return;
    warn(warning);
  },
}));
