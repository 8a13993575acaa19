// Drain3 from PyPI, the peer most users would reach for, run on the same lines in the same run.
// Its virtual environment is created once and cached outside the checkout
// (~/.cache/foresight/venv-drain3, or $FORESIGHT_CACHE/venv-drain3).

import { execFileSync, spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

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

export interface Drain3Run {
  /** CPU seconds of the mining loop. */
  seconds: number;
  /** Each line's final template, when asked for. */
  templates?: string[];
}

/**
 * A Drain3 process holding the given line sets, mining one of them on each call (a fresh miner
 * each time), so a benchmark can alternate its runs with ours: a shared machine's slow and fast
 * spells then fall on both alike.
 */
export class Drain3Peer {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly replies: AsyncIterator<string>;
  private stderr = '';

  constructor(systems: Array<{ name: string; contents: string[] }>) {
    this.child = spawn(drain3Python(), [join(__dirname, 'drain3_runner.py')], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.on('data', (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-4000)));
    this.replies = createInterface({ input: this.child.stdout })[Symbol.asyncIterator]();
    this.child.stdin.write(JSON.stringify({ systems: systems.map((s) => ({ name: s.name, contents: s.contents })) }) + '\n');
  }

  async mine(system: number, templates = false): Promise<Drain3Run> {
    this.child.stdin.write(JSON.stringify({ mine: system, templates }) + '\n');
    const reply = await this.replies.next();
    if (reply.done) throw new Error(`drain3 exited (code ${this.child.exitCode}): ${this.stderr}`);
    const r = JSON.parse(reply.value) as { seconds: number; templates: string[] | null };
    return { seconds: r.seconds, templates: r.templates ?? undefined };
  }

  close(): void {
    this.child.stdin.end();
  }
}
