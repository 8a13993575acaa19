// Bundles the TypeScript backend into one CommonJS file and writes the per-platform executables
// Grafana starts (`<executable>_<goos>_<goarch>`). The JavaScript is the same on every platform,
// so each executable is a small POSIX launcher that finds Node.js without relying on PATH (Grafana
// may strip the host environment) and runs the bundle beside it.

import { build } from 'esbuild';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const pluginJson = JSON.parse(readFileSync(join(root, 'src/datasource/plugin.json'), 'utf8'));
const executable = pluginJson.executable;
const outDir = join(root, 'dist/datasource');
const bundleName = `${executable}.cjs`;
export const PLATFORMS = ['linux_amd64', 'linux_arm64', 'darwin_amd64', 'darwin_arm64'];
const AUGURS_MODULES = ['mstl', 'ets', 'seasons', 'outlier', 'changepoint'];

/** Swaps the file-reading augurs loader for one that embeds the WebAssembly in the bundle. */
export const embedAugursWasm = {
  name: 'embed-augurs-wasm',
  setup(b) {
    const augursDir = dirname(require.resolve('@bsull/augurs/mstl'));
    b.onLoad({ filter: /analyzers[\\/]models[\\/]augurs-wasm\.ts$/ }, () => ({
      loader: 'ts',
      contents:
        AUGURS_MODULES.map((m) => `import ${m} from 'augurs-bin:${m}';`).join('\n') +
        `\nconst modules = { ${AUGURS_MODULES.join(', ')} };\n` +
        `export type AugursModule = keyof typeof modules;\n` +
        `export function augursWasm(name: AugursModule): Uint8Array { return modules[name]; }\n`,
    }));
    b.onResolve({ filter: /^augurs-bin:/ }, (args) => ({ path: join(augursDir, `${args.path.slice('augurs-bin:'.length)}_bg.wasm`) }));
    b.onLoad({ filter: /_bg\.wasm$/ }, (args) => ({ contents: readFileSync(args.path), loader: 'binary' }));
  },
};

export function launcher(bundle) {
  return `#!/bin/sh
# Foresight backend: runs ${bundle} (beside this file) with Node.js >= 20.
# Grafana may start plugins without PATH, so known locations are tried too; set the path
# explicitly with FORESIGHT_NODE, or in grafana.ini: [plugin.${pluginJson.id}] node_path = /path/to/node
dir=\${0%/*}
for node in "$FORESIGHT_NODE" "$GF_PLUGIN_NODE_PATH" "$(command -v node 2>/dev/null)" \\
  /usr/bin/node /usr/local/bin/node /opt/homebrew/bin/node /opt/local/bin/node /usr/share/grafana/node/bin/node; do
  if [ -n "$node" ] && [ -x "$node" ]; then
    exec "$node" "$dir/${bundle}" "$@"
  fi
done
echo '{"@level":"error","@message":"Foresight backend: Node.js >= 20 was not found; set FORESIGHT_NODE or [plugin.${pluginJson.id}] node_path"}' >&2
exit 1
`;
}

export async function buildBackend({ outfile = join(outDir, bundleName), minify = true } = {}) {
  mkdirSync(dirname(outfile), { recursive: true });
  return build({
    entryPoints: [join(root, 'backend/plugin/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify,
    sourcemap: false,
    legalComments: 'eof',
    logLevel: 'warning',
    metafile: true,
    plugins: [embedAugursWasm],
    // augurs' web-target glue mentions import.meta.url for fetch-based init, which the bundle never uses.
    logOverride: { 'empty-import-meta': 'silent' },
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  await buildBackend();
  for (const platform of PLATFORMS) {
    const file = join(outDir, `${executable}_${platform}`);
    writeFileSync(file, launcher(bundleName));
    chmodSync(file, 0o755);
  }
  console.log(`backend: dist/datasource/${bundleName} + ${PLATFORMS.length} launchers in ${Math.round(performance.now() - started)} ms`);
}
