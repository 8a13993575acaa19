import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSettings } from '../../../backend/plugin/settings';
import { parseLogAnomaliesQuery } from '../../../backend/plugin/query/log-anomalies';
import { parseLogMetricLinkQuery } from '../../../backend/plugin/query/log-metric-link';
import { streamSelector } from '../../../backend/plugin/query/log-miners';
import { parseLogPatternsQuery } from '../../../backend/plugin/query/log-patterns';
import type { DataSourceInstanceSettings } from '../../../backend/protocol/types';

const raw = (jsonData: unknown, secure: Record<string, string> = {}): DataSourceInstanceSettings => ({
  id: 1, uid: 'u', name: 'n', url: '', user: '', database: '', basicAuthEnabled: false, basicAuthUser: '',
  jsonData: Buffer.from(JSON.stringify(jsonData)), decryptedSecureJsonData: secure, lastUpdatedMS: 1, apiVersion: '',
});

describe('Loki settings', () => {
  it('reads the Loki URL, auth and tenant', () => {
    const s = parseSettings(raw({ lokiUrl: 'http://l:3100', lokiAuth: 'basic', lokiUser: 'u', lokiTenant: 'team-a' }, { lokiPassword: 'pw' }));
    assert.deepEqual(s.loki, { url: 'http://l:3100', auth: { basic: { user: 'u', password: 'pw' }, headers: { 'X-Scope-OrgID': 'team-a' } } });
    assert.deepEqual(parseSettings(raw({ lokiUrl: 'http://l', lokiAuth: 'bearer' }, { lokiBearerToken: 't' })).loki?.auth, { bearerToken: 't' });
    assert.equal(parseSettings(raw({})).loki, undefined);
    assert.throws(() => parseSettings(raw({ lokiUrl: 'http://l', lokiAuth: 'bearer' })), /Loki bearer auth is selected but no token/);
  });
});

describe('log query models', () => {
  it('need a LogQL log query and check their options', () => {
    assert.throws(() => parseLogPatternsQuery({}), /logql is required/);
    assert.throws(() => parseLogPatternsQuery({ logql: 'rate({a="b"}[1m])' }), /starts with a stream selector/);
    assert.throws(() => parseLogPatternsQuery({ logql: '{a="b"}', groupBy: 'not a label' }), /groupBy must be a label name/);
    assert.throws(() => parseLogPatternsQuery({ logql: '{a="b"}', maxLines: 5_000_000 }), /maxLines must be a whole number between 1 and 1000000/);
    const m = parseLogPatternsQuery({ logql: '{a="b"}', groupBy: 'service' });
    assert.equal(m.maxLines, 20_000);
    assert.equal(m.output, 'table');
    assert.equal(m.topPatterns, 20);
  });

  it('read the anomaly window and threshold', () => {
    const m = parseLogAnomaliesQuery({ logql: '{a="b"}', window: '10m' });
    assert.equal(m.windowMs, 600_000);
    assert.equal(m.threshold, 0.5);
    assert.throws(() => parseLogAnomaliesQuery({ logql: '{a="b"}', threshold: 1 }), /threshold must be a score in \(0, 1\)/);
  });

  it('read the metric anomaly window as ISO, epoch ms or now-relative times', () => {
    const now = Date.UTC(2026, 0, 7, 14, 0, 0);
    const iso = parseLogMetricLinkQuery({ logql: '{a="b"}', anomalyStart: '2026-01-07T13:50:00Z', anomalyEnd: String(now), margin: '1m' }, now);
    assert.deepEqual(iso.window, { startMs: now - 600_000, endMs: now, marginMs: 60_000 });
    const rel = parseLogMetricLinkQuery({ logql: '{a="b"}', anomalyStart: 'now-20m', anomalyEnd: 'now-10m' }, now);
    assert.deepEqual([rel.window.startMs, rel.window.endMs], [now - 1_200_000, now - 600_000]);
    assert.throws(() => parseLogMetricLinkQuery({ logql: '{a="b"}', anomalyStart: 'now', anomalyEnd: 'now-5m' }, now), /anomalyEnd must be after anomalyStart/);
    assert.throws(() => parseLogMetricLinkQuery({ logql: '{a="b"}', anomalyStart: 'yesterday', anomalyEnd: 'now' }, now), /anomalyStart must be an ISO time/);
  });

  it('keep one miner per stream selector, whatever the line filters', () => {
    assert.equal(streamSelector('{job="x", service="a b"} |= "err" | json'), '{job="x",service="a b"}');
    assert.equal(streamSelector('{job="x"}'), streamSelector('{job="x"} != "debug"'));
  });
});
