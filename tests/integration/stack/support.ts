// Runs `scripts/stack/stack.ts` as `npm run stack:*` does, against a state directory and ports of
// its own, and finds the processes it leaves.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { portVariable, STACK_PORT_DEFAULTS, type StackPorts } from '../../../scripts/stack/layout';
import { isAlive, processesNaming } from '../../../scripts/stack/processes';
import { REPO } from '../../../scripts/stack/servers';

/**
 * FORESIGHT_*_PORT for every port of the stack, all free and distinct. They are drawn below the
 * kernel's ephemeral range (net.ipv4.ip_local_port_range, 32768 and up by default), so the outgoing
 * connections of the servers themselves cannot take one between this choice and its use.
 */
export async function freeStackPorts(): Promise<{ ports: StackPorts; env: Record<string, string> }> {
  const ports = { ...STACK_PORT_DEFAULTS };
  const taken = new Set<number>();
  for (const name of Object.keys(ports) as Array<keyof StackPorts>) {
    // The demo's five services take demoGateway..demoGateway+4.
    ports[name] = await freePortRun(name === 'demoGateway' ? 5 : 1, taken);
  }
  const env = Object.fromEntries((Object.keys(ports) as Array<keyof StackPorts>).map((n) => [portVariable(n), String(ports[n])]));
  return { ports, env };
}

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** The first of `count` consecutive free loopback ports in 20000-32767, none of them in `taken`. */
async function freePortRun(count: number, taken: Set<number>): Promise<number> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * (32_768 - 20_000 - count));
    const run = Array.from({ length: count }, (_, i) => base + i);
    if (run.some((p) => taken.has(p))) continue;
    if ((await Promise.all(run.map(canBind))).every(Boolean)) {
      run.forEach((p) => taken.add(p));
      return base;
    }
  }
  throw new Error(`found no ${count} consecutive free ports in 20000-32767`);
}

export interface StackRun {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
}

/** Starts `stack.ts <args>` with the stack's state in `dir`. */
export function runStack(args: string[], dir: string, env: Record<string, string> = {}): StackRun {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'scripts/stack/stack.ts'), ...args], {
    cwd: REPO,
    env: { ...process.env, FORESIGHT_STACK_DIR: dir, BROWSER: 'none', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exit = new Promise<number | null>((resolve) => child.on('close', (code, signal) => resolve(code ?? (signal ? -1 : null))));
  return { child, output: () => out, exit };
}

export async function stack(args: string[], dir: string, env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  const run = runStack(args, dir, env);
  const code = await run.exit;
  return { code, output: run.output() };
}

export interface RecordedServer {
  name: string;
  pid: number;
}

export function recordedServers(dir: string): RecordedServer[] {
  try {
    return (JSON.parse(readFileSync(join(dir, 'stack.json'), 'utf8')) as { servers: RecordedServer[] }).servers;
  } catch {
    return []; // absent, or being rewritten
  }
}

export function recordComplete(dir: string): boolean {
  try {
    return (JSON.parse(readFileSync(join(dir, 'stack.json'), 'utf8')) as { complete: boolean }).complete;
  } catch {
    return false;
  }
}

export const hasRecord = (dir: string) => existsSync(join(dir, 'stack.json'));

/** Live processes whose command line names the state directory (every server of the stack does). */
export function processesOf(dir: string): string[] {
  return processesNaming(dir + '/')
    .filter((p) => isAlive(p.pid))
    .map((p) => `${p.pid} ${p.command}`);
}

export async function waitFor(what: string, check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}
