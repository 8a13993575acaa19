// Drain3 from PyPI, the peer most users would reach for, run on the same lines in the same run.
// Its virtual environment is created once and cached outside the checkout
// (~/.cache/foresight/venv-drain3, or $FORESIGHT_CACHE/venv-drain3).

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const DRAIN3_VERSION = '0.9.11';

export function drain3Python(): string {
  const venv = join(process.env.FORESIGHT_CACHE ?? join(homedir(), '.cache', 'foresight'), 'venv-drain3');
  const python = join(venv, 'bin', 'python');
  const ready = existsSync(python) && spawnSync(python, ['-c', `import drain3, importlib.metadata as m; assert m.version("drain3") == "${DRAIN3_VERSION}"`]).status === 0;
  if (!ready) {
    process.stderr.write(`creating ${venv} with drain3==${DRAIN3_VERSION} from PyPI…\n`);
    execFileSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' });
    execFileSync(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', `drain3==${DRAIN3_VERSION}`], { stdio: 'inherit' });
  }
  return python;
}

export interface Drain3Result {
  name: string;
  templates: string[];
  seconds: number;
}

export function runDrain3(systems: Array<{ name: string; contents: string[] }>, repeats: number): Drain3Result[] {
  const python = drain3Python();
  const res = spawnSync(python, [join(__dirname, 'drain3_runner.py')], {
    input: JSON.stringify({ systems, repeats }),
    maxBuffer: 512 * 1024 * 1024,
    encoding: 'utf8',
  });
  if (res.status !== 0) {
    throw new Error(`drain3 failed (exit ${res.status}): ${res.stderr.slice(-2000)}`);
  }
  return (JSON.parse(res.stdout) as { systems: Drain3Result[] }).systems;
}
