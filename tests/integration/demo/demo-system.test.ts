// The demo system on its own (no Prometheus, Loki or Tempo needed): requests flow through all
// five services, faults change what callers see, control actions show in each service's
// /metrics, and the ground-truth log records both. Also the CLI and main.ts as processes.

import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readGroundTruth } from '../../../demo/faults/ground-truth';
import { startDemo, type DemoSystem } from '../../../demo/system';
import { api, metricValue, scrape, until, WEDNESDAY_14H } from './support';

const REPO = resolve(__dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'foresight-demo-system-'));
const groundTruthFile = join(dir, 'ground-truth.jsonl');
let demo: DemoSystem;
after(() => rmSync(dir, { recursive: true, force: true }));

async function get(url: string, init?: RequestInit): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('demo system without backends', () => {
  before(async () => {
    demo = await startDemo({
      portBase: 0,
      controlPort: 0,
      lokiUrl: null,
      otlpUrl: null,
      groundTruthFile,
      load: { peakRps: 20, speed: 1, simStart: WEDNESDAY_14H, durationMs: 300_000 },
      restartDownMs: 1500,
      tickMs: 250,
    });
  });
  after(async () => {
    await demo?.stop();
  });

  it('serves a checkout through gateway, checkout, inventory, payments and db', async () => {
    const r = await get(`${demo.urls.gateway}/api/checkout`, { method: 'POST', body: JSON.stringify({ items: 2 }) });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.match(String(r.body.orderId), /^o-/);
    assert.match(String(r.body.paymentId), /^p-/);
    for (const name of ['gateway', 'checkout', 'payments', 'inventory', 'db'] as const) {
      const text = await scrape(demo.urls[name]);
      assert.ok((metricValue(text, 'demo_http_requests_total', { service: name, status: '200' }) ?? 0) > 0, `${name} counted requests`);
      assert.equal(metricValue(text, 'demo_replicas', { service: name }), demo.services.get(name)!.runtime.replicas);
    }
    const inv = await scrape(demo.urls.inventory);
    assert.equal(metricValue(inv, 'demo_db_pool_size', { service: 'inventory' }), 10);
    const load = await until('the load generator to get answers', async () => (demo.loadStatus()!.ok >= 5 ? demo.loadStatus()! : undefined), 10_000, 100);
    assert.ok(load.running && load.failed === 0, JSON.stringify(load));
  });

  it('control actions show in the metrics and in the ground-truth log', async () => {
    const c = demo.controlUrl;
    await api(c, 'POST', '/services/checkout/scale', { replicas: 4 });
    await api(c, 'POST', '/services/inventory/pool', { size: 20 });
    await api(c, 'POST', '/services/payments/memory-limit', { limit: '256MB' });
    await api(c, 'POST', '/services/inventory/deploy', { version: '5.1.0' });
    assert.equal(metricValue(await scrape(demo.urls.checkout), 'demo_replicas', { service: 'checkout' }), 4);
    assert.equal(metricValue(await scrape(demo.urls.inventory), 'demo_db_pool_size', { service: 'inventory' }), 20);
    assert.equal(metricValue(await scrape(demo.urls.payments), 'demo_memory_limit_bytes', { service: 'payments' }), 256 * 2 ** 20);
    let inv = await scrape(demo.urls.inventory);
    assert.equal(metricValue(inv, 'demo_service_info', { service: 'inventory', version: '5.1.0' }), 1);
    assert.equal(metricValue(inv, 'demo_service_info', { service: 'inventory', version: '5.0.3' }), undefined);
    await api(c, 'POST', '/services/inventory/rollback');
    inv = await scrape(demo.urls.inventory);
    assert.equal(metricValue(inv, 'demo_service_info', { service: 'inventory', version: '5.0.3' }), 1);
    // bad input is refused and not logged
    await assert.rejects(api(c, 'POST', '/services/gateway/pool', { size: 5 }), /no database connection pool/);
    await assert.rejects(api(c, 'POST', '/services/gateway/scale', { replicas: 0 }), /replicas must be/);
    await assert.rejects(api(c, 'POST', '/services/gateway/rollback'), /no earlier version/);

    // restart: the port refuses connections while down, then the service is back with the count
    const restartedAt = Date.now();
    await api(c, 'POST', '/services/gateway/restart', { down: '1500ms' });
    await assert.rejects(fetch(`${demo.urls.gateway}/health`, { signal: AbortSignal.timeout(2000) }));
    const back = await until('gateway back after restart', async () => ((await fetch(`${demo.urls.gateway}/health`).catch(() => null))?.ok ? true : undefined), 10_000, 100);
    const downFor = (Date.now() - restartedAt) / 1000;
    assert.ok(back && downFor >= 1.4 && downFor < 5, `down for ${downFor}s`);
    assert.equal(metricValue(await scrape(demo.urls.gateway), 'demo_restarts_total', { service: 'gateway', reason: 'manual' }), 1);

    const gt = readGroundTruth(groundTruthFile);
    assert.deepEqual(
      gt.controls.map((r) => `${r.action} ${r.service} ${JSON.stringify(r.params)} ${JSON.stringify(r.previous)}`),
      [
        'scale checkout {"replicas":4} {"replicas":2}',
        `pool-size inventory {"size":20} {"size":10}`,
        `memory-limit payments {"bytes":${256 * 2 ** 20}} {"bytes":${384 * 2 ** 20}}`,
        'deploy inventory {"version":"5.1.0"} {"version":"5.0.3"}',
        'rollback inventory {"version":"5.0.3"} {"version":"5.1.0"}',
        `restart gateway {"downMs":1500} ${JSON.stringify(gt.controls[5].previous)}`,
      ],
    );
    await api(c, 'POST', '/services/checkout/scale', { replicas: 2 });
  });

  it('a dependency outage breaks checkouts but not cart views', async () => {
    const inj = await api<{ id: string }>(demo.controlUrl, 'POST', '/faults', {
      fault: 'dependency-outage',
      service: 'checkout',
      params: { dependency: 'payments' },
      duration: '20s',
    });
    const buy = await get(`${demo.urls.gateway}/api/checkout`, { method: 'POST', body: '{}' });
    assert.equal(buy.status, 502);
    assert.match(String(buy.body.error), /checkout answered 503: call to payments failed: connect ECONNREFUSED/);
    const cart = await get(`${demo.urls.gateway}/api/cart`);
    assert.equal(cart.status, 200);
    const text = await scrape(demo.urls.checkout);
    assert.ok((metricValue(text, 'demo_downstream_requests_total', { service: 'checkout', target: 'payments', outcome: 'error' }) ?? 0) >= 1);
    await api(demo.controlUrl, 'DELETE', `/faults/${inj.id}`);
    const again = await get(`${demo.urls.gateway}/api/checkout`, { method: 'POST', body: '{}' });
    assert.equal(again.status, 200);
    const rec = readGroundTruth(groundTruthFile).injections.find((i) => i.id === inj.id)!;
    assert.equal(rec.status, 'ended');
    assert.equal(rec.endReason, 'cancelled');
  });

  it('a bad release degrades its service until it is rolled back', async () => {
    const inj = await api<{ id: string; params: { version: string } }>(demo.controlUrl, 'POST', '/faults', {
      fault: 'bad-release',
      service: 'payments',
      params: { errorRate: 1, latencyMs: 50 },
      duration: '5m',
    });
    assert.equal(inj.params.version, '2.8.0');
    let text = await scrape(demo.urls.payments);
    assert.equal(metricValue(text, 'demo_service_info', { service: 'payments', version: '2.8.0' }), 1);
    const buy = await get(`${demo.urls.gateway}/api/checkout`, { method: 'POST', body: '{}' });
    assert.equal(buy.status, 502);
    assert.match(String(buy.body.error), /payments answered 500: .*\(version 2\.8\.0\)/);
    const rb = await api<{ ended: string[] }>(demo.controlUrl, 'POST', '/services/payments/rollback');
    assert.deepEqual(rb.ended, [inj.id]);
    text = await scrape(demo.urls.payments);
    assert.equal(metricValue(text, 'demo_service_info', { service: 'payments', version: '2.7.1' }), 1);
    assert.equal((await get(`${demo.urls.gateway}/api/checkout`, { method: 'POST', body: '{}' })).status, 200);
    const rec = readGroundTruth(groundTruthFile).injections.find((i) => i.id === inj.id)!;
    assert.equal(rec.endReason, 'rolled-back');
  });

  it('a memory leak ends in an OOM restart at the memory limit', { timeout: 60_000 }, async () => {
    await api(demo.controlUrl, 'POST', '/services/payments/memory-limit', { limit: '200MB' });
    const inj = await api<{ id: string }>(demo.controlUrl, 'POST', '/faults', {
      fault: 'memory-leak',
      service: 'payments',
      params: { mbPerMinute: 1200 },
      duration: '2m',
    });
    const started = Date.now();
    await until(
      'payments OOM restart',
      async () => ((metricValue(await scrape(demo.urls.payments).catch(() => ''), 'demo_restarts_total', { service: 'payments', reason: 'oom' }) ?? 0) >= 1 ? true : undefined),
      30_000,
      200,
    );
    const after = (Date.now() - started) / 1000;
    // (200 MB - ~125 MB base) / 20 MB/s ≈ 4 s
    assert.ok(after > 2 && after < 12, `OOM after ${after}s`);
    await api(demo.controlUrl, 'DELETE', `/faults/${inj.id}`);
    await api(demo.controlUrl, 'POST', '/services/payments/memory-limit', { limit: '384MB' });
    await until('payments back', async () => (demo.services.get('payments')!.isAvailable ? true : undefined), 10_000, 100);
  });

  it('the CLI injects, lists and cancels', { timeout: 120_000 }, async () => {
    // Asynchronous: the demo under test runs in this process and must keep answering.
    const cli = (...args: string[]) =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
        execFile(process.execPath, ['--import', 'tsx', 'demo/cli.ts', '--control', demo.controlUrl, ...args], { cwd: REPO, timeout: 30_000 }, (err, stdout, stderr) =>
          done({ status: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr }),
        );
      });
    const inj = await cli('--json', 'inject', 'latency', '--service', 'db', '--ms', '20', '--jitter-ms', '5', '--in', '1h', '--duration', '10m');
    assert.equal(inj.status, 0, inj.stderr);
    const created = JSON.parse(inj.stdout) as { id: string; status: string; params: Record<string, number> };
    assert.equal(created.status, 'scheduled');
    assert.deepEqual(created.params, { ms: 20, jitterMs: 5 });
    const list = await cli('faults', '--status', 'scheduled');
    assert.equal(list.status, 0, list.stderr);
    assert.match(list.stdout, new RegExp(`${created.id}\\s+scheduled\\s+latency\\s+db`));
    const cancel = await cli('cancel', created.id);
    assert.equal(cancel.status, 0, cancel.stderr);
    assert.match(cancel.stdout, /cancelled/);
    const bad = await cli('inject', 'pool-exhaustion', '--service', 'gateway');
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /no database connection pool/);
    const status = await cli('status');
    assert.equal(status.status, 0, status.stderr);
    assert.match(status.stdout, /^payments\s+up/m);
  });
});

