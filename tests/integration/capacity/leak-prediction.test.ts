// A memory leak injected into the live demo system is predicted before it does harm: Grafana's
// alerting engine evaluates a provisioned capacity rule (tests/fixtures/provisioning/alerting/
// leak-capacity.yaml) on the predicted heap, and the rule fires before the real heap reaches the
// memory limit (the OOM restart). Prints the lead time and the predicted time to impact.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startDemo, type DemoSystem } from '../../../demo/system';
import { dsQuery, eventually, grafana, testStack } from '../../harness/stack';
import { api, promQuery, registerScrapeTargets, WEDNESDAY_14H } from '../demo/support';

const TITLE = 'Payments heap predicted to reach its limit within 3m';
const LEAK_MB_PER_MINUTE = 60;

interface RuleStatus {
  name: string;
  state: string;
  health: string;
  lastError?: string;
}

async function rule(): Promise<RuleStatus | undefined> {
  const res = await grafana<{ data: { groups: Array<{ rules: RuleStatus[] }> } }>('/api/prometheus/grafana/api/v1/rules');
  return res.body.data?.groups.flatMap((g) => g.rules).find((r) => r.name === TITLE);
}

describe('a memory leak in the demo, predicted in Grafana', () => {
  const dir = mkdtempSync(join(tmpdir(), 'foresight-leak-'));
  let demo: DemoSystem;
  let unregister = () => {};

  before(async () => {
    // Prometheus (with its file_sd directory) and Grafana are all this needs; not Loki or Tempo.
    const backends = { prometheusUrl: testStack().prometheusUrl, sdDir: process.env.FORESIGHT_TEST_PROMETHEUS_SD_DIR ?? '' };
    if (!backends.sdDir) throw new Error('FORESIGHT_TEST_PROMETHEUS_SD_DIR is not set: run the suite through "npm test"');
    demo = await startDemo({
      portBase: 0,
      controlPort: 0,
      lokiUrl: null,
      otlpUrl: null,
      groundTruthFile: join(dir, 'ground-truth.jsonl'),
      load: { peakRps: 10, speed: 1, simStart: WEDNESDAY_14H, durationMs: 900_000 },
      tickMs: 250,
    });
    unregister = registerScrapeTargets(backends, demo);
    await eventually(
      'Prometheus to scrape the demo heap',
      async () => ((await promQuery(backends, 'demo_memory_heap_bytes{service="payments"}')).length > 0 ? true : undefined),
      60_000,
    );
  });
  after(async () => {
    unregister();
    await demo?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fires on the predicted heap before the real heap reaches the limit', { timeout: 720_000 }, async () => {
    const payments = demo.services.get('payments')!;
    // A minute of leak-free heap first, so the rule's history holds the service's normal sawtooth.
    await new Promise((r) => setTimeout(r, 60_000));
    const normal = await eventually('the leak rule to be evaluated as normal', async () => {
      const s = await rule();
      if (s?.health === 'error') throw new Error(`rule error: ${s.lastError}`);
      return s?.health === 'ok' && s.state === 'inactive' ? s : undefined;
    }, 120_000, 2000);
    assert.equal(normal.state, 'inactive');
    const restartsBefore = payments.restarts;

    const injectedAt = Date.now();
    const injection = await api<{ id: string }>(demo.controlUrl, 'POST', '/faults', { fault: 'memory-leak', service: 'payments', params: { mbPerMinute: LEAK_MB_PER_MINUTE }, duration: '10m' });

    // The real crossing: the heap reaching the limit, which the demo answers with an OOM restart.
    let oomAt: number | undefined;
    let peakRatio = 0;
    const watch = setInterval(() => {
      peakRatio = Math.max(peakRatio, payments.runtime.memoryRatio);
      if (oomAt === undefined && payments.restarts > restartsBefore) oomAt = Date.now();
    }, 100);
    try {
      await eventually('the leak rule to fire', async () => {
        const s = await rule();
        if (s?.health === 'error') throw new Error(`rule error: ${s.lastError}`);
        return s?.state === 'firing' ? s : undefined;
      }, 480_000, 1000);
      const firedAt = Date.now();
      const ratioAtFiring = payments.runtime.memoryRatio;
      // What the datasource predicts at that moment: the time to impact a user would see.
      const res = await dsQuery([
        {
          refId: 'A',
          datasource: { type: 'foresight-analyzer-datasource', uid: 'foresight' },
          queryType: 'capacity',
          expr: 'max by (service) (max_over_time(demo_memory_heap_bytes{service="payments"}[30s]))',
          limitExpr: 'max by (service) (demo_memory_limit_bytes{service="payments"})',
          history: '5m',
          step: '5s',
          horizon: '3m',
          level: 0.9,
        },
      ]);
      const frame = res.body.results.A.frames?.[0];
      assert.ok(frame, `capacity table: ${res.body.results.A.error}`);
      const column = (name: string) => frame.data.values[frame.schema.fields.findIndex((f: { name: string }) => f.name === name)][0];
      const predictedSeconds = column('time to exhaustion') as number | null;
      const earliestSeconds = column('earliest exhaustion') as number | null;

      // The failure risk per service at the same moment: payments first, on its capacity signal.
      const risk = await dsQuery([
        {
          refId: 'R',
          datasource: { type: 'foresight-analyzer-datasource', uid: 'foresight' },
          queryType: 'risk',
          groupBy: 'service',
          usageExpr: 'max by (service) (max_over_time(demo_memory_heap_bytes[30s]))',
          limitExpr: 'max by (service) (demo_memory_limit_bytes)',
          anomalyExpr: 'sum by (service) (rate(demo_http_requests_total[30s]))',
          anomalyWindow: '2m',
          history: '5m',
          step: '5s',
          horizon: '3m',
          level: 0.9,
        },
      ]);
      const riskFrame = risk.body.results.R.frames?.[0];
      assert.ok(riskFrame, `risk table: ${risk.body.results.R.error}`);
      const riskColumn = (name: string) => riskFrame.data.values[riskFrame.schema.fields.findIndex((f: { name: string }) => f.name === name)] as unknown[];
      const services = riskColumn('service') as string[];
      const risks = riskColumn('risk') as number[];
      console.log(`risk at firing: ${services.map((s, i) => `${s} ${risks[i].toFixed(2)}`).join(', ')}; payments: ${riskColumn('signals')[0]}`);
      assert.equal(services[0], 'payments', 'the leaking service is the riskiest');
      assert.ok(risks[0] > 0.5, `payments' risk ${risks[0]}`);
      assert.match(String(riskColumn('main signal')[0]), /^capacity/);

      await eventually('the heap to reach the limit (OOM restart)', async () => oomAt, 480_000, 500);
      const lead = (oomAt! - firedAt) / 1000;
      console.log(
        `leak: injected ${LEAK_MB_PER_MINUTE} MiB/min; the rule fired ${((firedAt - injectedAt) / 1000).toFixed(0)} s after the injection with the heap at ` +
          `${(ratioAtFiring * 100).toFixed(0)}% of the limit; predicted time to exhaustion then ${predictedSeconds ?? 'none'} s (earliest ${earliestSeconds ?? 'none'} s); ` +
          `the heap reached the limit ${((oomAt! - injectedAt) / 1000).toFixed(0)} s after the injection: lead time ${lead.toFixed(0)} s`,
      );
      assert.ok(ratioAtFiring < 1, 'the heap had not reached the limit when the rule fired');
      assert.ok(lead > 0, `the rule fired before the OOM (lead ${lead} s)`);
      assert.ok(predictedSeconds !== null && predictedSeconds > 0, `a time to exhaustion was predicted: ${predictedSeconds}`);
    } finally {
      clearInterval(watch);
      await api(demo.controlUrl, 'DELETE', `/faults/${injection.id}`).catch(() => undefined);
    }
  });
});
