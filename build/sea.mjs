// A self-contained backend executable for this machine's platform: Node.js itself with the
// bundle injected (Node single executable application), so the Grafana host needs no Node.
// Replaces the launcher for this platform in dist/datasource (others keep their launchers).
//   node build/sea.mjs [output path]

import { execFileSync } from 'node:child_process';
import { copyFileSync, chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { executable } = JSON.parse(readFileSync(join(root, 'src/datasource/plugin.json'), 'utf8'));
const GOOS = { linux: 'linux', darwin: 'darwin' }[process.platform];
const GOARCH = { x64: 'amd64', arm64: 'arm64' }[process.arch];
if (!GOOS || !GOARCH) {
  throw new Error(`no single executable for ${process.platform}/${process.arch}`);
}
const bundle = join(root, 'dist/datasource', `${executable}.cjs`);
const out = resolve(process.argv[2] ?? join(root, 'dist/datasource', `${executable}_${GOOS}_${GOARCH}`));

export function buildSea() {
  statSync(bundle); // run `npm run build:backend` first
  const work = mkdtempSync(join(tmpdir(), 'foresight-sea-'));
  try {
    const blob = join(work, 'sea.blob');
    writeFileSync(join(work, 'sea-config.json'), JSON.stringify({ main: bundle, output: blob, disableExperimentalSEAWarning: true }));
    execFileSync(process.execPath, ['--experimental-sea-config', join(work, 'sea-config.json')], { stdio: 'inherit' });
    const tmpOut = join(work, 'exe');
    copyFileSync(process.execPath, tmpOut);
    chmodSync(tmpOut, 0o755);
    execFileSync(
      process.execPath,
      [join(root, 'node_modules/postject/dist/cli.js'), tmpOut, 'NODE_SEA_BLOB', blob, '--sentinel-fuse', 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2'],
      { stdio: 'inherit' },
    );
    copyFileSync(tmpOut, out);
    chmodSync(out, 0o755);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`single executable: ${out} (${(statSync(out).size / 1e6).toFixed(1)} MB)`);
  return out;
}

buildSea();
