// Starting, watching and stopping the server processes of a local stack.

import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer, connect } from 'node:net';

export interface ServerProcess {
  name: string;
  url: string;
  pid: number;
  logFile: string;
  child?: ChildProcess;
}

export class StackError extends Error {}

/** A free loopback port (bound then released; fine for one machine's tests). */
/**
 * A free loopback port for a server we are about to start. Picked below Linux's ephemeral range
 * (32768-60999): a port the kernel handed out (listen on 0) can be taken by any outgoing
 * connection before the server binds it, and the servers we start make many.
 */
const PORT_RANGE = { from: 20000, to: 32767 };
const handedOut = new Set<number>();

export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = PORT_RANGE.from + Math.floor(Math.random() * (PORT_RANGE.to - PORT_RANGE.from + 1));
    if (handedOut.has(port)) {
      continue;
    }
    handedOut.add(port); // before the check, so concurrent callers cannot pick the same port
    if (await canBind(port)) {
      return port;
    }
    handedOut.delete(port);
  }
  throw new Error(`found no free loopback port in ${PORT_RANGE.from}-${PORT_RANGE.to}`);
}

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Which process listens on a TCP port (Linux /proc; undefined elsewhere or if not ours to see). */
export function portHolder(port: number): string | undefined {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    try {
      for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
        const f = line.trim().split(/\s+/);
        // local_address is ADDR:PORT in hex; state 0A is LISTEN; field 9 is the socket's inode
        if (f.length > 9 && f[1].endsWith(`:${hex}`) && f[3] === '0A') inodes.add(f[9]);
      }
    } catch {
      // no such table
    }
  }
  if (inodes.size === 0) return undefined;
  for (const pid of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m && inodes.has(m[1])) {
          const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').replace(/\s+/g, ' ').trim();
          return `pid ${pid}: ${command.length > 80 ? command.slice(0, 80) + '…' : command}`;
        }
      } catch {
        // closed meanwhile
      }
    }
  }
  return undefined;
}

export async function assertPortsFree(ports: Record<string, number>): Promise<void> {
  const busy: string[] = [];
  for (const [name, port] of Object.entries(ports)) {
    if (await portInUse(port)) {
      const holder = portHolder(port);
      busy.push(`${name} port ${port}${holder ? ` (held by ${holder})` : ''}`);
    }
  }
  if (busy.length) {
    throw new StackError(
      `already in use on 127.0.0.1: ${busy.join(', ')}. Stop what holds them (an earlier stack? try "npm run stack:down"), or choose other ports with the FORESIGHT_*_PORT variables.`,
    );
  }
}

export function tail(file: string, lines = 25): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A zombie (exited, not yet reaped by its parent) is gone for our purposes.
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true; // no /proc: trust the signal
  }
}

const startListeners: Array<(server: ServerProcess) => void> = [];

/** Calls `listener` with each process startProcess starts from now on, as soon as it is spawned. */
export function onProcessStart(listener: (server: ServerProcess) => void): void {
  startListeners.push(listener);
}

/** Starts a server with its output in `logFile`. `detached` servers outlive this process (stack up). */
export function startProcess(
  name: string,
  command: string,
  args: string[],
  opts: { url: string; logFile: string; env?: NodeJS.ProcessEnv; cwd?: string; detached?: boolean },
): ServerProcess {
  const out = openSync(opts.logFile, 'a');
  const child = spawn(command, args, {
    cwd: opts.cwd,
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', out, out],
    detached: opts.detached ?? false,
  });
  closeSync(out);
  if (opts.detached) {
    child.unref();
  }
  if (child.pid === undefined) {
    throw new StackError(`${name} could not be started (${command})`);
  }
  const server = { name, url: opts.url, pid: child.pid, logFile: opts.logFile, child };
  for (const listener of startListeners) listener(server);
  return server;
}

/** Waits until `url` answers 2xx; fails early with the server's log if the process exits. */
export async function waitReady(server: ServerProcess, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (!isAlive(server.pid) || (server.child && server.child.exitCode !== null)) {
      throw new StackError(`${server.name} exited during start-up. Last lines of ${server.logFile}:\n${tail(server.logFile)}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) {
        return;
      }
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new StackError(`${server.name} was not ready at ${url} after ${timeoutMs / 1000}s (${last}). Last lines of ${server.logFile}:\n${tail(server.logFile)}`);
}

/**
 * The processes whose command line names `path` (Linux /proc): the servers of a stack all take
 * their config and data under its state directory, so this finds them even when no pid was
 * recorded (a run killed between starting a server and writing its pid). Excludes this process.
 */
export function processesNaming(path: string): Array<{ pid: number; command: string }> {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return [];
  }
  const found: Array<{ pid: number; command: string }> = [];
  for (const e of entries) {
    const pid = Number(e);
    if (pid === process.pid) continue;
    let command: string;
    try {
      command = readFileSync(`/proc/${e}/cmdline`, 'utf8').split('\0').join(' ').trim();
    } catch {
      continue; // gone meanwhile
    }
    if (command.includes(path)) {
      found.push({ pid, command });
    }
  }
  return found;
}

function signal(pid: number, sig: NodeJS.Signals): void {
  // A detached server leads its own process group: signal the group, so what it started
  // (Grafana's plugin processes) stops with it.
  try {
    process.kill(-pid, sig);
    return;
  } catch {
    // not a group leader
  }
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
export async function stopProcess(pid: number, graceMs = 10_000): Promise<void> {
  if (!isAlive(pid)) {
    return;
  }
  signal(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
  }
  if (isAlive(pid)) {
    signal(pid, 'SIGKILL');
    while (isAlive(pid) && Date.now() < deadline + 5000) {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
