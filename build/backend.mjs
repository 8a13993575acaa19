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
const AUGURS_MODULES = ['mstl', 'ets', 'seasons', 'outlier', 'changepoint', 'prophet'];
/** Prophet's optimizer (a WASI component) does its I/O through a worker thread; the bundle starts it from this file beside it. */
export const WASI_WORKER = 'wasi-io-worker.mjs';

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

/** Replaces `search` in `source` once, failing the build when a new package version no longer has it. */
function patch(source, search, replacement, file) {
  if (!source.includes(search)) throw new Error(`${file}: expected to find ${JSON.stringify(search)}; the package changed, update build/backend.mjs`);
  return source.replace(search, replacement);
}

/**
 * Makes Prophet's Stan optimizer (@bsull/augurs-prophet-wasmstan) bundle into CommonJS: its two core
 * WebAssembly modules are embedded instead of read beside the module, its top-level await (which
 * CommonJS cannot express) becomes an exported promise that backend/analyzers/models/prophet-wasm.ts
 * awaits, and the WASI shim's worker thread is started from WASI_WORKER beside the bundle.
 */
export const embedProphetOptimizer = {
  name: 'embed-prophet-optimizer',
  setup(b) {
    const stanDir = dirname(require.resolve('@bsull/augurs-prophet-wasmstan'));
    b.onLoad({ filter: /prophet-wasmstan[\\/]prophet-wasmstan\.js$/ }, (args) => {
      let s = readFileSync(args.path, 'utf8');
      for (const core of ['core', 'core2']) {
        s = patch(s, `fetchCompile(new URL('./prophet-wasmstan.${core}.wasm', import.meta.url))`, `WebAssembly.compile(wasmstan_${core})`, args.path);
        s = `import wasmstan_${core} from 'wasmstan-bin:prophet-wasmstan.${core}.wasm';\n` + s;
      }
      s = patch(s, '\nawait $init;', '\nexport const ready = $init;', args.path);
      return { contents: s, loader: 'js' };
    });
    b.onResolve({ filter: /^wasmstan-bin:/ }, (args) => ({ path: join(stanDir, args.path.slice('wasmstan-bin:'.length)) }));
    b.onLoad({ filter: /prophet-wasmstan\.core2?\.wasm$/ }, (args) => ({ contents: readFileSync(args.path), loader: 'binary' }));
    b.onLoad({ filter: /preview2-shim[\\/]lib[\\/]io[\\/]worker-io\.js$/ }, (args) => ({
      contents: patch(readFileSync(args.path, 'utf8'), 'fileURLToPath(new URL("./worker-thread.js", import.meta.url))', `__dirname + ${JSON.stringify('/' + WASI_WORKER)}`, args.path),
      loader: 'js',
    }));
    b.onLoad({ filter: /analyzers[\\/]models[\\/]prophet-wasm\.ts$/ }, () => ({
      loader: 'ts',
      contents:
        `export async function loadProphetOptimizer() {\n` +
        `  const m = await import('@bsull/augurs-prophet-wasmstan');\n` +
        `  await (m as unknown as { ready: Promise<void> }).ready;\n` +
        `  return m.optimizer;\n}\n`,
    }));
  },
};

/** Writes the WASI shim's I/O worker (see embedProphetOptimizer) into `dir`. */
export async function buildWasiWorker(dir, minify = true) {
  const shimDir = dirname(require.resolve('@bytecodealliance/preview2-shim/io'));
  return build({
    entryPoints: [join(shimDir, '..', 'io', 'worker-thread.js')],
    outfile: join(dir, WASI_WORKER),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    minify,
    legalComments: 'eof',
    logLevel: 'warning',
  });
}

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
    plugins: [embedAugursWasm, embedProphetOptimizer],
    // augurs' web-target glue mentions import.meta.url for fetch-based init, which the bundle never uses.
    logOverride: { 'empty-import-meta': 'silent' },
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  await buildBackend();
  await buildWasiWorker(outDir);
  for (const platform of PLATFORMS) {
    const file = join(outDir, `${executable}_${platform}`);
    writeFileSync(file, launcher(bundleName));
    chmodSync(file, 0o755);
  }
  console.log(`backend: dist/datasource/${bundleName} + ${PLATFORMS.length} launchers in ${Math.round(performance.now() - started)} ms`);
}
