import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { combineRisk, riskByService, type ServiceSignal } from '../../../backend/analyzers/risk/risk';

const signal = (service: string, kind: ServiceSignal['kind'], value: number, source = 'm'): ServiceSignal => ({ service, kind, value, source, detail: '' });

describe('combineRisk', () => {
  it('combines signals by noisy-OR and lists them strongest first', () => {
    const r = combineRisk([signal('a', 'anomaly', 0.5), signal('a', 'crossing', 0.6)]);
    // 1 − (1 − 0.6)(1 − 0.6 × 0.5) = 1 − 0.4 × 0.7
    assert.ok(Math.abs(r.risk - 0.72) < 1e-12);
    assert.deepEqual(r.contributions.map((c) => c.kind), ['crossing', 'anomaly']);
    assert.ok(Math.abs(r.contributions[1].contribution - 0.3) < 1e-12);
  });

  it('is 0 with no signal, 1 with a certain one, and never leaves [0, 1]', () => {
    assert.equal(combineRisk([]).risk, 0);
    assert.equal(combineRisk([signal('a', 'crossing', 1), signal('a', 'anomaly', 0.9)]).risk, 1);
    const r = combineRisk([signal('a', 'capacity', 7), signal('a', 'crossing', -3)]);
    assert.equal(r.risk, 1);
    assert.deepEqual(r.contributions.map((c) => c.value), [1, 0]);
  });

  it('leaves out readings that are not numbers and refuses weights outside [0, 1]', () => {
    const r = combineRisk([signal('a', 'crossing', NaN), signal('a', 'anomaly', 0.5)]);
    assert.equal(r.contributions.length, 1);
    assert.ok(Math.abs(r.risk - 0.3) < 1e-12);
    assert.throws(() => combineRisk([signal('a', 'crossing', 0.5)], { crossing: 2 }), /weight of crossing signals must be in \[0, 1\]/);
  });
});

describe('riskByService', () => {
  it('counts only the strongest signal of each kind per service, and ranks services', () => {
    const rows = riskByService([
      ...Array.from({ length: 100 }, (_, i) => signal('api', 'crossing', 0.1, `pod${i}`)),
      signal('db', 'crossing', 0.2, 'db0'),
      signal('db', 'crossing', 0.9, 'db1'),
      signal('db', 'capacity', NaN, 'db1'),
    ]);
    assert.deepEqual(rows.map((r) => r.service), ['db', 'api']);
    assert.ok(Math.abs(rows[1].risk - 0.1) < 1e-12, 'a hundred weak pods are one weak reading');
    assert.ok(Math.abs(rows[0].risk - 0.9) < 1e-12);
    assert.equal(rows[0].contributions[0].source, 'db1');
  });
});
