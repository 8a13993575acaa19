// `stack up` on a machine where nothing of it runs, then `stack down`: every part answers, Grafana
// has loaded the repository's provisioning (our datasource with the stock Prometheus, Loki and
// Tempo ones beside it, every dashboard, the alert rules on predicted values), and nothing is left
// running afterwards.

import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { StackPorts } from '../../../scripts/stack/layout';
import { isAlive } from '../../../scripts/stack/processes';
import { REPO } from '../../../scripts/stack/servers';
import { eventually } from '../../harness/stack';
import { freeStackPorts, hasRecord, processesOf, recordedServers, stack } from './support';

const dir = mkdtempSync(join(tmpdir(), 'foresight-stack-up-'));
let ports: StackPorts;
let env: Record<string, string>;
let upOutput = '';

async function grafana<T = any>(path: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`http://127.0.0.1:${ports.grafana}${path}`, {
    headers: { Authorization: 'Basic ' + Buffer.from('admin:admin').toString('base64') },
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body: body as T };
}

const provisioningFiles = (sub: string, ext: RegExp) =>
  readdirSync(join(REPO, 'provisioning', sub))
    .filter((f) => ext.test(f))
    .map((f) => readFileSync(join(REPO, 'provisioning', sub, f), 'utf8'));

describe('stack up from nothing, then stack down', { timeout: 300_000 }, () => {
  before(async () => {
    ({ ports, env } = await freeStackPorts());
    const res = await stack(['up', '--no-build'], dir, env);
    upOutput = res.output;
    assert.equal(res.code, 0, res.output);
  });

  after(async () => {
    if (processesOf(dir).length) await stack(['down'], dir, env);
    rmSync(dir, { recursive: true, force: true });
  });

  test('it reports its bring-up time and records every part', () => {
    const m = /stack up in (\d+\.\d)s/.exec(upOutput);
    assert.ok(m, upOutput);
    console.log(`stack up (warm, --no-build): ${m[1]} s`);
    assert.deepEqual(recordedServers(dir).map((s) => s.name), ['prometheus', 'loki', 'tempo', 'demo', 'grafana']);
  });

  test('Prometheus scrapes the five demo services and Grafana', async () => {
    let seen = '';
    const up = await eventually(
      'Grafana, Prometheus and five demo services up as scrape targets',
      async () => {
        const res = await fetch(`http://127.0.0.1:${ports.prometheus}/api/v1/targets?state=active`);
        const targets = ((await res.json()) as any).data.activeTargets as Array<{ labels: Record<string, string>; health: string }>;
        const jobs = targets.filter((t) => t.health === 'up').map((t) => t.labels.job);
        seen = jobs.join(', ');
        const demo = jobs.filter((j) => j !== 'grafana' && j !== 'prometheus');
        return jobs.includes('grafana') && jobs.includes('prometheus') && demo.length >= 5 ? jobs : undefined;
      },
      60_000,
    ).catch((err) => assert.fail(`${(err as Error).message}; up: ${seen}`));
    assert.ok(up.length >= 7);
  });

  test('the provisioned datasources: Foresight, and the stock Prometheus, Loki and Tempo on the same servers', async () => {
    const { body } = await grafana<Array<{ uid: string; type: string; url: string; jsonData: Record<string, unknown> }>>('/api/datasources');
    const byUid = new Map(body.map((d) => [d.uid, d]));
    const wanted = [...provisioningFiles('datasources', /\.ya?ml$/).join('\n').matchAll(/^\s+uid: (\S+)\s*\n\s+type: (\S+)/gm)].map((m) => [m[1], m[2]]);
    assert.ok(wanted.length >= 4, 'provisioning names at least four datasources');
    for (const [uid, type] of wanted) {
      assert.equal(byUid.get(uid)?.type, type, `datasource ${uid} (${type}) is not loaded`);
    }
    assert.equal(byUid.get('foresight')?.jsonData.prometheusUrl, `http://127.0.0.1:${ports.prometheus}`);
    assert.equal(byUid.get('prometheus')?.url, `http://127.0.0.1:${ports.prometheus}`);
    assert.equal(byUid.get('loki')?.url, `http://127.0.0.1:${ports.loki}`);
    assert.equal(byUid.get('tempo')?.url, `http://127.0.0.1:${ports.tempo}`);
    const health = await grafana<{ status: string; message: string }>('/api/datasources/uid/foresight/health');
    assert.equal(health.body.status, 'OK', JSON.stringify(health.body));
  });

  test('the stock datasources reach their servers through Grafana', async () => {
    const prom = await grafana<any>(`/api/datasources/proxy/uid/prometheus/api/v1/query?query=up`);
    assert.equal(prom.status, 200, JSON.stringify(prom.body));
    assert.equal(prom.body.status, 'success');
    // The demo pushes its logs to Loki and its spans to Tempo: both are there within seconds.
    const labels = await eventually('demo log streams in Loki', async () => {
      const r = await grafana<any>('/api/datasources/proxy/uid/loki/loki/api/v1/labels');
      return r.status === 200 && r.body.data?.length ? r.body.data : undefined;
    }, 30_000);
    assert.ok(labels.length > 0);
    const traces = await eventually('demo traces in Tempo', async () => {
      const r = await grafana<any>('/api/datasources/proxy/uid/tempo/api/search?limit=5');
      return r.status === 200 && r.body.traces?.length ? r.body.traces : undefined;
    }, 60_000);
    assert.ok(traces.length > 0);
  });

  test('every provisioned dashboard and alert rule is loaded', async () => {
    const files = readdirSync(join(REPO, 'provisioning/dashboards')).filter((f) => f.endsWith('.json'));
    assert.ok(files.length > 0);
    for (const file of files) {
      const { uid } = JSON.parse(readFileSync(join(REPO, 'provisioning/dashboards', file), 'utf8')) as { uid: string };
      const r = await grafana<{ meta: { provisionedExternalId?: string } }>(`/api/dashboards/uid/${uid}`);
      assert.equal(r.status, 200, `dashboard ${uid} (${file}): HTTP ${r.status}`);
      // (meta.provisioned stays false when the provider allows UI updates; the external id names the file)
      assert.equal(r.body.meta.provisionedExternalId, file, `dashboard ${uid} is not the one provisioned from ${file}`);
    }
    const rules = provisioningFiles('alerting', /\.ya?ml$/).flatMap((t) => [...t.matchAll(/^\s+- uid: (\S+)/gm)].map((m) => m[1]));
    assert.ok(rules.length > 0);
    for (const uid of rules) {
      const r = await grafana<{ uid: string; data: Array<{ datasourceUid: string }> }>(`/api/v1/provisioning/alert-rules/${uid}`);
      assert.equal(r.status, 200, `alert rule ${uid}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
      assert.ok(r.body.data.some((q) => q.datasourceUid === 'foresight'), `alert rule ${uid} does not query Foresight`);
    }
    const app = await grafana<{ enabled: boolean }>('/api/plugins/foresight-observability-app/settings');
    assert.equal(app.body.enabled, true, 'the app is not enabled');
  });

  test('stack down stops every part, and nothing of the stack is left running', async () => {
    const servers = recordedServers(dir);
    const res = await stack(['down'], dir, env);
    assert.equal(res.code, 0, res.output);
    for (const s of servers) {
      assert.match(res.output, new RegExp(`stopping ${s.name} \\(pid ${s.pid}\\)`));
      assert.equal(isAlive(s.pid), false, `${s.name} (pid ${s.pid}) still runs`);
    }
    assert.deepEqual(processesOf(dir), []);
    assert.equal(hasRecord(dir), false);
    const again = await stack(['down'], dir, env);
    assert.match(again.output, /no stack is running/);
  });
});
