// The Python peer of the M4 benchmark (statsforecast), in a virtual environment created on first
// use and cached outside the checkout (~/.cache/foresight/venv-m4, or $FORESIGHT_CACHE/venv-m4).

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Pinned so that figures from different runs compare. */
export const PEER_REQUIREMENTS = ['statsforecast==2.1.1'];

export interface PeerModel {
  seconds: number;
  forecasts: Record<string, number[]>;
}

export interface PeerResult {
  version: string;
  warmupSeconds: number;
  models: Record<string, PeerModel>;
}

function venvDir(): string {
  return join(process.env.FORESIGHT_CACHE ?? join(homedir(), '.cache', 'foresight'), 'venv-m4');
}

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.error?.message ?? `exit ${r.status}`})`);
  }
}

/** The venv's python, with the peer's packages installed. */
export function ensurePeer(): string {
  const dir = venvDir();
  const python = join(dir, 'bin', 'python');
  const marker = join(dir, `.installed-${PEER_REQUIREMENTS.join('_').replace(/[^A-Za-z0-9._-]/g, '-')}`);
  if (!existsSync(marker)) {
    console.log(`m4: installing the peer (${PEER_REQUIREMENTS.join(' ')}) into ${dir}`);
    if (!existsSync(python)) run('python3', ['-m', 'venv', dir]);
    run(python, ['-m', 'pip', 'install', '--quiet', ...PEER_REQUIREMENTS]);
    run('touch', [marker]);
  }
  return python;
}

export function runPeer(dataDir: string, limit: number): PeerResult {
  const python = ensurePeer();
  const r = spawnSync(python, [join(__dirname, 'peer.py'), dataDir, String(limit)], { maxBuffer: 256 * 1024 * 1024, encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1', NUMBA_NUM_THREADS: '1' } });
  if (r.status !== 0) {
    throw new Error(`the statsforecast peer failed: ${r.stderr || r.error?.message}`);
  }
  return JSON.parse(r.stdout) as PeerResult;
}
