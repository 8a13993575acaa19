// The log query types through real Grafana's /api/ds/query, on the provisioned Foresight datasource
// (its Loki URL is the test stack's Loki): lines this suite pushes into Loki come back as patterns
// with the counts pushed, level counts, a new-pattern anomaly with its evidence, and the line cap
// reported when it cuts the read.

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { dsQuery, eventually, testStack } from '../../harness/stack';

const FORESIGHT = { type: 'foresight-analyzer-datasource', uid: 'foresight' };
const run = `g${process.pid}${Date.now() % 100_000}`;
const MIN = 60_000;

interface GrafanaFrame {
  schema: { name?: string; meta?: any; fields: Array<{ name: string; type: string; labels?: Record<string, string> }> };
  data: { values: unknown[][] };
}

function rows(frame: GrafanaFrame): Array<Record<string, any>> {
  const names = frame.schema.fields.map((f) => f.name);
  const n = frame.data.values[0]?.length ?? 0;
  return Array.from({ length: n }, (_, i) => Object.fromEntries(names.map((name, j) => [name, frame.data.values[j][i]])));
}

const sum = (values: unknown[]) => values.reduce<number>((s, v) => s + (typeof v === 'number' ? v : 0), 0);

// A 20-minute range ending 5 minutes ago, on whole minutes; lines from minute 1 to minute 19.
const T0 = Math.floor((Date.now() - 25 * MIN) / MIN) * MIN;
const RANGE = { from: String(T0), to: String(T0 + 20 * MIN) };
/** The anomaly window: the last 4 of the 21 one-minute buckets, i.e. from T0 + 17 min; the burst sits in it. */
const BURST_START = T0 + 17 * MIN + 30_000;

interface Pushed {
  svc: string;
  timeMs: number;
  line: string;
}

function lines(): Pushed[] {
  const out: Pushed[] = [];
  for (let t = T0 + MIN, i = 0; t < T0 + 19 * MIN; t += 5000, i++) {
    out.push({ svc: 'api', timeMs: t, line: `GET /api/users/${1000 + ((i * 37) % 900)} returned 200 in ${5 + ((i * 13) % 90)}ms` });
    if (i % 4 === 0) out.push({ svc: 'api', timeMs: t + 1, line: `user ${4000 + i} logged in from 10.1.${i % 7}.${(i * 11) % 250}` });
    if (i % 6 === 0) out.push({ svc: 'web', timeMs: t + 2, line: `level=warn component=render slow page render took ${300 + i}ms` });
  }
  for (let k = 0; k < 30; k++) {
    out.push({ svc: 'api', timeMs: BURST_START + k * 2000, line: `ERROR payment failed: upstream db-${k % 3} refused connection after ${1 + (k % 4)} retries` });
  }
  return out;
}

const PUSHED = lines();
const count = (re: RegExp) => PUSHED.filter((p) => re.test(p.line)).length;
const EXPECTED = {
  get: count(/^GET /),
  login: count(/logged in/),
  slow: count(/slow page render/),
  payment: count(/payment failed/),
};

async function query(q: Record<string, unknown>): Promise<GrafanaFrame[]> {
  const res = await dsQuery([{ refId: 'A', datasource: FORESIGHT, logql: `{test="${run}"}`, step: '1m', ...q }], RANGE);
  assert.equal(res.status, 200, JSON.stringify(res.body).slice(0, 500));
  const result = res.body.results.A;
  assert.equal(result.status ?? 200, 200, result.error);
  return result.frames as GrafanaFrame[];
}

