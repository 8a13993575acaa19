// The real servers of a local stack: installed or built by scripts/servers/install.sh (cached
// outside the checkout), configured from the templates in scripts/servers/config/, bound to
// loopback, each in its own directory under the stack's state directory.

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync, existsSync, rmSync, cpSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startProcess, waitReady, StackError, type ServerProcess } from './processes';

export const REPO = resolve(__dirname, '../..');
/** The config templates; FORESIGHT_SERVER_CONFIG_DIR points the stack at edited copies. */
export const CONFIG_DIR = join(REPO, 'scripts/servers/config');

function configTemplate(file: string): string {
  return readFileSync(join(process.env.FORESIGHT_SERVER_CONFIG_DIR ?? CONFIG_DIR, file), 'utf8');
}

export type ServerName = 'prometheus' | 'grafana' | 'loki' | 'tempo';

export interface Installed {
  binary: string;
  /** Grafana's homepath (conf/, public/). */
  home?: string;
}

/**
 * Installs or builds a server, or Docker Compose (used to validate docker-compose.yml). A cache
 * hit takes milliseconds; a cold Go build, minutes.
 */
export function install(name: ServerName | 'compose'): Installed {
  try {
    const out = execFileSync('bash', [join(REPO, 'scripts/servers/install.sh'), name], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [binary, home] = out.trim().split('\n');
    return { binary, home };
  } catch (err) {
    throw new StackError(`installing ${name} failed (scripts/servers/install.sh ${name}): ${(err as Error).message}`);
  }
}

/** Fills `${NAME}` placeholders; an unknown placeholder is an error rather than an empty string. */
export function render(template: string, values: Record<string, string | number>): string {
  return template.replace(/\$\{([A-Z0-9_]+)\}/g, (_, key: string) => {
    if (!(key in values)) {
      throw new StackError(`config template needs a value for \${${key}}`);
    }
    return String(values[key]);
  });
}

export interface PrometheusOptions {
  port: number;
  dir: string;
  /** Extra scrape targets as host:port, scraped every `scrapeInterval`. */
  targets?: Array<{ job: string; target: string; path?: string; interval?: string }>;
  scrapeInterval?: string;
  /** A directory of file_sd target files (JSON) that Prometheus watches, for targets whose ports are known later. */
  fileSdDir?: string;
  detached?: boolean;
}

/** Prometheus' config: the template, the scrape interval, extra static targets and a file_sd job. */
export function prometheusConfig(opts: Pick<PrometheusOptions, 'port' | 'targets' | 'scrapeInterval' | 'fileSdDir'>): string {
  let config = render(configTemplate('prometheus.yml'), { PROM_PORT: opts.port });
  const interval = opts.scrapeInterval ?? '5s';
  config = config.replace(/scrape_interval: \S+/, `scrape_interval: ${interval}`);
  for (const t of opts.targets ?? []) {
    config +=
      `  - job_name: ${t.job}\n` +
      (t.path ? `    metrics_path: ${t.path}\n` : '') +
      (t.interval ? `    scrape_interval: ${t.interval}\n` : '') +
      `    static_configs:\n      - targets: ["${t.target}"]\n`;
  }
  if (opts.fileSdDir) {
    config += `  - job_name: file-sd\n    file_sd_configs:\n      - files: ["${opts.fileSdDir.replace(/\/+$/, '')}/*.json"]\n`;
  }
  return config;
}

export function prometheusArgs(configFile: string, dataDir: string, port: number): string[] {
  return [`--config.file=${configFile}`, `--storage.tsdb.path=${dataDir}`, `--web.listen-address=127.0.0.1:${port}`, '--web.enable-lifecycle'];
}

export async function startPrometheus(opts: PrometheusOptions): Promise<ServerProcess> {
  const { binary } = install('prometheus');
  mkdirSync(join(opts.dir, 'data'), { recursive: true });
  if (opts.fileSdDir) {
    mkdirSync(opts.fileSdDir, { recursive: true });
  }
  const configFile = join(opts.dir, 'prometheus.yml');
  writeFileSync(configFile, prometheusConfig(opts));
  const url = `http://127.0.0.1:${opts.port}`;
  const server = startProcess('prometheus', binary, prometheusArgs(configFile, join(opts.dir, 'data'), opts.port), {
    url,
    logFile: join(opts.dir, 'prometheus.log'),
    detached: opts.detached,
  });
  await waitReady(server, `${url}/-/ready`, 60_000);
  return server;
}

export interface GrafanaOptions {
  port: number;
  dir: string;
  /** The built plugin (dist/), linked into Grafana's plugins folder. */
  pluginDist: string;
  /** Provisioning folder (datasources/, dashboards/, alerting/, plugins/). */
  provisioning: string;
  /** Environment for provisioning files (`$VAR` expansion) and GF_* overrides. */
  env?: Record<string, string>;
  detached?: boolean;
}

export const PLUGIN_IDS = ['foresight-observability-app', 'foresight-analyzer-datasource', 'foresight-forecast-panel', 'foresight-causality-panel'];

export function grafanaArgs(home: string, iniFile: string): string[] {
  return ['server', '--homepath', home, '--config', iniFile];
}

export async function startGrafana(opts: GrafanaOptions): Promise<ServerProcess> {
  const { binary, home } = install('grafana');
  if (!home) {
    throw new StackError('install.sh grafana printed no homepath');
  }
  for (const d of ['data', 'logs', 'plugins']) {
    mkdirSync(join(opts.dir, d), { recursive: true });
  }
  const link = join(opts.dir, 'plugins', 'foresight-observability-app');
  if (!existsSync(link)) {
    symlinkSync(resolve(opts.pluginDist), link, 'dir');
  }
  // Grafana reads provisioning from one folder; copy so the stack's dir is self-contained.
  const provisioning = join(opts.dir, 'provisioning');
  rmSync(provisioning, { recursive: true, force: true });
  cpSync(opts.provisioning, provisioning, { recursive: true });
  const ini = render(configTemplate('grafana.ini'), {
    GF_PORT: opts.port,
    GF_DIR: opts.dir,
    GF_ALLOW_UNSIGNED: PLUGIN_IDS.join(','),
  });
  const iniFile = join(opts.dir, 'grafana.ini');
  writeFileSync(iniFile, ini);
  const url = `http://127.0.0.1:${opts.port}`;
  const server = startProcess('grafana', binary, grafanaArgs(home, iniFile), {
    url,
    logFile: join(opts.dir, 'grafana.log'),
    env: opts.env,
    cwd: opts.dir,
    detached: opts.detached,
  });
  await waitReady(server, `${url}/api/health`, 120_000);
  return server;
}

/** Loki's and Tempo's command line. */
export function configFileArgs(configFile: string): string[] {
  return [`-config.file=${configFile}`];
}

export interface LokiOptions {
  httpPort: number;
  grpcPort: number;
  dir: string;
  detached?: boolean;
}

export async function startLoki(opts: LokiOptions): Promise<ServerProcess> {
  const { binary } = install('loki');
  mkdirSync(opts.dir, { recursive: true });
  const config = render(configTemplate('loki.yaml'), {
    LOKI_DIR: opts.dir,
    LOKI_HTTP_PORT: opts.httpPort,
    LOKI_GRPC_PORT: opts.grpcPort,
  });
  const configFile = join(opts.dir, 'loki.yaml');
  writeFileSync(configFile, config);
  const url = `http://127.0.0.1:${opts.httpPort}`;
  const server = startProcess('loki', binary, configFileArgs(configFile), { url, logFile: join(opts.dir, 'loki.log'), detached: opts.detached });
  await waitReady(server, `${url}/ready`, 120_000);
  return server;
}

export interface TempoOptions {
  httpPort: number;
  grpcPort: number;
  otlpGrpcPort: number;
  otlpHttpPort: number;
  memberlistPort: number;
  dir: string;
  detached?: boolean;
}

export async function startTempo(opts: TempoOptions): Promise<ServerProcess & { otlpHttpUrl: string }> {
  const { binary } = install('tempo');
  mkdirSync(opts.dir, { recursive: true });
  const config = render(configTemplate('tempo.yaml'), {
    TEMPO_DIR: opts.dir,
    TEMPO_HTTP_PORT: opts.httpPort,
    TEMPO_GRPC_PORT: opts.grpcPort,
    TEMPO_OTLP_GRPC_PORT: opts.otlpGrpcPort,
    TEMPO_OTLP_HTTP_PORT: opts.otlpHttpPort,
    TEMPO_MEMBERLIST_PORT: opts.memberlistPort,
  });
  const configFile = join(opts.dir, 'tempo.yaml');
  writeFileSync(configFile, config);
  const url = `http://127.0.0.1:${opts.httpPort}`;
  const server = startProcess('tempo', binary, configFileArgs(configFile), { url, logFile: join(opts.dir, 'tempo.log'), detached: opts.detached });
  await waitReady(server, `${url}/ready`, 120_000);
  return { ...server, otlpHttpUrl: `http://127.0.0.1:${opts.otlpHttpPort}` };
}
