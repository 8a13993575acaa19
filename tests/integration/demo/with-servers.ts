// Runs the demo suites against real Prometheus, Loki and Tempo started here, until the repo's
// test runner starts them itself. Each server gets a temp dir and free loopback ports; all are
// stopped afterwards, whatever happens.
//
//   npx tsx tests/integration/demo/with-servers.ts [test files...]   (default: every *.test.ts here)
//
// What the suites need from a runner (the same contract scripts/test.ts can adopt):
//   FORESIGHT_TEST_PROMETHEUS_URL     Prometheus base URL
//   FORESIGHT_TEST_PROMETHEUS_SD_DIR  a directory Prometheus watches with file_sd_configs
//                                     (files: [<dir>/*.json], scrape_interval 1s); a suite writes
//                                     its demo's targets there, with job labels foresight-demo and
//                                     foresight-demo-control
//   FORESIGHT_TEST_LOKI_URL           Loki base URL (push and query)
//   FORESIGHT_TEST_TEMPO_URL          Tempo HTTP API base URL (search, traces by id)
//   FORESIGHT_TEST_OTLP_URL           Tempo's OTLP/HTTP receiver base URL (…/v1/traces)

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { freePort, startProcess, stopProcess, waitReady, type ServerProcess } from '../../../scripts/stack/processes';
import { install, render, REPO } from '../../../scripts/stack/servers';

const CONFIG_DIR = join(REPO, 'scripts/servers/config');

async function startLoki(dir: string): Promise<ServerProcess> {
  const http = await freePort();
  const grpc = await freePort();
  const config = render(readFileSync(join(CONFIG_DIR, 'loki.yaml'), 'utf8'), { LOKI_DIR: join(dir, 'data'), LOKI_HTTP_PORT: http, LOKI_GRPC_PORT: grpc });
  writeFileSync(join(dir, 'loki.yaml'), config);
  const url = `http://127.0.0.1:${http}`;
  const p = startProcess('loki', install('loki').binary, [`-config.file=${join(dir, 'loki.yaml')}`], { url, logFile: join(dir, 'loki.log') });
  await waitReady(p, `${url}/ready`, 120_000);
  return p;
}

async function startTempo(dir: string): Promise<{ server: ServerProcess; otlpUrl: string }> {
  const ports = {
    TEMPO_HTTP_PORT: await freePort(),
    TEMPO_GRPC_PORT: await freePort(),
    TEMPO_OTLP_GRPC_PORT: await freePort(),
    TEMPO_OTLP_HTTP_PORT: await freePort(),
    TEMPO_MEMBERLIST_PORT: await freePort(),
  };
  const config = render(readFileSync(join(CONFIG_DIR, 'tempo.yaml'), 'utf8'), { TEMPO_DIR: join(dir, 'data'), ...ports });
  writeFileSync(join(dir, 'tempo.yaml'), config);
  const url = `http://127.0.0.1:${ports.TEMPO_HTTP_PORT}`;
  const server = startProcess('tempo', install('tempo').binary, [`-config.file=${join(dir, 'tempo.yaml')}`], { url, logFile: join(dir, 'tempo.log') });
  await waitReady(server, `${url}/ready`, 120_000);
  return { server, otlpUrl: `http://127.0.0.1:${ports.TEMPO_OTLP_HTTP_PORT}` };
}

async function startPrometheus(dir: string, sdDir: string): Promise<ServerProcess> {
  const port = await freePort();
  let config = render(readFileSync(join(CONFIG_DIR, 'prometheus.yml'), 'utf8'), { PROM_PORT: port });
  config = config.replace(/scrape_interval: \S+/, 'scrape_interval: 1s').replace(/evaluation_interval: \S+/, 'evaluation_interval: 1s');
  config += `  - job_name: foresight-demo-sd\n    scrape_interval: 1s\n    scrape_timeout: 1s\n    file_sd_configs:\n      - files: ["${sdDir}/*.json"]\n        refresh_interval: 2s\n`;
  writeFileSync(join(dir, 'prometheus.yml'), config);
  const url = `http://127.0.0.1:${port}`;
  const p = startProcess(
    'prometheus',
    install('prometheus').binary,
    [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`],
    { url, logFile: join(dir, 'prometheus.log') },
  );
  await waitReady(p, `${url}/-/ready`, 60_000);
  return p;
}

async function main(): Promise<number> {
  const here = join(REPO, 'tests/integration/demo');
  const files = process.argv.slice(2).length > 0 ? process.argv.slice(2) : readdirSync(here).filter((f) => f.endsWith('.test.ts')).map((f) => join(here, f));
  const dir = mkdtempSync(join(tmpdir(), 'foresight-demo-servers-'));
  const servers: ServerProcess[] = [];
  const cleanup = async () => {
    await Promise.all(servers.map((s) => stopProcess(s.pid)));
    if (!process.env.FORESIGHT_KEEP_TEST_STACK) {
      rmSync(dir, { recursive: true, force: true });
    } else {
      console.log(`kept ${dir}`);
    }
  };
  process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));
  process.on('SIGTERM', () => void cleanup().then(() => process.exit(143)));
  try {
    for (const d of ['loki', 'tempo', 'prometheus', 'sd']) {
      mkdirSync(join(dir, d));
    }
    const t0 = Date.now();
    const [loki, tempo, prometheus] = await Promise.all([startLoki(join(dir, 'loki')), startTempo(join(dir, 'tempo')), startPrometheus(join(dir, 'prometheus'), join(dir, 'sd'))]);
    servers.push(loki, tempo.server, prometheus);
    console.log(`servers ready in ${((Date.now() - t0) / 1000).toFixed(1)}s: prometheus ${prometheus.url}, loki ${loki.url}, tempo ${tempo.server.url} (otlp ${tempo.otlpUrl})`);
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...files.map((f) => relative(REPO, f))], {
      cwd: REPO,
      stdio: 'inherit',
      env: {
        ...process.env,
        FORESIGHT_TEST_PROMETHEUS_URL: prometheus.url,
        FORESIGHT_TEST_PROMETHEUS_SD_DIR: join(dir, 'sd'),
        FORESIGHT_TEST_LOKI_URL: loki.url,
        FORESIGHT_TEST_TEMPO_URL: tempo.server.url,
        FORESIGHT_TEST_OTLP_URL: tempo.otlpUrl,
      },
    });
    return run.status ?? 1;
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