describe('demo/main.ts as a process', () => {
  it('starts on free ports, answers, and stops cleanly on SIGTERM', { timeout: 60_000 }, async () => {
    const gt = join(dir, 'main-gt.jsonl');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'demo/main.ts', '--port-base', '0', '--control-port', '0', '--loki', 'none', '--otlp', 'none', '--ground-truth', gt, '--rps', '5', '--load-duration', '30s'],
      { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    try {
      const controlUrl = await until('main.ts to print its control URL', async () => /control\s+(http:\/\/\S+)/.exec(out)?.[1], 30_000, 100);
      const health = await api<{ status: string }>(controlUrl, 'GET', '/health');
      assert.equal(health.status, 'ok');
      const services = await api<Array<{ name: string; available: boolean }>>(controlUrl, 'GET', '/services');
      assert.deepEqual(services.map((s) => `${s.name}:${s.available}`), ['gateway:true', 'checkout:true', 'payments:true', 'inventory:true', 'db:true']);
      await api(controlUrl, 'POST', '/faults', { fault: 'latency', service: 'db', duration: '1h' });
    } finally {
      child.kill('SIGTERM');
    }
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    assert.equal(code, 0, out);
    const truth = readGroundTruth(gt);
    assert.deepEqual(truth.runs.map((r) => r.event), ['started', 'stopped']);
    assert.equal(truth.injections[0].endReason, 'shutdown', 'an injection still active at shutdown is ended');
  });
});