describe('log queries through Grafana on the real Loki', () => {
  before(async () => {
    const lokiUrl = testStack().lokiUrl;
    const streams = ['api', 'web'].map((svc) => ({
      stream: { test: run, svc },
      values: PUSHED.filter((p) => p.svc === svc).sort((a, b) => a.timeMs - b.timeMs).map((p) => [`${BigInt(p.timeMs) * 1_000_000n}`, p.line]),
    }));
    const res = await fetch(`${lokiUrl}/loki/api/v1/push`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ streams }) });
    assert.equal(res.status, 204, await res.text());
    await eventually(
      'the pushed lines are queryable through Grafana',
      async () => {
        const frames = await query({ queryType: 'logPatterns' });
        return frames[0]?.schema.meta?.custom?.linesRead === PUSHED.length ? true : undefined;
      },
      60_000,
      1000,
    );
  });

  it('logPatterns table: one row per template and service, with the counts pushed', async () => {
    const [frame] = await query({ queryType: 'logPatterns', groupBy: 'svc' });
    assert.equal(frame.schema.meta.custom.linesRead, PUSHED.length);
    assert.equal(frame.schema.meta.custom.capped, false);
    const table = rows(frame);
    const find = (re: RegExp, svc: string) => {
      const hits = table.filter((r) => re.test(r.template) && r.svc === svc);
      assert.equal(hits.length, 1, `one ${svc} pattern matching ${re}: ${JSON.stringify(table.map((r) => [r.svc, r.template, r.count]))}`);
      return hits[0];
    };
    const get = find(/^GET <\*> returned (200|<\*>) in <\*>$/, 'api');
    assert.equal(get.count, EXPECTED.get);
    const login = find(/^user <\*> logged in from <\*>$/, 'api');
    assert.equal(login.count, EXPECTED.login);
    const slow = find(/slow page render took <\*>/, 'web');
    assert.equal(slow.count, EXPECTED.slow);
    assert.equal(slow.levels, `warning ${EXPECTED.slow}`);
    const payment = find(/^ERROR payment failed: upstream <\*> refused connection after <\*> retries$/, 'api');
    assert.equal(payment.count, EXPECTED.payment);
    assert.equal(payment.errors, EXPECTED.payment);
    assert.equal(payment['first seen'], BURST_START);
    assert.equal(payment['last seen'], BURST_START + 29 * 2000);
    assert.match(payment.sample, /^ERROR payment failed: upstream db-\d refused connection after \d retries$/);
    assert.equal(sum(table.map((r) => r.count)), PUSHED.length, 'every line is in one pattern');
  });

  it('logPatterns series: per-minute counts that add up to the table and sit where the lines were pushed', async () => {
    const [table] = await query({ queryType: 'logPatterns' });
    const byId = new Map(rows(table).map((r) => [r.pattern, r]));
    const frames = await query({ queryType: 'logPatterns', output: 'series', topPatterns: 10 });
    assert.equal(frames.length, byId.size);
    for (const f of frames) {
      const id = f.schema.fields[1].labels?.pattern;
      assert.ok(id && byId.has(id), `series labelled with a pattern of the table (${id})`);
      assert.equal(sum(f.data.values[1]), byId.get(id)!.count, `${id}: the series adds up to the table's count`);
    }
    const payment = frames.find((f) => /payment failed/.test(f.schema.name ?? ''));
    assert.ok(payment, 'a series for the burst');
    const times = payment.data.values[0] as number[];
    const counts = payment.data.values[1] as number[];
    assert.equal(times[1] - times[0], MIN);
    const nonZero = times.filter((_, i) => counts[i] > 0);
    assert.deepEqual(nonZero, [T0 + 17 * MIN, T0 + 18 * MIN], 'the burst spans minutes 17 and 18');
  });

  it('logLevels: lines per level and an error ratio that rises with the burst', async () => {
    const frames = await query({ queryType: 'logLevels' });
    const level = (name: string) => frames.find((f) => f.schema.fields[1].labels?.level === name);
    assert.equal(sum(level('error')!.data.values[1]), EXPECTED.payment);
    assert.equal(sum(level('warning')!.data.values[1]), EXPECTED.slow);
    const lineFrames = frames.filter((f) => f.schema.fields[1].labels?.level !== 'error_ratio');
    assert.equal(sum(lineFrames.flatMap((f) => f.data.values[1])), PUSHED.length, 'each line has one level');
    const ratio = level('error_ratio')!;
    const times = ratio.data.values[0] as number[];
    const values = ratio.data.values[1] as Array<number | null>;
    const at = (t: number) => values[times.indexOf(t)];
    assert.equal(at(T0 + 10 * MIN), 0);
    const perMinute = PUSHED.filter((p) => p.timeMs >= T0 + 18 * MIN && p.timeMs < T0 + 19 * MIN);
    const errors = perMinute.filter((p) => p.line.startsWith('ERROR')).length;
    assert.ok(Math.abs((at(T0 + 18 * MIN) as number) - errors / perMinute.length) < 1e-9, `minute 18: ${errors} of ${perMinute.length} lines are errors`);
  });

  it('logAnomalies: the burst is a new pattern in the api service, with its lines as evidence', async () => {
    const [frame] = await query({ queryType: 'logAnomalies', groupBy: 'svc', window: '4m' });
    assert.equal(frame.schema.meta.custom.windowStart, new Date(T0 + 17 * MIN).toISOString());
    const table = rows(frame);
    const hit = table.find((r) => r.kind === 'new' && /payment failed/.test(r.template));
    assert.ok(hit, `a new-pattern anomaly for the burst: ${JSON.stringify(table.map((r) => [r.kind, r.svc, r.template]))}`);
    assert.equal(hit.svc, 'api');
    assert.equal(hit['window count'], EXPECTED.payment);
    assert.equal(hit['baseline count'], 0);
    const evidence = (hit.evidence as string).split('\n');
    assert.ok(evidence.length > 0);
    for (const e of evidence) assert.match(e, /^\d{4}-\d\d-\d\dT\S+Z ERROR payment failed: upstream db-\d/);
    // The steady traffic is not flagged as new.
    assert.ok(!table.some((r) => r.kind === 'new' && /returned 200|logged in|slow page/.test(r.template)), 'no steady pattern is new');
  });

  it('reports the line cap in the frame metadata and a notice when it cuts the read', async () => {
    const [frame] = await query({ queryType: 'logPatterns', maxLines: 100 });
    const custom = frame.schema.meta.custom;
    assert.equal(custom.capped, true);
    assert.equal(custom.maxLines, 100);
    assert.equal(custom.linesRead, 100);
    assert.ok(custom.cappedSlices >= 1);
    assert.equal(sum(rows(frame).map((r) => r.count)), 100);
    const notices = frame.schema.meta.notices as Array<{ severity: string; text: string }>;
    assert.ok(notices.some((n) => n.severity === 'warning' && /Read 100 lines, the cap of 100/.test(n.text)), JSON.stringify(notices));
  });
});
