// `npm run stack:up` / `stack:down` / `stack:status`: the local stack for trying Foresight —
// Prometheus, Loki, Tempo, the demo system (services under load, with fault injection) and Grafana
// (with the built plugin and provisioning) on loopback, left running in the background.
// Ports: see layout.ts (Grafana 3000, Prometheus 9090, Loki 3100, Tempo 3200, OTLP/HTTP 4318, demo
// services 8081-8085, its control API 8080), each moved by its FORESIGHT_*_PORT variable.
// `stack:up -- --no-build` skips the plugin build (dist/ is already built).
//
// The state directory ($FORESIGHT_STACK_DIR, default ~/.cache/foresight/stack) holds every server's
// config, data and log, and stack.json: the pid of the `up` that started the stack, whether it
// finished, and the servers it started. A run that is interrupted stops what it started; one that
// was killed outright is recognised and cleaned up by the next `up` or `down`.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEMO_LOAD, demoArgs, stackPorts } from './layout';
import { assertPortsFree, isAlive, processesNaming, onProcessStart, startProcess, stopProcess, waitReady, StackError } from './processes';
import { REPO, startGrafana, startLoki, startPrometheus, startTempo } from './servers';

const STATE = resolve(process.env.FORESIGHT_STACK_DIR ?? join(process.env.FORESIGHT_CACHE ?? join(homedir(), '.cache/foresight'), 'stack'));
const RECORD = join(STATE, 'stack.json');

interface Server {
  name: string;
  pid: number;
  url: string;
  logFile: string;
}

interface StackRecord {
  /** The `stack up` process that started this stack. */
  runner: number;
  complete: boolean;
  servers: Server[];
}

function readRecord(): StackRecord | null {
  if (!existsSync(RECORD)) {
    return null;
  }
  try {
    return JSON.parse(readFileSync(RECORD, 'utf8')) as StackRecord;
  } catch (err) {
    throw new StackError(`${RECORD} is unreadable (${(err as Error).message}); remove it, then stop any leftover servers with "npm run stack:down"`);
  }
}

/** Whether the `stack up` that wrote a record still runs (and its pid was not reused since). */
function runnerAlive(record: StackRecord): boolean {
  if (record.runner === process.pid || !isAlive(record.runner)) return false;
  try {
    return readFileSync(`/proc/${record.runner}/cmdline`, 'utf8').includes('stack.ts');
  } catch {
    return true; // no /proc: trust the signal
  }
}

function writeRecord(record: StackRecord): void {
  writeFileSync(RECORD, JSON.stringify(record, null, 2));
}

/**
 * Server processes of this state directory that are running, recorded or not: each takes a
 * config file (or, for Grafana's plugin processes, a path) under it.
 */
function leftoverProcesses(record: StackRecord | null): Array<{ pid: number; what: string }> {
  const found = new Map<number, string>();
  for (const s of record?.servers ?? []) {
    if (isAlive(s.pid)) found.set(s.pid, s.name);
  }
  for (const p of processesNaming(STATE + '/')) {
    if (!found.has(p.pid) && p.pid !== record?.runner && isAlive(p.pid)) {
      found.set(p.pid, p.command.length > 100 ? `${p.command.slice(0, 100)}…` : p.command);
    }
  }
  return [...found].map(([pid, what]) => ({ pid, what }));
}

async function stopAll(procs: Array<{ pid: number; what: string }>): Promise<void> {
  await Promise.all(
    procs.map(async (p) => {
      console.log(`stopping ${p.what} (pid ${p.pid})`);
      await stopProcess(p.pid);
    }),
  );
}

async function down(): Promise<void> {
  const record = readRecord();
  if (record && !record.complete && runnerAlive(record)) {
    console.log(`stopping the stack:up still starting (pid ${record.runner})`);
    await stopProcess(record.runner);
  }
  const procs = leftoverProcesses(record);
  await stopAll(procs);
  rmSync(RECORD, { force: true });
  if (procs.length === 0) {
    console.log('no stack is running');
  }
}

