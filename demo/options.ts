// Command-line flags of demo/main.ts, each with an environment variable as fallback, so the
// demo can be started by hand, from a script or from a test with the same names.

import { SERVICE_NAMES, type ServiceName } from './topology';
import { parseDuration } from './util/duration';
import { loopbackUrl } from './util/loopback';
import type { DemoOptions } from './system';
import type { Level } from './telemetry/logger';

export const USAGE = `Usage: npx tsx demo/main.ts [flags]

  --port-base N          gateway port; checkout, payments, inventory, db follow (default 8081; 0 = free ports)
  --port-<service> N     one service's port (e.g. --port-db 9000)
  --control-port N       control API port (default 8080; 0 = a free port)
  --loki URL|none        Loki base URL for logs (default http://127.0.0.1:3100)
  --otlp URL|none        OTLP/HTTP base URL for traces, e.g. Tempo's receiver (default http://127.0.0.1:4318)
  --prometheus URL       Prometheus base URL: checked after start-up for whether it scrapes the demo
  --prometheus-sd-file F write the scrape targets to F (Prometheus file_sd_configs JSON)
  --ground-truth F|none  injection/control log, JSONL (default $TMPDIR/foresight-demo/ground-truth.jsonl)
  --rps N                load: requests/s at the weekday daily peak (default 10)
  --speed N              load: simulated seconds per second (60 = one hour a minute; default 1)
  --sim-start ISO        load: simulated start time (default now)
  --load-duration D      load: stop after D (default 1h)
  --no-load              no load generator (start one later through the control API)
  --seed N               randomness seed (default 42)
  --restart-down D       how long a restart keeps a service down (default 2s)
  --access-log-sample X  share of successful requests logged (default 1)
  --echo-logs [LEVEL]    also print service logs at LEVEL and above to stderr (default level warn)
  -h, --help

Every flag also reads FORESIGHT_DEMO_<FLAG> from the environment (e.g. FORESIGHT_DEMO_LOKI=none).`;

export interface MainOptions {
  demo: DemoOptions;
  prometheusUrl: string | null;
  help: boolean;
}

/** Parses argv (without node and script); throws with a readable message on bad input. */
export function parseMainOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): MainOptions {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') {
      flags.set('help', 'true');
      continue;
    }
    const m = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/.exec(arg);
    if (!m) {
      throw new Error(`unexpected argument "${arg}"\n\n${USAGE}`);
    }
    const [, name, inline] = m;
    if (name === 'no-load') {
      flags.set('no-load', 'true');
    } else if (name === 'echo-logs') {
      const next = argv[i + 1];
      flags.set('echo-logs', inline ?? (next && /^(debug|info|warn|error)$/.test(next) ? argv[++i] : 'warn'));
    } else {
      const value = inline ?? argv[++i];
      if (value === undefined) {
        throw new Error(`--${name} needs a value`);
      }
      flags.set(name, value);
    }
  }
  const get = (name: string): string | undefined => flags.get(name) ?? env[`FORESIGHT_DEMO_${name.toUpperCase().replace(/-/g, '_')}`];
  const num = (name: string, fallback: number): number => {
    const v = get(name);
    if (v === undefined) {
      return fallback;
    }
    const n = Number(v);
    if (!Number.isFinite(n)) {
      throw new Error(`--${name} must be a number, got "${v}"`);
    }
    return n;
  };
  const url = (name: string, fallback: string | null): string | null => {
    const v = get(name) ?? fallback;
    return v === null || v === 'none' || v === '' ? null : loopbackUrl(v, `--${name}`);
  };
  const ports: Partial<Record<ServiceName, number>> = {};
  for (const s of SERVICE_NAMES) {
    if (get(`port-${s}`) !== undefined) {
      ports[s] = num(`port-${s}`, 0);
    }
  }
  const gt = get('ground-truth');
  const echo = get('echo-logs');
  const simStart = get('sim-start');
  const demo: DemoOptions = {
    portBase: num('port-base', 8081),
    ports,
    controlPort: num('control-port', 8080),
    lokiUrl: url('loki', 'http://127.0.0.1:3100'),
    otlpUrl: url('otlp', 'http://127.0.0.1:4318'),
    groundTruthFile: gt === 'none' ? null : gt,
    prometheusSdFile: get('prometheus-sd-file'),
    seed: num('seed', 42),
    restartDownMs: get('restart-down') ? parseDuration(get('restart-down')!) : undefined,
    accessLogSample: num('access-log-sample', 1),
    echoLevel: echo ? (echo as Level) : null,
    load:
      get('no-load') === 'true'
        ? null
        : {
            peakRps: num('rps', 10),
            speed: num('speed', 1),
            durationMs: parseDuration(get('load-duration') ?? '1h'),
            simStart: simStart ? Date.parse(simStart) : undefined,
          },
  };
  if (simStart && Number.isNaN(Date.parse(simStart))) {
    throw new Error(`--sim-start is not a time: "${simStart}"`);
  }
  return { demo, prometheusUrl: url('prometheus', null), help: flags.has('help') };
}
