// `npm test`: builds the plugin, brings up a throw-away stack of real servers (Prometheus, Loki, Tempo, Grafana
// with our plugin and provisioning, a steerable exporter) on free loopback ports, runs the unit and
// integration suites in one test run, and stops everything, whatever happens.
//
//   npm test                 everything
//   npm test -- unit         unit and component tests only (no servers)
//   npm test -- integration/stack   the stack's own suites (they start their own servers)
//   npm test -- browser      the panels in Debian's Chromium (tests/browser), with the stack

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { startGaugeExporter } from '../tests/fixtures/gauge-exporter';
import { freePort, isAlive, stopProcess, type ServerProcess } from './stack/processes';
import { REPO, startGrafana, startLoki, startPrometheus, startTempo } from './stack/servers';

function find(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? find(p) : /\.test\.tsx?$/.test(p) ? [p] : [];
  });
}

/** The running suites, so that a runner told to stop stops them too (else they would go on against a stack that is gone). */
let suitesChild: ChildProcess | undefined;

/** Runs the suites in a child process, asynchronously: the fixture exporter lives in this process and must keep answering. */
function runTests(suites: string[], env: Record<string, string>): Promise<number> {
  const files = suites.flatMap((s) => find(join(REPO, 'tests', s))).map((p) => relative(REPO, p)).sort();
  const child = (suitesChild = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...files], {
    cwd: REPO,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  }));
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}

/** The suites that need no servers: unit tests, and component tests (React in jsdom, tests/components/dom.ts). */
const UNIT_SUITES = ['unit', 'components'];

const STACK_PREFIX = 'foresight-test-';

/** Suites that start the servers they need themselves: run alone, they need no test stack. */
const SELF_CONTAINED_SUITES = new Set(['integration/stack']);

