// Copies what Grafana reads besides the bundles into dist/: every plugin.json (with %VERSION%,
// %TODAY% and %PLUGIN_ID% filled), the logo into each plugin folder, and the catalog README.

import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

export function findPluginJsons(srcDir) {
  const out = [];
  for (const name of readdirSync(srcDir)) {
    const p = join(srcDir, name);
    if (statSync(p).isDirectory()) out.push(...findPluginJsons(p));
    else if (name === 'plugin.json') out.push(p);
  }
  return out;
}

export function copyAssets({ root, srcDir, distDir }) {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const today = new Date().toISOString().slice(0, 10);
  for (const file of findPluginJsons(srcDir)) {
    const rel = relative(srcDir, dirname(file));
    const outDir = join(distDir, rel);
    mkdirSync(join(outDir, 'img'), { recursive: true });
    const text = readFileSync(file, 'utf8');
    const id = JSON.parse(text).id;
    writeFileSync(join(outDir, 'plugin.json'), text.replaceAll('%VERSION%', version).replaceAll('%TODAY%', today).replaceAll('%PLUGIN_ID%', id));
    copyFileSync(join(srcDir, 'img/logo.svg'), join(outDir, 'img/logo.svg'));
  }
  for (const doc of ['README.md', 'LICENSE', 'CHANGELOG.md']) {
    const from = doc === 'README.md' && existsSync(join(srcDir, 'README.md')) ? join(srcDir, 'README.md') : join(root, doc);
    if (existsSync(from)) copyFileSync(from, join(distDir, doc));
  }
}
