// Alert rules on predicted values, evaluated by Grafana's own alerting engine.

import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { eventually, grafana, testStack } from '../../harness/stack';

interface RuleStatus {
  name: string;
  state: string;
  health: string;
  lastError?: string;
  labels?: Record<string, string>;
}

async function rule(title: string): Promise<RuleStatus | undefined> {
  const res = await grafana<{ data: { groups: Array<{ rules: RuleStatus[] }> } }>('/api/prometheus/grafana/api/v1/rules');
  return res.body.data?.groups.flatMap((g) => g.rules).find((r) => r.name === title);
}

async function steer(body: { base?: number; slopePerSecond: number }) {
  const res = await fetch(`${testStack().exporterUrl}/control`, { method: 'POST', body: JSON.stringify(body) });
  assert.equal(res.status, 200);
}

async function actualValue(): Promise<number> {
  const params = new URLSearchParams({ query: 'foresight_test_gauge{series="steered"}' });
  const res = (await (await fetch(`${testStack().prometheusUrl}/api/v1/query?${params}`)).json()) as { data: { result: Array<{ value: [number, string] }> } };
  return Number(res.data.result[0].value[1]);
}

describe('alerting on predicted values', () => {
  after(() => steer({ base: 100, slopePerSecond: 0 }));

  it('evaluates the shipped rule without error', { timeout: 240_000 }, async () => {
    const r = await eventually(
      'the shipped rule to be evaluated',
      async () => {
        const s = await rule('Prometheus memory predicted above 2 GiB within 1h');
        return s && s.health !== 'unknown' ? s : undefined;
      },
      180_000,
      2000,
    );
    assert.equal(r.health, 'ok', r.lastError);
    assert.equal(r.state, 'inactive');
  });

  it('fires before the real metric crosses the threshold, then resolves', { timeout: 600_000 }, async () => {
    const title = 'Steered gauge predicted above 1000 within 2m';
    await steer({ base: 100, slopePerSecond: 0 });
    const normal = await eventually(
      'the steered rule to be evaluated as normal',
      async () => {
        const s = await rule(title);
        return s?.health === 'ok' && s.state === 'inactive' ? s : undefined;
      },
      120_000,
      2000,
    );
    assert.equal(normal.state, 'inactive');

    // Ramp: 100 → 1000 takes 150 s at 6/s. A 2-minute forecast sees 1000 coming well before.
    const rampStart = Date.now();
    await steer({ slopePerSecond: 6 });
    const firing = await eventually(
      'the rule to fire on the prediction',
      async () => {
        const s = await rule(title);
        if (s?.health === 'error') throw new Error(`rule error: ${s.lastError}`);
        return s?.state === 'firing' ? s : undefined;
      },
      150_000,
      1000,
    );
    const firedAfter = (Date.now() - rampStart) / 1000;
    const valueAtFiring = await actualValue();
    const crossingAfter = (1000 - 100) / 6;
    console.log(`alerting: fired ${firedAfter.toFixed(0)}s into the ramp with the actual value at ${valueAtFiring.toFixed(0)}; the actual crosses 1000 at ${crossingAfter.toFixed(0)}s: lead time ${(crossingAfter - firedAfter).toFixed(0)}s`);
    assert.equal(firing.state, 'firing');
    assert.ok(valueAtFiring < 1000, `the actual value (${valueAtFiring}) had not crossed yet`);

    await steer({ base: 100, slopePerSecond: 0 });
    await eventually(
      'the rule to resolve once the metric is flat again',
      async () => ((await rule(title))?.state === 'inactive' ? true : undefined),
      300_000,
      2000,
    );
  });
});