/** Rejects on SIGINT, SIGTERM or SIGHUP, so that `up` stops what it started before exiting. */
function interruption(): Promise<never> {
  return new Promise((_, reject) => {
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.once(sig, () => reject(new StackError(`interrupted by ${sig}`)));
    }
  });
}

async function up(args: string[]): Promise<void> {
  const unknown = args.filter((a) => a !== '--no-build');
  if (unknown.length) {
    throw new StackError(`unknown option ${unknown.join(' ')} (stack up takes --no-build)`);
  }
  let ports;
  try {
    ports = stackPorts();
  } catch (err) {
    throw new StackError((err as Error).message);
  }
  const earlier = readRecord();
  if (earlier && !earlier.complete && runnerAlive(earlier)) {
    throw new StackError(`another stack:up (pid ${earlier.runner}) is still starting this stack; wait for it, or stop it with "npm run stack:down"`);
  }
  const left = leftoverProcesses(earlier);
  if (earlier?.complete && left.length) {
    throw new StackError(`a stack is already running (${earlier.servers.map((s) => `${s.name} ${s.url}`).join(', ')}); "npm run stack:down" stops it`);
  }
  if (left.length) {
    // A run killed half way: its servers are still up, its record says it never finished.
    console.log(
      earlier
        ? `an earlier stack:up (pid ${earlier.runner}) stopped half way; stopping what it left:`
        : `servers of an earlier stack are running without a record (${RECORD}); stopping them:`,
    );
    await stopAll(left);
  }
  rmSync(RECORD, { force: true });
  await assertPortsFree(ports);
  mkdirSync(STATE, { recursive: true });
  const record: StackRecord = { runner: process.pid, complete: false, servers: [] };
  writeRecord(record);
  const interrupted = interruption();
  interrupted.catch(() => undefined);
  // Each part, raced against an interruption, with how long it took (the bring-up's breakdown).
  const step = async <T>(what: string, p: Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const result = await Promise.race([p, interrupted]);
    console.log(`${what} in ${((performance.now() - t0) / 1000).toFixed(1)}s`);
    return result;
  };
  const started = performance.now();
  // Recorded as soon as spawned, ready or not, so that nothing started is ever unaccounted for.
  onProcessStart((s) => {
    record.servers.push({ name: s.name, pid: s.pid, url: s.url, logFile: s.logFile });
    writeRecord(record);
  });
  try {
    if (!args.includes('--no-build')) {
      const t0 = performance.now();
      const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: REPO, stdio: 'inherit' });
      if (build.status !== 0) {
        throw new StackError('the plugin build failed');
      }
      console.log(`plugin built in ${((performance.now() - t0) / 1000).toFixed(1)}s`);
    }
    const sdDir = join(STATE, 'prometheus-sd');
    const prometheus = await step(
      'prometheus ready',
      startPrometheus({
        port: ports.prometheus,
        dir: join(STATE, 'prometheus'),
        targets: [{ job: 'grafana', target: `127.0.0.1:${ports.grafana}` }],
        fileSdDir: sdDir,
        detached: true,
      }),
    );
    const loki = await step('loki ready', startLoki({ httpPort: ports.loki, grpcPort: ports.lokiGrpc, dir: join(STATE, 'loki'), detached: true }));
    const tempo = await step(
      'tempo ready',
      startTempo({
        httpPort: ports.tempo,
        grpcPort: ports.tempoGrpc,
        otlpGrpcPort: ports.otlpGrpc,
        otlpHttpPort: ports.otlpHttp,
        memberlistPort: ports.tempoMemberlist,
        dir: join(STATE, 'tempo'),
        detached: true,
      }),
    );
    // The demo system: five services under a daily-shaped load, scraped through file_sd.
    mkdirSync(join(STATE, 'demo'), { recursive: true });
    const demo = startProcess(
      'demo',
      process.execPath,
      [
        '--import',
        'tsx',
        join(REPO, 'demo/main.ts'),
        ...demoArgs({ ports, sdFile: join(sdDir, 'demo.json'), groundTruthFile: join(STATE, 'demo/ground-truth.jsonl') }),
        '--rps', String(DEMO_LOAD.rps),
        '--speed', String(DEMO_LOAD.speed),
        '--load-duration', DEMO_LOAD.duration,
      ],
      { url: `http://127.0.0.1:${ports.demoControl}`, logFile: join(STATE, 'demo/demo.log'), cwd: REPO, detached: true },
    );
    await step('demo ready', waitReady(demo, `http://127.0.0.1:${ports.demoGateway}/metrics`, 60_000));
    const grafanaDir = join(STATE, 'grafana');
    const grafana = await step(
      'grafana ready',
      startGrafana({
        port: ports.grafana,
        dir: grafanaDir,
        pluginDist: join(REPO, 'dist'),
        provisioning: join(REPO, 'provisioning'),
        env: {
          FORESIGHT_PROMETHEUS_URL: prometheus.url,
          FORESIGHT_LOKI_URL: loki.url,
          FORESIGHT_TEMPO_URL: tempo.url,
          FORESIGHT_DASHBOARDS_DIR: join(grafanaDir, 'provisioning/dashboards'),
        },
        detached: true,
      }),
    );
    record.complete = true;
    writeRecord(record);
    console.log(`\nstack up in ${((performance.now() - started) / 1000).toFixed(1)}s`);
    console.log(`  Grafana     ${grafana.url}  (admin / admin; dashboard "Foresight: forecasts")`);
    console.log(`  Prometheus  ${prometheus.url}`);
    console.log(`  Loki        ${loki.url}`);
    console.log(`  Tempo       ${tempo.url} (OTLP ${tempo.otlpHttpUrl})`);
    console.log(`  demo        http://127.0.0.1:${ports.demoGateway} (control ${demo.url}; inject faults: npx tsx demo/cli.ts --help)`);
    console.log(`  logs        ${STATE}/*/*.log`);
    console.log('  stop with   npm run stack:down');
    if (process.env.BROWSER !== 'none' && !process.env.CI) {
      spawnSync('xdg-open', [`${grafana.url}/d/foresight-forecasts`], { stdio: 'ignore' });
    }
  } catch (err) {
    // Leave nothing behind: what was recorded, and what the state directory's scan finds.
    const left = leftoverProcesses(record);
    if (left.length) {
      console.error('stack up failed; stopping what this run started:');
      await stopAll(left);
    }
    rmSync(RECORD, { force: true });
    throw err;
  }
}