/** Stops the servers of earlier runs that were killed before they could clean up. */
async function removeStaleStacks(): Promise<void> {
  for (const name of readdirSync(tmpdir()).filter((n) => n.startsWith(STACK_PREFIX))) {
    const dir = join(tmpdir(), name);
    const file = join(dir, 'stack.json');
    if (!existsSync(file)) continue;
    const { runner, servers } = JSON.parse(readFileSync(file, 'utf8')) as { runner: number; servers: number[] };
    if (isAlive(runner)) continue;
    console.log(`test: stopping servers left by an earlier run (${dir})`);
    await Promise.all(servers.map((pid) => stopProcess(pid)));
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const suites = process.argv.slice(2);
  if (suites.length === 1 && suites[0] === 'unit') {
    return runTests(UNIT_SUITES, {});
  }

  const typecheck = spawnSync('npm', ['run', 'typecheck', '--silent'], { cwd: REPO, stdio: 'inherit' });
  if (typecheck.status !== 0) {
    console.error('test: the typecheck failed');
    return 1;
  }
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: REPO, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('test: the build failed');
    return 1;
  }

  if (suites.length > 0 && suites.every((s) => SELF_CONTAINED_SUITES.has(s.replace(/\/+$/, '')))) {
    return runTests(suites, {});
  }

  await removeStaleStacks();
  const dir = mkdtempSync(join(tmpdir(), STACK_PREFIX));
  const servers: ServerProcess[] = [];
  const record = () => writeFileSync(join(dir, 'stack.json'), JSON.stringify({ runner: process.pid, servers: servers.map((s) => s.pid) }));
  const env: Record<string, string> = { FORESIGHT_TEST_PLUGIN_EXE: join(REPO, 'dist/datasource/gpx_foresight_linux_amd64') };
  const exporterPort = await freePort();
  const exporter = await startGaugeExporter(exporterPort);
  const cleanup = async () => {
    await Promise.all(servers.map((s) => stopProcess(s.pid)));
    exporter.close();
    if (!process.env.FORESIGHT_KEEP_TEST_STACK) {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const stop = (code: number) => {
    suitesChild?.kill('SIGTERM');
    void cleanup().then(() => process.exit(code));
  };
  process.on('SIGINT', () => stop(130));
  process.on('SIGTERM', () => stop(143));
  const failures: string[] = [];
  /** Starts one part; a failure is recorded and reported, and the suites that need other parts still run. */
  const part = async <T extends ServerProcess>(name: string, start: () => Promise<T>): Promise<T | undefined> => {
    try {
      const server = await start();
      servers.push(server);
      record();
      return server;
    } catch (err) {
      failures.push(`${name}: ${(err as Error).message}`);
      console.error(`test: ${name} did not start: ${(err as Error).message}`);
      return undefined;
    }
  };
  const started = performance.now();
  env.FORESIGHT_TEST_EXPORTER_URL = `http://127.0.0.1:${exporterPort}`;
  const sdDir = join(dir, 'prometheus-sd');
  const [promPort, lokiHttp, lokiGrpc, tempoHttp, tempoGrpc, otlpGrpc, otlpHttp, memberlist, grafanaPort] = await Promise.all(Array.from({ length: 9 }, () => freePort()));
  // Prometheus, Loki and Tempo start side by side; Grafana after them, so that the provisioned
  // datasources get their URLs.
  const [prometheus, loki, tempo] = await Promise.all([
    part('Prometheus', () =>
      startPrometheus({
        port: promPort,
        dir: join(dir, 'prometheus'),
        fileSdDir: sdDir,
        targets: [
          { job: 'fixture', target: `127.0.0.1:${exporterPort}` },
          { job: 'fixture-many', target: `127.0.0.1:${exporterPort}`, path: '/many', interval: '5s' },
        ],
        scrapeInterval: '1s',
      }),
    ),
    part('Loki', () => startLoki({ httpPort: lokiHttp, grpcPort: lokiGrpc, dir: join(dir, 'loki') })),
    part('Tempo', () =>
      startTempo({ httpPort: tempoHttp, grpcPort: tempoGrpc, otlpGrpcPort: otlpGrpc, otlpHttpPort: otlpHttp, memberlistPort: memberlist, dir: join(dir, 'tempo') }),
    ),
  ]);
  if (prometheus) {
    env.FORESIGHT_TEST_PROMETHEUS_URL = prometheus.url;
    env.FORESIGHT_TEST_PROMETHEUS_SD_DIR = sdDir;
  }
  if (loki) env.FORESIGHT_TEST_LOKI_URL = loki.url;
  if (tempo) {
    env.FORESIGHT_TEST_TEMPO_URL = tempo.url;
    env.FORESIGHT_TEST_OTLP_URL = tempo.otlpHttpUrl;
  }

  const provisioning = join(dir, 'provisioning-src');
  cpSync(join(REPO, 'provisioning'), provisioning, { recursive: true });
  cpSync(join(REPO, 'tests/fixtures/provisioning'), provisioning, { recursive: true });
  const grafanaDir = join(dir, 'grafana');
  const grafana = await part('Grafana', () =>
    startGrafana({
      port: grafanaPort,
      dir: grafanaDir,
      pluginDist: join(REPO, 'dist'),
      provisioning,
      env: {
        FORESIGHT_PROMETHEUS_URL: prometheus?.url ?? '',
        FORESIGHT_LOKI_URL: loki?.url ?? '',
        FORESIGHT_TEMPO_URL: tempo?.url ?? '',
        FORESIGHT_DASHBOARDS_DIR: join(grafanaDir, 'provisioning/dashboards'),
      },
    }),
  );
  if (grafana) env.FORESIGHT_TEST_GRAFANA_URL = grafana.url;
  if (failures.length) {
    // The integration suites report this instead of a connection error.
    env.FORESIGHT_TEST_STACK_ERROR = failures.join('; ');
  } else {
    console.log(`test: stack up in ${((performance.now() - started) / 1000).toFixed(1)}s (Prometheus ${prometheus!.url}, Loki ${loki!.url}, Tempo ${tempo!.url}, Grafana ${grafana!.url})`);
  }
  try {
    return await runTests(suites.length ? suites : [...UNIT_SUITES, 'integration', 'browser'], env);
  } finally {
    await cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
