// Fault bookkeeping without servers: scheduling, expiry, cancelling, validation, the JSONL
// ground-truth log, how active faults combine into effects, and the connection pool.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { effectsOf } from '../../../demo/faults/effects';
import { FaultBook } from '../../../demo/faults/fault-book';
import { GroundTruthLog, readGroundTruth, type InjectionRecord } from '../../../demo/faults/ground-truth';
import { normalizeParams } from '../../../demo/faults/kinds';
import { ConnectionPool, PoolTimeoutError } from '../../../demo/services/db-pool';
import { parseDuration, parseSize } from '../../../demo/util/duration';

const dir = mkdtempSync(join(tmpdir(), 'foresight-fault-book-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const T0 = Date.UTC(2026, 0, 7, 12, 0, 0);

function book(name: string) {
  let now = T0;
  let n = 0;
  const file = join(dir, `${name}.jsonl`);
  const b = new FaultBook(new GroundTruthLog(file), () => now, () => `inj-${++n}`);
  const events: string[] = [];
  b.onChange((inj, e) => events.push(`${e} ${inj.id}`));
  return {
    b,
    file,
    events,
    at: (ms: number) => {
      now = T0 + ms;
      return b.tick(now);
    },
    records: () =>
      readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as InjectionRecord),
  };
}

describe('fault book', () => {
  it('starts an injection now and ends it when its duration is over', () => {
    const t = book('now');
    const inj = t.b.inject({ fault: 'latency', service: 'payments', params: { ms: 250 }, durationMs: 60_000 });
    assert.equal(inj.status, 'active');
    assert.equal(inj.start, new Date(T0).toISOString());
    assert.deepEqual(inj.params, { ms: 250, jitterMs: 50 });
    assert.deepEqual(t.b.active('payments').map((i) => i.id), ['inj-1']);
    assert.deepEqual(t.b.active('checkout'), []);
    assert.deepEqual(t.at(59_999), []);
    assert.deepEqual(t.at(60_000), [{ id: 'inj-1', event: 'ended' }]);
    const ended = t.b.get('inj-1')!;
    assert.equal(ended.status, 'ended');
    assert.equal(ended.endReason, 'expired');
    assert.equal(ended.end, new Date(T0 + 60_000).toISOString());
    assert.deepEqual(t.events, ['started inj-1', 'ended inj-1']);
    assert.deepEqual(
      t.records().map((r) => `${r.event} ${r.status} ${r.at}`),
      [`scheduled scheduled ${ended.start}`, `started active ${ended.start}`, `ended ended ${ended.end}`],
    );
  });

  it('waits for a scheduled start, and records the actual start', () => {
    const t = book('later');
    const inj = t.b.inject({ fault: 'error-burst', service: 'checkout', startAt: T0 + 30_000, durationMs: 10_000 });
    assert.equal(inj.status, 'scheduled');
    assert.equal(inj.start, null);
    assert.equal(inj.plannedEnd, new Date(T0 + 40_000).toISOString());
    assert.deepEqual(t.at(29_000), []);
    assert.deepEqual(t.b.active(), []);
    assert.deepEqual(t.at(30_250), [{ id: 'inj-1', event: 'started' }]);
    assert.equal(t.b.get('inj-1')!.start, new Date(T0 + 30_250).toISOString());
    t.at(40_000);
    assert.equal(t.b.get('inj-1')!.status, 'ended');
  });

  it('cancels active and scheduled injections, and says so in the log', () => {
    const t = book('cancel');
    t.b.inject({ fault: 'cpu-saturation', service: 'inventory', durationMs: null });
    t.b.inject({ fault: 'memory-leak', service: 'payments', startAt: T0 + 60_000, durationMs: 60_000 });
    t.at(5000);
    const a = t.b.cancel('inj-1');
    assert.equal(a.status, 'ended');
    assert.equal(a.endReason, 'cancelled');
    assert.equal(a.end, new Date(T0 + 5000).toISOString());
    const s = t.b.cancel('inj-2');
    assert.equal(s.status, 'cancelled');
    assert.equal(s.start, null);
    assert.throws(() => t.b.cancel('inj-1'), /already ended/);
    assert.throws(() => t.b.cancel('nope'), /no injection/);
    t.at(70_000);
    assert.deepEqual(t.b.active(), [], 'a cancelled schedule never starts');
    const gt = readGroundTruth(t.file);
    assert.deepEqual(
      gt.injections.map((i) => [i.id, i.status, i.endReason]),
      [
        ['inj-1', 'ended', 'cancelled'],
        ['inj-2', 'cancelled', 'cancelled'],
      ],
    );
  });

  it('an injection without a duration runs until cancelled; close() ends everything', () => {
    const t = book('close');
    t.b.inject({ fault: 'latency', service: 'db' });
    t.b.inject({ fault: 'latency', service: 'gateway', startAt: T0 + 1000 });
    t.at(24 * 3_600_000);
    assert.equal(t.b.active().length, 2);
    t.b.close();
    assert.deepEqual(
      t.b.list().map((i) => [i.status, i.endReason]),
      [
        ['ended', 'shutdown'],
        ['ended', 'shutdown'],
      ],
    );
  });

  it('rejects what cannot be injected', () => {
    const t = book('invalid');
    assert.throws(() => t.b.inject({ fault: 'pool-exhaustion', service: 'gateway' }), /no database connection pool/);
    assert.throws(() => t.b.inject({ fault: 'dependency-outage', service: 'checkout', params: { dependency: 'db' } }), /does not call "db"/);
    assert.throws(() => t.b.inject({ fault: 'dependency-outage', service: 'db' }), /calls no other service/);
    assert.throws(() => t.b.inject({ fault: 'latency', service: 'db', params: { seconds: 3 } }), /no parameter "seconds"/);
    assert.throws(() => t.b.inject({ fault: 'error-burst', service: 'db', params: { rate: 1.5 } }), /between 0 and 1/);
    assert.throws(() => t.b.inject({ fault: 'error-burst', service: 'db', params: { status: 200 } }), /HTTP error status/);
    assert.throws(() => t.b.inject({ fault: 'latency', service: 'db', params: { ms: 'lots' } }), /non-negative number/);
    assert.throws(() => t.b.inject({ fault: 'latency', service: 'db', startAt: T0 - 60_000 }), /in the past/);
    assert.throws(() => t.b.inject({ fault: 'latency', service: 'db', durationMs: 0 }), /positive/);
    assert.equal(t.b.list().length, 0, 'nothing is logged for a rejected injection');
  });

  it('fills defaults that depend on the service', () => {
    assert.deepEqual(normalizeParams('bad-release', 'payments'), { version: '2.8.0', errorRate: 0.2, latencyMs: 150 });
    assert.deepEqual(normalizeParams('dependency-outage', 'inventory'), { dependency: 'db', mode: 'refused' });
    assert.deepEqual(normalizeParams('memory-leak', 'checkout', { mbPerMinute: '120' }), { mbPerMinute: 120 });
  });
});

describe('effects of active faults', () => {
  const inj = (fault: string, params: Record<string, number | string>, start = T0) =>
    ({ id: 'x', fault, service: 's', params, start: new Date(start).toISOString() }) as never;

  it('combines overlapping faults', () => {
    const e = effectsOf(
      [
        inj('latency', { ms: 100, jitterMs: 10 }),
        inj('latency', { ms: 50, jitterMs: 0 }),
        inj('error-burst', { rate: 0.5, status: 503 }),
        inj('error-burst', { rate: 0.5, status: 503 }),
        inj('cpu-saturation', { cores: 1.5 }),
        inj('memory-leak', { mbPerMinute: 60 }),
        inj('dependency-outage', { dependency: 'payments', mode: 'timeout' }),
      ],
      T0,
    );
    assert.equal(e.extraLatencyMs, 150);
    assert.equal(e.errorRate, 0.75);
    assert.equal(e.errorStatus, 503);
    assert.equal(e.extraCpuCores, 1.5);
    assert.equal(e.leakBytesPerSecond, 1024 * 1024);
    assert.equal(e.brokenDependencies.get('payments'), 'timeout');
  });

  it('ramps a connection leak up over rampSeconds', () => {
    const active = [inj('pool-exhaustion', { fraction: 0.8, rampSeconds: 20 })];
    assert.equal(effectsOf(active, T0).poolLeakFraction, 0);
    assert.ok(Math.abs(effectsOf(active, T0 + 10_000).poolLeakFraction - 0.4) < 1e-9);
    assert.equal(effectsOf(active, T0 + 60_000).poolLeakFraction, 0.8);
    assert.equal(effectsOf([], T0).poolLeakFraction, 0);
  });
});

describe('connection pool', () => {
  it('queues when full, times out, and leaks only free connections', async () => {
    const pool = new ConnectionPool(2, 100);
    const a = await pool.acquire();
    await pool.acquire();
    assert.equal(pool.inUse, 2);
    const waiting = pool.acquire();
    assert.equal(pool.waiting, 1);
    a.release();
    const c = await waiting;
    assert.ok(c.waitedMs >= 0);
    await assert.rejects(pool.acquire(), (err: unknown) => err instanceof PoolTimeoutError && /pool 2\/2 in use/.test(err.message));
    c.release();
    c.release(); // twice is harmless
    assert.equal(pool.inUse, 1);
    pool.setLeaked(5);
    assert.equal(pool.leakedCount, 1, 'only the one free connection can leak');
    pool.resize(4);
    pool.setLeaked(5);
    assert.equal(pool.leakedCount, 3);
    pool.setLeaked(0);
    assert.equal(pool.inUse, 1);
    pool.reset();
    assert.equal(pool.inUse, 0);
    assert.throws(() => pool.resize(0), /positive integer/);
  });
});

describe('parsing', () => {
  it('durations and sizes', () => {
    assert.equal(parseDuration('250ms'), 250);
    assert.equal(parseDuration('1h30m'), 5_400_000);
    assert.equal(parseDuration('90'), 90_000);
    assert.throws(() => parseDuration('5 minutes'), /not a duration/);
    assert.equal(parseSize('256MB'), 256 * 2 ** 20);
    assert.equal(parseSize('1.5GiB'), 1.5 * 2 ** 30);
    assert.equal(parseSize(300), 300 * 2 ** 20);
    assert.throws(() => parseSize('big'), /not a size/);
  });
});
