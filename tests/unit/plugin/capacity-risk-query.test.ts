import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCapacityQuery } from '../../../backend/plugin/query/capacity';
import { matchLimit } from '../../../backend/plugin/query/limits';
import { parseRiskQuery } from '../../../backend/plugin/query/risk';

describe('capacity query', () => {
  it('reads a constant limit, a percentage target and replicas', () => {
    const m = parseCapacityQuery({ expr: 'mem', limit: '2048', target: 75, replicas: 3, horizon: '6h' });
    assert.equal(m.limit, 2048);
    assert.equal(m.target, 0.75);
    assert.equal(m.replicas, 3);
    assert.equal(m.horizonMs, 6 * 3_600_000);
    assert.equal(m.output, 'table');
    assert.equal(m.alertValue, 'timeToExhaustion');
  });

  it('names what is missing or wrong', () => {
    assert.throws(() => parseCapacityQuery({ expr: 'mem' }), /a limit is required/);
    assert.throws(() => parseCapacityQuery({ expr: 'mem', limit: 1, limitExpr: 'x' }), /either limit or limitExpr/);
    assert.throws(() => parseCapacityQuery({ expr: 'mem', limit: -1 }), /limit must be a positive number/);
    assert.throws(() => parseCapacityQuery({ expr: 'mem', limit: 'lots' }), /limit must be a number/);
    assert.throws(() => parseCapacityQuery({ expr: 'mem', limit: 1, target: 0 }), /target must be a fraction/);
    assert.throws(() => parseCapacityQuery({ expr: 'mem', limit: 1, target: 150 }), /target must be a fraction/);
    assert.throws(() => parseCapacityQuery({ expr: 'mem', limit: 1, replicas: 0 }), /replicas must be a whole number/);
    assert.throws(() => parseCapacityQuery({ limit: 1 }), /expr is required/);
    assert.throws(() => parseCapacityQuery({ expr: 'mem', limit: 1, alertValue: 'soon' }), /alertValue must be one of/);
  });
});

describe('matchLimit', () => {
  const limits = [
    { labels: { __name__: 'limit', pod: 'a', container: 'app' }, value: 10 },
    { labels: { __name__: 'limit', pod: 'b', container: 'app' }, value: 20 },
  ];
  it('pairs usage with the limit whose shared labels agree', () => {
    assert.deepEqual(matchLimit({ __name__: 'usage', pod: 'b' }, limits), { value: 20 });
    assert.deepEqual(matchLimit({ pod: 'x' }, [{ labels: { node: 'n1' }, value: 5 }]), { value: 5 }, 'a single limit applies to all');
  });
  it('says why there is no limit', () => {
    assert.match((matchLimit({ pod: 'c' }, limits) as { problem: string }).problem, /no limit series has matching labels/);
    assert.match((matchLimit({ container: 'app' }, limits) as { problem: string }).problem, /2 limit series match equally well/);
  });
});

describe('risk query', () => {
  it('reads each signal with its own query type’s rules', () => {
    const m = parseRiskQuery({ expr: 'latency', threshold: 0.5, usageExpr: 'mem', limit: 100, anomalyExpr: 'errors', groupBy: 'job', horizon: '30m' });
    assert.equal(m.groupBy, 'job');
    assert.equal(m.crossing?.threshold, 0.5);
    assert.equal(m.crossing?.horizonMs, 1_800_000);
    assert.equal(m.capacity?.expr, 'mem');
    assert.equal(m.capacity?.limit, 100);
    assert.equal(m.anomaly?.expr, 'errors');
    assert.equal(m.anomalyWindowMs, 900_000);
  });

  it('needs at least one signal, and refuses a bad label or a half-given signal', () => {
    assert.throws(() => parseRiskQuery({}), /at least one signal/);
    assert.throws(() => parseRiskQuery({ anomalyExpr: 'x', groupBy: 'not a label' }), /groupBy must be a label name/);
    assert.throws(() => parseRiskQuery({ expr: 'latency' }), /threshold is required/);
    assert.throws(() => parseRiskQuery({ usageExpr: 'mem' }), /a limit is required/);
  });
});
