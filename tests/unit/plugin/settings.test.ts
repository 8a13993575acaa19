import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSettings } from '../../../backend/plugin/settings';
import type { DataSourceInstanceSettings } from '../../../backend/protocol/types';

const raw = (jsonData: unknown, secure: Record<string, string> = {}): DataSourceInstanceSettings => ({
  id: 1, uid: 'u', name: 'n', url: '', user: '', database: '', basicAuthEnabled: false, basicAuthUser: '',
  jsonData: Buffer.from(typeof jsonData === 'string' ? jsonData : JSON.stringify(jsonData)),
  decryptedSecureJsonData: secure, lastUpdatedMS: 1, apiVersion: '',
});

describe('datasource settings', () => {
  it('reads the Prometheus URL and auth from jsonData and secureJsonData', () => {
    const s = parseSettings(raw({ prometheusUrl: 'http://p:9090', prometheusAuth: 'basic', prometheusUser: 'u' }, { prometheusPassword: 'pw' }));
    assert.deepEqual(s.prometheus, { url: 'http://p:9090', auth: { basic: { user: 'u', password: 'pw' } } });
    const b = parseSettings(raw({ prometheusUrl: 'http://p', prometheusAuth: 'bearer' }, { prometheusBearerToken: 't' }));
    assert.deepEqual(b.prometheus?.auth, { bearerToken: 't' });
  });

  it('explains each invalid setting', () => {
    assert.throws(() => parseSettings(raw('{nope')), /not valid JSON/);
    assert.throws(() => parseSettings(raw({ prometheusUrl: 'http://p', prometheusAuth: 'basic' })), /no user/);
    assert.throws(() => parseSettings(raw({ prometheusUrl: 'http://p', prometheusAuth: 'bearer' })), /no token/);
    assert.throws(() => parseSettings(raw({ maxSeries: -3 })), /maxSeries must be a number/);
    assert.throws(() => parseSettings(raw({ prometheusUrl: 'http://p', prometheusAuth: 'kerberos' })), /unknown Prometheus auth mode/);
  });

  it('reads Tempo with its tenant as X-Scope-OrgID, and explains its auth errors', () => {
    const t = parseSettings(raw({ tempoUrl: ' http://t:3200 ', tempoAuth: 'bearer', tempoTenant: 'team-a' }, { tempoBearerToken: 'tok' }));
    assert.deepEqual(t.tempo, { url: 'http://t:3200', auth: { bearerToken: 'tok', headers: { 'X-Scope-OrgID': 'team-a' } } });
    assert.deepEqual(parseSettings(raw({ tempoUrl: 'http://t' })).tempo, { url: 'http://t', auth: undefined });
    assert.equal(parseSettings(raw({ prometheusUrl: 'http://p' })).tempo, undefined);
    assert.throws(() => parseSettings(raw({ tempoUrl: 'http://t', tempoAuth: 'basic' })), /Tempo basic auth is selected but no user/);
    assert.throws(() => parseSettings(raw({ tempoUrl: 'http://t', tempoAuth: 'digest' })), /unknown Tempo auth mode "digest"/);
  });

  it('has no Prometheus when no URL is set', () => {
    assert.equal(parseSettings(raw({})).prometheus, undefined);
    assert.equal(parseSettings(raw('')).maxSeries, 500);
  });
});

describe('datasource instance', () => {
  it('reports a malformed Prometheus URL as a settings error', async () => {
    const { DatasourceInstance } = await import('../../../backend/plugin/instance');
    const { SettingsError } = await import('../../../backend/plugin/settings');
    assert.throws(() => new DatasourceInstance(raw({ prometheusUrl: 'ftp://p' })), (err) => err instanceof SettingsError && /must start with http/.test(err.message));
    assert.throws(() => new DatasourceInstance(raw({ prometheusUrl: 'http://' })), SettingsError);
  });
});
