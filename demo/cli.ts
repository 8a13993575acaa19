// Command-line client of the demo's control API.
//
//   npx tsx demo/cli.ts inject memory-leak --service payments --duration 5m
//   npx tsx demo/cli.ts inject latency --service db --ms 200 --in 30s --duration 2m
//   npx tsx demo/cli.ts faults --active
//   npx tsx demo/cli.ts cancel inj-1a2b3c4d
//   npx tsx demo/cli.ts scale checkout 4
//
// The control API is found at --control URL, $FORESIGHT_DEMO_CONTROL_URL, or http://127.0.0.1:8080.

import { request } from 'undici';
import { loopbackUrl } from './util/loopback';

const HELP = `Usage: npx tsx demo/cli.ts [--control URL] [--json] COMMAND ...

Faults (ground truth goes to the demo's JSONL log):
  kinds                                  the faults, their parameters and defaults
  inject FAULT --service S [--duration D|none] [--at ISO | --in D] [--PARAM VALUE ...]
                                         e.g. inject error-burst --service checkout --rate 0.5 --duration 2m
                                         (default duration 5m; parameters may be written --mb-per-minute or --mbPerMinute)
  faults [--active] [--service S] [--status scheduled|active|ended|cancelled]
  fault ID                               one injection
  cancel ID                              end an active injection or drop a scheduled one

Controls:
  status                                 all services: version, replicas, heap, CPU, pool
  scale SERVICE REPLICAS
  restart SERVICE [--down 3s]
  pool SERVICE SIZE                      database connection pool size (payments, inventory)
  memory-limit SERVICE LIMIT             e.g. 256MB
  deploy SERVICE VERSION                 a release without defects
  rollback SERVICE                       back to the previous version (ends a bad release)

Load:
  load                                   status
  load start [--rps N] [--speed N] [--duration D] [--sim-start ISO]
  load set [--rps N] [--speed N]
  load stop

  ground-truth                           the folded injection/control log`;

interface Parsed {
  positional: string[];
  flags: Map<string, string | true>;
}

/** Flags that take no value. */
const SWITCHES = new Set(['json', 'active', 'help', 'h']);

function parse(argv: string[]): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--([A-Za-z][\w-]*)(?:=(.*))?$/.exec(a);
    if (!m) {
      positional.push(a);
      continue;
    }
    if (m[2] !== undefined) {
      flags.set(m[1], m[2]);
    } else if (!SWITCHES.has(m[1]) && i + 1 < argv.length && !argv[i + 1].startsWith('--')) {
      flags.set(m[1], argv[++i]);
    } else {
      flags.set(m[1], true);
    }
  }
  return { positional, flags };
}

const camel = (s: string) => s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

