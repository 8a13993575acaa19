// The Loki client against the test stack's real Loki: paging past the per-request limit, the
// line budget, labels, label values, series, metric queries and Loki's own error messages.
//
// Needs FORESIGHT_TEST_LOKI_URL, as scripts/test.ts sets it.

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { LokiClient } from '../../../backend/sources/loki/client';
import { eventually } from '../../harness/stack';

const lokiUrl = process.env.FORESIGHT_TEST_LOKI_URL;
const stackError = process.env.FORESIGHT_TEST_STACK_ERROR;
const skip = !lokiUrl && !stackError ? 'needs FORESIGHT_TEST_LOKI_URL (run through npm test -- integration/logs)' : false;

const run = `r${process.pid}${Date.now() % 100_000}`;
const LINES = 3000;

describe('Loki source on a real Loki', { skip }, () => {
  const startMs = Date.now() - 10 * 60_000;
  const range = { startMs: startMs - 1000, endMs: startMs + LINES * 100 + 1000 };
  let loki: LokiClient;

  before(async () => {
    if (!lokiUrl) throw new Error(`the test stack did not start: ${stackError}`);
    loki = new LokiClient(lokiUrl, { headers: { 'X-Scope-OrgID': 'fake' } });
    // Two streams, one line every 100 ms, some lines sharing a timestamp.
    const values = (app: string) => Array.from({ length: LINES / 2 }, (_, i) => [`${BigInt(startMs + i * 200) * 1_000_000n}`, `${app} request ${i} took ${i % 97}ms`]);
    const res = await fetch(`${lokiUrl}/loki/api/v1/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ streams: ['api', 'web'].map((app) => ({ stream: { test: run, app }, values: values(app) })) }),
    });
    assert.equal(res.status, 204, await res.text());
    await eventually('the pushed lines are queryable', async () => ((await loki.readStreams(`{test="${run}"}`, range, { maxLines: LINES * 2 })).entries.length === LINES ? true : undefined), 30_000, 500);
  });

  it('pages past the per-request limit without losing or repeating lines', async () => {
    const read = await loki.readStreams(`{test="${run}"}`, range, { maxLines: 10_000, pageSize: 250, slices: 1 });
    assert.equal(read.entries.length, LINES);
    assert.equal(new Set(read.entries.map((e) => `${e.labels.app} ${e.line}`)).size, LINES);
    assert.ok(read.requests >= LINES / 250, `${read.requests} requests`);
    assert.equal(read.capped, false);
  });

  it('reports a capped read and still reaches the end of the range', async () => {
    const read = await loki.readStreams(`{test="${run}"}`, range, { maxLines: 600, pageSize: 100, slices: 6 });
    assert.equal(read.entries.length, 600);
    assert.equal(read.capped, true);
    assert.ok(read.entries[read.entries.length - 1].timeMs > startMs + (LINES / 2) * 200 * 0.8, 'the last slice was read');
  });

  it('lists labels, label values and series', async () => {
    assert.ok((await loki.labels(range)).includes('app'));
    assert.deepEqual((await loki.labelValues('app', range)).filter((v) => v === 'api' || v === 'web').sort(), ['api', 'web']);
    const series = await loki.series([`{test="${run}"}`], range);
    assert.deepEqual(series.map((s) => s.app).sort(), ['api', 'web']);
  });

  it('runs metric queries as series', async () => {
    const series = await loki.queryRangeMatrix(`sum by (app) (count_over_time({test="${run}"}[1m]))`, { ...range, stepMs: 60_000 });
    assert.equal(series.length, 2);
    assert.ok(series.every((s) => s.values.some((v) => v > 0)));
  });

  it("passes Loki's error message through", async () => {
    await assert.rejects(loki.readStreams('{test=', range, { maxLines: 10 }), /^UpstreamError: Loki: parse error/);
    await assert.rejects(loki.readStreams(`sum(count_over_time({test="${run}"}[1m]))`, range, { maxLines: 10 }), /use a log query, not a metric query/);
  });
});
