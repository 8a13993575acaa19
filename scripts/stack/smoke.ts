// `npm run stack:smoke [-- NAME ...]`: checks each server install on its own. Starts the server with
// the stack library (servers.ts) on free loopback ports in a temporary directory, asks it one real
// question, stops it and removes the directory. NAME: prometheus, grafana, loki, tempo (default all).

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, stopProcess, StackError, type ServerProcess } from './processes';
import { REPO, startGrafana, startLoki, startPrometheus, startTempo, type ServerName } from './servers';

async function getJson<T = any>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  const text = await res.text();
  if (!res.ok) {
    throw new StackError(`${init?.method ?? 'GET'} ${url}: HTTP ${res.status} ${text.slice(0, 300)}`);
  }
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Retries `check` until it returns a description, for answers that take a moment (scrapes, ingestion). */
async function within<T>(ms: number, what: string, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + ms;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new StackError(`${what} not seen within ${ms / 1000}s${last ? ` (${last})` : ''}`);
}

type Smoke = (dir: string) => Promise<{ server: ServerProcess; check: () => Promise<string> }>;

const SMOKES: Record<ServerName, Smoke> = {
  async prometheus(dir) {
    const server = await startPrometheus({ port: await freePort(), dir });
    return {
      server,
      check: () =>
        within(20_000, 'up{job="prometheus"} = 1', async () => {
          const body = await getJson(`${server.url}/api/v1/query?query=${encodeURIComponent('up{job="prometheus"}')}`);
          return body.data.result[0]?.value[1] === '1' ? 'up{job="prometheus"} = 1' : undefined;
        }),
    };
  },

  async grafana(dir) {
    const provisioning = join(dir, 'provisioning-src');
    for (const d of ['datasources', 'dashboards', 'alerting', 'plugins']) mkdirSync(join(provisioning, d), { recursive: true });
    const server = await startGrafana({ port: await freePort(), dir: join(dir, 'grafana'), pluginDist: join(REPO, 'dist'), provisioning });
    const auth = { headers: { Authorization: 'Basic ' + Buffer.from('admin:admin').toString('base64') } };
    return {
      server,
      async check() {
        const health = await getJson(`${server.url}/api/health`);
        if (health.database !== 'ok') throw new StackError(`/api/health: database ${health.database}`);
        const ids = new Set((await getJson<Array<{ id: string }>>(`${server.url}/api/plugins?type=datasource`, auth)).map((p) => p.id));
        const missing = ['prometheus', 'loki', 'tempo'].filter((id) => !ids.has(id));
        if (missing.length) throw new StackError(`datasource plugins missing: ${missing.join(', ')}`);
        return `Grafana ${health.version}, database ok, ${ids.size} datasource plugins incl. prometheus, loki, tempo`;
      },
    };
  },

  async loki(dir) {
    const server = await startLoki({ httpPort: await freePort(), grpcPort: await freePort(), dir });
    return {
      server,
      async check() {
        const services = await (await fetch(`${server.url}/services`)).text();
        if (!/pattern-ingester\s*=>\s*Running/.test(services)) throw new StackError(`pattern-ingester is not running:\n${services}`);
        const ns = BigInt(Date.now()) * 1_000_000n;
        const line = `foresight smoke ${ns}`;
        await getJson(`${server.url}/loki/api/v1/push`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ streams: [{ stream: { job: 'foresight-smoke' }, values: [[String(ns), line]] }] }),
        });
        const query = new URLSearchParams({ query: '{job="foresight-smoke"}', start: String(ns - 60_000_000_000n), end: String(ns + 60_000_000_000n) });
        return within(20_000, 'the pushed line in query_range', async () => {
          const body = await getJson(`${server.url}/loki/api/v1/query_range?${query}`);
          return JSON.stringify(body.data.result).includes(line) ? 'pattern ingester running; a pushed line comes back from query_range' : undefined;
        });
      },
    };
  },

  async tempo(dir) {
    const server = await startTempo({
      httpPort: await freePort(),
      grpcPort: await freePort(),
      otlpGrpcPort: await freePort(),
      otlpHttpPort: await freePort(),
      memberlistPort: await freePort(),
      dir,
    });
    return {
      server,
      async check() {
        const services = await (await fetch(`${server.url}/status/services`)).text();
        if (!/metrics-generator/.test(services)) throw new StackError(`metrics-generator is not running:\n${services}`);
        const traceId = randomBytes(16).toString('hex');
        const end = BigInt(Date.now()) * 1_000_000n;
        await getJson(`${server.otlpHttpUrl}/v1/traces`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            resourceSpans: [
              {
                resource: { attributes: [{ key: 'service.name', value: { stringValue: 'foresight-smoke' } }] },
                scopeSpans: [{ spans: [{ traceId, spanId: randomBytes(8).toString('hex'), name: 'smoke-span', kind: 2, startTimeUnixNano: String(end - 5_000_000n), endTimeUnixNano: String(end) }] }],
              },
            ],
          }),
        });
        return within(30_000, `trace ${traceId} by id`, async () => {
          const res = await fetch(`${server.url}/api/v2/traces/${traceId}`);
          return res.ok && (await res.text()).includes('smoke-span') ? 'metrics generator running; an OTLP span comes back by trace id' : undefined;
        });
      },
    };
  },
};

async function smoke(name: ServerName): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), `foresight-smoke-${name}-`));
  let server: ServerProcess | undefined;
  const t0 = performance.now();
  try {
    const started = await SMOKES[name](dir);
    server = started.server;
    const ready = ((performance.now() - t0) / 1000).toFixed(1);
    console.log(`${name}: PASS ready in ${ready}s; ${await started.check()}`);
    return true;
  } catch (err) {
    console.error(`${name}: FAIL ${(err as Error).message}`);
    return false;
  } finally {
    if (server) await stopProcess(server.pid);
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const names = process.argv.slice(2);
  const unknown = names.filter((n) => !(n in SMOKES));
  if (unknown.length) {
    console.error(`unknown server ${unknown.join(', ')}; usage: smoke.ts [${Object.keys(SMOKES).join('|')} ...]`);
    return 2;
  }
  let ok = true;
  for (const name of (names.length ? names : Object.keys(SMOKES)) as ServerName[]) {
    ok = (await smoke(name)) && ok;
  }
  return ok ? 0 : 1;
}

main().then((code) => process.exit(code));