function status(): void {
  const record = readRecord();
  const left = leftoverProcesses(record);
  if (!record && left.length === 0) {
    console.log('no stack is running');
    return;
  }
  if (record && !record.complete) {
    console.log(runnerAlive(record) ? `starting (stack:up pid ${record.runner})` : `half-finished: stack:up (pid ${record.runner}) stopped before the stack was up; "npm run stack:down" cleans up`);
  }
  for (const s of record?.servers ?? []) {
    console.log(`${s.name.padEnd(11)} ${isAlive(s.pid) ? 'running' : 'stopped'}  ${s.url}  pid ${s.pid}  ${s.logFile}`);
  }
  const recorded = new Set(record?.servers.map((s) => s.pid));
  for (const p of left.filter((p) => !recorded.has(p.pid))) {
    console.log(`unrecorded  running  pid ${p.pid}  ${p.what}`);
  }
}

const [command, ...rest] = process.argv.slice(2);
const actions: Record<string, () => Promise<void> | void> = { up: () => up(rest), down, status };
if (!actions[command]) {
  console.error('usage: stack.ts up [--no-build] | down | status');
  process.exit(2);
}
Promise.resolve(actions[command]()).then(
  () => process.exit(0),
  (err) => {
    // Our own errors say what to do; anything else keeps its stack trace for a bug report.
    console.error(`stack ${command}: ${err instanceof StackError ? err.message : (err?.stack ?? err)}`);
    process.exit(/interrupted by SIG(INT|TERM|HUP)/.test(String(err?.message)) ? 130 : 1);
  },
);
