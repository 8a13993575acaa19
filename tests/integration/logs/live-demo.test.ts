// Log intelligence against the live demo: the demo's services push JSON logs into the test stack's
// Loki; faults are injected through the demo's control API; the plugin executable (started as
// Grafana starts it) answers logAnomalies and logPatterns queries over the real Loki. An error burst
// and a dependency outage must each appear as a new or spiking pattern in the faulty service, with
// evidence lines from that service, within BOUND_S seconds of the injection's recorded start.
//
// Needs FORESIGHT_TEST_LOKI_URL and FORESIGHT_TEST_PLUGIN_EXE, as scripts/test.ts sets them.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Injection } from '../../../demo/faults/ground-truth';
import { startDemo, type DemoSystem } from '../../../demo/system';
import { pluginContext, startPlugin, type PluginProcess } from '../../harness/plugin-client';
import { eventually } from '../../harness/stack';
import { api, WEDNESDAY_14H } from '../demo/support';
import { decodeFrames } from './frames';

const lokiUrl = process.env.FORESIGHT_TEST_LOKI_URL;
const pluginExe = process.env.FORESIGHT_TEST_PLUGIN_EXE;
const stackError = process.env.FORESIGHT_TEST_STACK_ERROR;
const skip = (!lokiUrl || !pluginExe) && !stackError ? 'needs FORESIGHT_TEST_LOKI_URL and FORESIGHT_TEST_PLUGIN_EXE (run through npm test -- integration/logs)' : false;

/** Seconds from an injection's start within which its pattern must be reported. */
const BOUND_S = 30;
/** Healthy traffic before the first fault: the baseline the anomalies are measured against. */
const BASELINE_S = 60;

interface Row {
  what: string;
  delayS: number;
  kind: string;
  template: string;
}
const rows: Row[] = [];

describe('log intelligence on the live demo', { skip }, () => {
  let demo: DemoSystem;
  let plugin: PluginProcess;
  let dir = '';
  let demoStart = 0;

  before(async () => {
    if (!lokiUrl || !pluginExe) throw new Error(`the test stack did not start: ${stackError}`);
    dir = mkdtempSync(join(tmpdir(), 'foresight-logs-live-'));
    plugin = await startPlugin(pluginExe);
    demo = await startDemo({
      portBase: 0,
      controlPort: 0,
      lokiUrl,
      otlpUrl: undefined,
      groundTruthFile: join(dir, 'ground-truth.jsonl'),
      load: { peakRps: 15, speed: 1, simStart: WEDNESDAY_14H, durationMs: 30 * 60_000 },
      restartDownMs: 2000,
    });
    demoStart = Date.now();
    await new Promise((r) => setTimeout(r, BASELINE_S * 1000));
  });

  after(async () => {
    await demo?.stop();
    plugin?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (rows.length) {
      console.log('\nlog pattern delays (seconds from injection start to the first query that reports it):');
      for (const r of rows) console.log(`  ${r.what.padEnd(40)} ${String(r.delayS).padStart(5)}  ${r.kind.padEnd(6)} ${r.template}`);
    }
  });

  const query = (refId: string, json: Record<string, unknown>, fromMs: number) => ({
    refId,
    queryType: '',
    maxDataPoints: 2000,
    intervalMS: 1000,
    timeRange: { fromEpochMS: fromMs, toEpochMS: Date.now() },
    json: Buffer.from(JSON.stringify(json)),
  });

  async function run(json: Record<string, unknown>, fromMs: number) {
    const res = await plugin.call<{ responses: Record<string, { error: string; status: number; frames: Buffer[] }> }>('pluginv2.Data', 'QueryData', {
      pluginContext: pluginContext({ lokiUrl }),
      headers: {},
      queries: [query('A', json, fromMs)],
    });
    const r = res.responses.A;
    assert.ok(!r.error, r.error);
    return decodeFrames(r.frames);
  }

  async function faultShows(what: string, fault: Record<string, unknown>, service: string, evidence: RegExp) {
    const inj = await api<Injection>(demo.controlUrl, 'POST', '/faults', { ...fault, service, duration: '40s' });
    const start = Date.parse(inj.start!);
    try {
      const found = await eventually(
        `${what}: a new or spiking pattern in ${service}`,
        async () => {
          const windowS = Math.max(5, Math.ceil((Date.now() - start) / 1000) + 2);
          const [table] = await run({ queryType: 'logAnomalies', logql: '{job="foresight-demo"}', groupBy: 'service', window: `${windowS}s`, step: '1s', maxLines: 200_000 }, demoStart);
          return table.rows.find((r) => (r.kind === 'new' || r.kind === 'spike') && r.service === service && evidence.test(String(r.evidence)));
        },
        BOUND_S * 1000,
        1000,
      );
      const delayS = +((Date.now() - start) / 1000).toFixed(1);
      rows.push({ what, delayS, kind: String(found.kind), template: String(found.template) });
      const lines = String(found.evidence).split('\n');
      assert.ok(lines.length >= 1);
      for (const line of lines) {
        const json = JSON.parse(line.slice(line.indexOf(' ') + 1)) as Record<string, unknown>;
        assert.equal(json.service, service, 'every evidence line is from the faulty service');
        assert.ok(Date.parse(String(json.ts)) >= start - 1000, 'evidence lines are from after the injection');
      }
      assert.ok(Number(found.score) >= 0.5);
      return found;
    } finally {
      await api(demo.controlUrl, 'DELETE', `/faults/${inj.id}`).catch(() => undefined);
    }
  }

  it('a healthy stretch has patterns per service and no new or spiking error pattern', { timeout: 120_000 }, async () => {
    const frames = await run({ queryType: 'logPatterns', logql: '{job="foresight-demo"}', groupBy: 'service' }, demoStart);
    const table = frames[0];
    assert.equal(table.meta.type, 'table');
    assert.ok(table.meta.custom.linesRead > 100, `lines read: ${table.meta.custom.linesRead}`);
    const services = new Set(table.rows.map((r) => r.service));
    for (const s of ['gateway', 'checkout', 'payments', 'inventory', 'db']) assert.ok(services.has(s), `${s} has patterns`);
    assert.ok(table.rows.every((r) => typeof r.pattern === 'string' && String(r.template).length > 0));
    // Ids are stable from one query to the next.
    const again = await run({ queryType: 'logPatterns', logql: '{job="foresight-demo"}', groupBy: 'service' }, demoStart);
    const top = table.rows.slice(0, 5).map((r) => `${r.pattern} ${r.service}`);
    const ids = new Set(again[0].rows.map((r) => `${r.pattern} ${r.service}`));
    assert.ok(top.every((k) => ids.has(k)), 'the top patterns keep their ids');
  });

  it(`an error burst at checkout shows as a new or spiking pattern there within ${BOUND_S}s`, { timeout: 180_000 }, async () => {
    await faultShows('error-burst at checkout', { fault: 'error-burst', params: { rate: 0.5 } }, 'checkout', /"level":"error"/);
  });

  it(`a dependency outage (checkout -> payments) shows at checkout within ${BOUND_S}s`, { timeout: 180_000 }, async () => {
    // Let the previous burst's lines fall out of the window before measuring.
    await new Promise((r) => setTimeout(r, 15_000));
    await faultShows('dependency-outage checkout->payments', { fault: 'dependency-outage', params: { dependency: 'payments' } }, 'checkout', /ECONNREFUSED|payments/);
  });
});