async function call(base: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await request(`${base}${path}`, {
    method: method as 'GET',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.body.text();
  const parsed = text ? (JSON.parse(text) as unknown) : {};
  if (res.statusCode >= 400) {
    throw new Error((parsed as { error?: string }).error ?? `HTTP ${res.statusCode}`);
  }
  return parsed;
}

function flagString(p: Parsed, name: string): string | undefined {
  const v = p.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

function need(p: Parsed, index: number, what: string): string {
  const v = p.positional[index];
  if (v === undefined) {
    throw new Error(`missing ${what}\n\n${HELP}`);
  }
  return v;
}

interface InjectionView {
  id: string;
  fault: string;
  service: string;
  status: string;
  start: string | null;
  end: string | null;
  plannedStart: string;
  plannedEnd: string | null;
  endReason: string | null;
  params: Record<string, unknown>;
}

function printInjections(list: InjectionView[]): void {
  if (list.length === 0) {
    console.log('no injections');
    return;
  }
  for (const i of list) {
    const when = i.start ? `${i.start} → ${i.end ?? i.plannedEnd ?? 'until cancelled'}` : `planned ${i.plannedStart} → ${i.plannedEnd ?? 'until cancelled'}`;
    console.log(`${i.id}  ${i.status.padEnd(9)} ${i.fault.padEnd(17)} ${i.service.padEnd(9)} ${when}${i.endReason ? ` (${i.endReason})` : ''}  ${JSON.stringify(i.params)}`);
  }
}

async function run(argv: string[]): Promise<void> {
  const p = parse(argv);
  if (p.flags.has('help') || p.flags.has('h') || p.positional.length === 0) {
    console.log(HELP);
    return;
  }
  const base = loopbackUrl(flagString(p, 'control') ?? process.env.FORESIGHT_DEMO_CONTROL_URL ?? 'http://127.0.0.1:8080', '--control');
  const json = p.flags.has('json');
  const show = (v: unknown, pretty?: () => void) => (json || !pretty ? console.log(JSON.stringify(v, null, 2)) : pretty());
  const cmd = p.positional[0];
  switch (cmd) {
    case 'kinds':
      return show(await call(base, 'GET', '/faults/kinds'));
    case 'inject': {
      const fault = need(p, 1, 'fault kind');
      const reserved = new Set(['service', 'duration', 'at', 'in', 'control', 'json', 'param']);
      const params: Record<string, string> = {};
      for (const [k, v] of p.flags) {
        if (!reserved.has(k)) {
          if (v === true) {
            throw new Error(`--${k} needs a value`);
          }
          params[camel(k)] = v;
        }
      }
      const duration = flagString(p, 'duration') ?? '5m';
      const inj = (await call(base, 'POST', '/faults', {
        fault,
        service: flagString(p, 'service') ?? need(p, 2, '--service'),
        params,
        duration: duration === 'none' ? null : duration,
        at: flagString(p, 'at'),
        in: flagString(p, 'in'),
      })) as InjectionView;
      return show(inj, () => printInjections([inj]));
    }
    case 'faults': {
      const q = new URLSearchParams();
      const status = p.flags.has('active') ? 'active' : flagString(p, 'status');
      if (status) {
        q.set('status', status);
      }
      if (flagString(p, 'service')) {
        q.set('service', flagString(p, 'service')!);
      }
      const list = (await call(base, 'GET', `/faults?${q}`)) as InjectionView[];
      return show(list, () => printInjections(list));
    }
    case 'fault':
      return show(await call(base, 'GET', `/faults/${encodeURIComponent(need(p, 1, 'injection id'))}`));
    case 'cancel': {
      const inj = (await call(base, 'DELETE', `/faults/${encodeURIComponent(need(p, 1, 'injection id'))}`)) as InjectionView;
      return show(inj, () => printInjections([inj]));
    }
    case 'status': {
      const states = (await call(base, 'GET', '/services')) as Array<Record<string, unknown> & { pool?: Record<string, number> }>;
      return show(states, () => {
        for (const s of states) {
          const pool = s.pool ? `  pool ${s.pool.inUse}/${s.pool.size} (${s.pool.waiting} waiting)` : '';
          console.log(
            `${String(s.name).padEnd(10)} ${s.available ? 'up  ' : 'DOWN'} v${String(s.version).padEnd(10)} ${s.replicas} replicas  cpu ${Math.round(Number(s.cpuUtilization) * 100)}%  heap ${Math.round(Number(s.heapBytes) / 2 ** 20)}/${Math.round(Number(s.memoryLimitBytes) / 2 ** 20)} MB  restarts ${s.restarts}${pool}`,
          );
        }
      });
    }
    case 'scale':
      return show(await call(base, 'POST', `/services/${need(p, 1, 'service')}/scale`, { replicas: Number(need(p, 2, 'replicas')) }));
    case 'restart':
      return show(await call(base, 'POST', `/services/${need(p, 1, 'service')}/restart`, { down: flagString(p, 'down') }));
    case 'pool':
      return show(await call(base, 'POST', `/services/${need(p, 1, 'service')}/pool`, { size: Number(need(p, 2, 'pool size')) }));
    case 'memory-limit':
      return show(await call(base, 'POST', `/services/${need(p, 1, 'service')}/memory-limit`, { limit: need(p, 2, 'limit') }));
    case 'deploy':
      return show(await call(base, 'POST', `/services/${need(p, 1, 'service')}/deploy`, { version: need(p, 2, 'version') }));
    case 'rollback':
      return show(await call(base, 'POST', `/services/${need(p, 1, 'service')}/rollback`));
    case 'load': {
      const sub = p.positional[1] ?? 'status';
      const num = (k: string) => (flagString(p, k) === undefined ? undefined : Number(flagString(p, k)));
      if (sub === 'status') {
        return show(await call(base, 'GET', '/load'));
      }
      if (sub === 'stop') {
        return show(await call(base, 'POST', '/load/stop'));
      }
      if (sub === 'start' || sub === 'set') {
        return show(
          await call(base, 'POST', '/load', {
            start: sub === 'start',
            rps: num('rps'),
            speed: num('speed'),
            duration: flagString(p, 'duration'),
            simStart: flagString(p, 'sim-start'),
          }),
        );
      }
      throw new Error(`unknown load command "${sub}" (status, start, set, stop)`);
    }
    case 'ground-truth':
      return show(await call(base, 'GET', '/ground-truth'));
    default:
      throw new Error(`unknown command "${cmd}"\n\n${HELP}`);
  }
}

run(process.argv.slice(2)).catch((err: Error & { code?: string }) => {
  console.error(err.code === 'ECONNREFUSED' ? `cannot reach the demo's control API (${err.message}); is demo/main.ts running?` : err.message);
  process.exit(1);
});
