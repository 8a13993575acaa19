import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectLogAnomalies } from '../../../../backend/analyzers/logs/anomalies';
import { countChange, logPoissonUpper } from '../../../../backend/analyzers/logs/change';
import { linkPatternsToWindow } from '../../../../backend/analyzers/logs/metric-link';
import { TemplateMiner } from '../../../../backend/analyzers/logs/miner';
import { mineRecords, type LogRecord } from '../../../../backend/analyzers/logs/patterns';

const STEP = 10_000;
const buckets = { startMs: 0, stepMs: STEP, count: 60 };

/** Ten minutes of a steady service, with `extra` lines added. */
function stream(extra: LogRecord[] = []): LogRecord[] {
  const out: LogRecord[] = [];
  for (let t = 0; t < 600_000; t += 1000) {
    out.push({ timeMs: t, line: `{"level":"info","service":"gateway","msg":"request served","route":"/api/cart","ms":${(t / 1000) % 40}}`, labels: { service: 'gateway' } });
    if (t % 5000 === 0) out.push({ timeMs: t, line: `{"level":"info","service":"payments","msg":"charge ok","amount":${t % 97}}`, labels: { service: 'payments' } });
    if (t % 60_000 === 0) out.push({ timeMs: t, line: `{"level":"error","service":"payments","msg":"card network slow","ms":${t % 900}}`, labels: { service: 'payments' } });
  }
  return [...out, ...extra].sort((a, b) => a.timeMs - b.timeMs);
}

const burst = (from: number, to: number, every: number, line: (t: number) => string, service: string): LogRecord[] => {
  const out: LogRecord[] = [];
  for (let t = from; t < to; t += every) out.push({ timeMs: t, line: line(t), labels: { service } });
  return out;
};

describe('Poisson change score', () => {
  it('agrees with a direct sum of the tail', () => {
    let direct = 0;
    for (let k = 0; k < 8; k++) direct += Math.exp(-3) * 3 ** k / [1, 1, 2, 6, 24, 120, 720, 5040][k];
    assert.ok(Math.abs(Math.exp(logPoissonUpper(8, 3)) - (1 - direct)) < 1e-9);
  });

  it('scores a tenfold rise high and an unchanged rate near zero', () => {
    assert.ok(countChange(60, 600_000, 100, 100_000).score > 0.9);
    assert.ok(countChange(60, 600_000, 10, 100_000).score < 0.3);
    assert.equal(countChange(60, 600_000, 0, 100_000).direction, 'down');
  });
});

describe('log anomalies', () => {
  it('a steady stream has none', () => {
    const mined = mineRecords(stream(), new TemplateMiner(), { buckets, groupBy: 'service' });
    assert.deepEqual(detectLogAnomalies(mined, { windowStartIndex: 45 }), []);
  });

  it('an error burst in one service is a new pattern and an error-ratio surge there, with evidence', () => {
    const errors = burst(480_000, 540_000, 500, (t) => `{"level":"error","service":"payments","msg":"db pool exhausted","waited_ms":${t % 3000}}`, 'payments');
    const mined = mineRecords(stream(errors), new TemplateMiner(), { buckets, groupBy: 'service' });
    const found = detectLogAnomalies(mined, { windowStartIndex: 45 });
    const fresh = found.find((a) => a.kind === 'new');
    assert.ok(fresh, JSON.stringify(found.map((a) => a.kind)));
    assert.equal(fresh.group, 'payments');
    assert.match(fresh.template!, /^db pool exhausted service=payments waited_ms=<\*>$/);
    assert.equal(fresh.windowCount, 120);
    assert.ok(fresh.evidence.length > 0 && fresh.evidence.every((e) => e.line.includes('db pool exhausted') && e.timeMs >= 450_000));
    const surge = found.find((a) => a.kind === 'errorRatio');
    assert.equal(surge?.group, 'payments');
    assert.ok(!found.some((a) => a.group === 'gateway'), 'the healthy service is not flagged');
  });

  it('a pattern that spikes and one that stops are a spike and a drop', () => {
    const slow = burst(460_000, 600_000, 2000, (t) => `{"level":"error","service":"payments","msg":"card network slow","ms":${t % 900}}`, 'payments');
    const records = stream(slow).filter((r) => !(r.labels.service === 'gateway' && r.timeMs >= 450_000));
    const mined = mineRecords(records, new TemplateMiner(), { buckets, groupBy: 'service' });
    const found = detectLogAnomalies(mined, { windowStartIndex: 45 });
    assert.ok(found.some((a) => a.kind === 'spike' && a.group === 'payments' && /card network slow/.test(a.template!)), JSON.stringify(found.map((a) => [a.kind, a.group, a.template])));
    assert.ok(found.some((a) => a.kind === 'drop' && a.group === 'gateway'));
  });

  it('a window that leaves no baseline is refused', () => {
    const mined = mineRecords(stream(), new TemplateMiner(), { buckets });
    assert.throws(() => detectLogAnomalies(mined, { windowStartIndex: 0 }), /at least one baseline bucket/);
  });
});

describe('patterns around a metric anomaly', () => {
  it('ranks the pattern that changed in the window first', () => {
    const errors = burst(300_000, 360_000, 1000, (t) => `{"level":"error","service":"payments","msg":"upstream timeout","after_ms":${t % 500}}`, 'payments');
    const mined = mineRecords(stream(errors), new TemplateMiner(), { buckets, groupBy: 'service' });
    const ranked = linkPatternsToWindow(mined, { windowStartMs: 310_000, windowEndMs: 350_000, marginMs: 10_000 });
    assert.match(ranked[0].template, /^upstream timeout/);
    assert.equal(ranked[0].direction, 'new');
    assert.ok(ranked[0].score > 0.9);
    assert.ok(ranked[0].evidence.length > 0);
    assert.ok(ranked.slice(1).every((r) => r.score < ranked[0].score));
    assert.throws(() => linkPatternsToWindow(mined, { windowStartMs: 0, windowEndMs: 10_000 }), /no history before/);
  });
});
