// `npm run stack:up` / `stack:down` / `stack:status`: the local stack for trying Foresight —
// Prometheus, Loki, Tempo, the demo system (services under load, with fault injection) and Grafana
// (with the built plugin and provisioning) on loopback, left running in the background.
// Ports: FORESIGHT_GRAFANA_PORT (3000), FORESIGHT_PROMETHEUS_PORT (9090), Loki 3100, Tempo 3200
// (OTLP/HTTP 4318), demo services 8081-8085 and its control API 8080.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { assertPortsFree, isAlive, startProcess, stopProcess, waitReady, StackError, type ServerProcess } from './processes';
import { REPO, startGrafana, startLoki, startPrometheus, startTempo } from './servers';

const STATE = process.env.FORESIGHT_STACK_DIR ?? join(process.env.FORESIGHT_CACHE ?? join(homedir(), '.cache/foresight'), 'stack');
const PIDS = join(STATE, 'pids.json');

interface Record_ {
  name: string;
  pid: number;
  url: string;
  logFile: string;
}

function readPids(): Record_[] {
  return existsSync(PIDS) ? (JSON.parse(readFileSync(PIDS, 'utf8')) as Record_[]) : [];
}

function savePids(servers: ServerProcess[]) {
  writeFileSync(PIDS, JSON.stringify(servers.map(({ name, pid, url, logFile }) => ({ name, pid, url, logFile })), null, 2));
}

async function down(): Promise<void> {
  const records = readPids();
  for (const r of records) {
    if (isAlive(r.pid)) {
      console.log(`stopping ${r.name} (pid ${r.pid})`);
      await stopProcess(r.pid);
    }
  }
  rmSync(PIDS, { force: true });
  if (records.length === 0) {
    console.log('no stack is running');
  }
}

async function up(): Promise<void> {
  const running = readPids().filter((r) => isAlive(r.pid));
  if (running.length) {
    throw new StackError(`a stack is already running (${running.map((r) => `${r.name} ${r.url}`).join(', ')}); "npm run stack:down" stops it`);
  }
  // A half-finished earlier run leaves dead pids only: forget them.
  rmSync(PIDS, { force: true });
  const ports = {
    grafana: Number(process.env.FORESIGHT_GRAFANA_PORT ?? 3000),
    prometheus: Number(process.env.FORESIGHT_PROMETHEUS_PORT ?? 9090),
    loki: 3100,
    lokiGrpc: 9096,
    tempo: 3200,
    tempoGrpc: 9095,
    otlpGrpc: 4317,
    otlpHttp: 4318,
    tempoMemberlist: 7946,
    demoControl: 8080,
    demoGateway: 8081,
  };
  await assertPortsFree(ports);
  mkdirSync(STATE, { recursive: true });

  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: REPO, stdio: 'inherit' });
  if (build.status !== 0) {
    throw new StackError('the plugin build failed');
  }
  const started = performance.now();
  const servers: ServerProcess[] = [];
  try {
    const sdDir = join(STATE, 'prometheus-sd');
    const prometheus = await startPrometheus({
      port: ports.prometheus,
      dir: join(STATE, 'prometheus'),
      targets: [{ job: 'grafana', target: `127.0.0.1:${ports.grafana}` }],
      fileSdDir: sdDir,
      detached: true,
    });
    servers.push(prometheus);
    savePids(servers);
    const loki = await startLoki({ httpPort: ports.loki, grpcPort: ports.lokiGrpc, dir: join(STATE, 'loki'), detached: true });
    servers.push(loki);
    savePids(servers);
    const tempo = await startTempo({
      httpPort: ports.tempo,
      grpcPort: ports.tempoGrpc,
      otlpGrpcPort: ports.otlpGrpc,
      otlpHttpPort: ports.otlpHttp,
      memberlistPort: ports.tempoMemberlist,
      dir: join(STATE, 'tempo'),
      detached: true,
    });
    servers.push(tempo);
    savePids(servers);
    // The demo system: five services under a daily-shaped load (an hour a minute), scraped through file_sd.
    mkdirSync(join(STATE, 'demo'), { recursive: true });
    const demo = startProcess(
      'demo',
      process.execPath,
      [
        '--import',
        'tsx',
        join(REPO, 'demo/main.ts'),
        '--loki', loki.url,
        '--otlp', tempo.otlpHttpUrl,
        '--prometheus', prometheus.url,
        '--prometheus-sd-file', join(sdDir, 'demo.json'),
        '--ground-truth', join(STATE, 'demo/ground-truth.jsonl'),
        '--speed', '60',
        '--load-duration', '24h',
      ],
      { url: `http://127.0.0.1:${ports.demoControl}`, logFile: join(STATE, 'demo/demo.log'), cwd: REPO, detached: true },
    );
    servers.push(demo);
    savePids(servers);
    await waitReady(demo, `http://127.0.0.1:${ports.demoGateway}/metrics`, 60_000);
    const grafanaDir = join(STATE, 'grafana');
    const grafana = await startGrafana({
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
    });
    servers.push(grafana);
    savePids(servers);
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
    // Leave nothing behind.
    for (const s of servers) await stopProcess(s.pid);
    rmSync(PIDS, { force: true });
    throw err;
  }
}

function status(): void {
  const records = readPids();
  if (records.length === 0) {
    console.log('no stack is running');
  }
  for (const r of records) {
    console.log(`${r.name.padEnd(11)} ${isAlive(r.pid) ? 'running' : 'stopped'}  ${r.url}  pid ${r.pid}  ${r.logFile}`);
  }
}

const command = process.argv[2];
const actions: Record<string, () => Promise<void> | void> = { up, down, status };
if (!actions[command]) {
  console.error('usage: stack.ts up|down|status');
  process.exit(2);
}
Promise.resolve(actions[command]()).catch((err) => {
  console.error(`stack ${command}: ${err instanceof StackError ? err.message : err}`);
  process.exit(1);
});
