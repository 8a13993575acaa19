import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { checkHealth } from '../../../backend/plugin/health';
import { DatasourceInstance } from '../../../backend/plugin/instance';
import type { DataSourceInstanceSettings } from '../../../backend/protocol/types';

const instance = (jsonData: Record<string, unknown>) =>
  new DatasourceInstance({
    id: 1, uid: 'u', name: 'n', url: '', user: '', database: '', basicAuthEnabled: false, basicAuthUser: '',
    jsonData: Buffer.from(JSON.stringify(jsonData)), decryptedSecureJsonData: {}, lastUpdatedMS: 1, apiVersion: '',
  } satisfies DataSourceInstanceSettings);

/** A loopback server answering fixed routes (path → status and body); anything else is a 404. */
async function serve(routes: Record<string, [number, unknown]>): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const route = routes[(req.url ?? '').split('?')[0]];
    const [status, body] = route ?? [404, '404 page not found'];
    res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json' });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const prometheusRoutes: Record<string, [number, unknown]> = {
  '/api/v1/status/buildinfo': [200, { status: 'success', data: { version: '2.53.0' } }],
  '/api/v1/query': [200, { status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [1, '1'] }] } }],
};

describe('"Save & test" over each configured upstream', () => {
  const servers: Server[] = [];
  let prometheus = '';
  let loki = '';
  let lokiStarting = '';
  let tempo = '';
  const signal = new AbortController().signal;

  before(async () => {
    const up = async (routes: Record<string, [number, unknown]>) => {
      const s = await serve(routes);
      servers.push(s.server);
      return s.url;
    };
    prometheus = await up(prometheusRoutes);
    loki = await up({ '/loki/api/v1/status/buildinfo': [200, { version: '3.1.0' }], '/ready': [200, 'ready'] });
    lokiStarting = await up({ '/loki/api/v1/status/buildinfo': [200, { version: '3.1.0' }], '/ready': [503, 'Ingester not ready: waiting for 15s after being ready'] });
    tempo = await up({ '/api/status/buildinfo': [200, { version: '2.5.0' }], '/ready': [200, 'ready'] });
  });

  after(() => servers.forEach((s) => s.close()));

  it('reports each upstream it checked, in one message', async () => {
    const res = await checkHealth(instance({ prometheusUrl: prometheus, lokiUrl: loki, tempoUrl: tempo }), signal);
    assert.equal(res.status, 'OK');
    assert.equal(
      res.message,
      `Prometheus 2.53.0 at ${prometheus} answers queries. Loki 3.1.0 at ${loki} is ready. Tempo 2.5.0 at ${tempo} is ready.`,
    );
    assert.deepEqual(Object.keys(res.details as object), ['prometheus', 'loki', 'tempo']);
  });

  it('checks only what is configured: Loki alone is enough', async () => {
    const res = await checkHealth(instance({ lokiUrl: loki }), signal);
    assert.equal(res.status, 'OK');
    assert.equal(res.message, `Loki 3.1.0 at ${loki} is ready.`);
  });

  it('names the upstream that is wrong, and says the others work', async () => {
    const unreachable = await checkHealth(instance({ prometheusUrl: prometheus, lokiUrl: 'http://127.0.0.1:9' }), signal);
    assert.equal(unreachable.status, 'ERROR');
    assert.match(unreachable.message, /^Loki failed: Loki at http:\/\/127\.0\.0\.1:9 is unreachable: ECONNREFUSED\. Check the URL and that Loki is running/);
    assert.match(unreachable.message, /\(Prometheus 2\.53\.0 at .* answers queries\.\)$/);

    // A Prometheus URL given as Loki's: Prometheus has no /loki/api/v1.
    const wrong = await checkHealth(instance({ prometheusUrl: prometheus, lokiUrl: prometheus }), signal);
    assert.match(wrong.message, /^Loki failed: Loki at \S+ has no \/loki\/api\/v1 endpoints \(HTTP 404\): the URL must be the Loki server root/);

    const starting = await checkHealth(instance({ lokiUrl: lokiStarting }), signal);
    assert.equal(starting.status, 'ERROR');
    assert.match(starting.message, /Loki is not ready \(HTTP 503: Ingester not ready: waiting for 15s/);

    const tempoWrong = await checkHealth(instance({ prometheusUrl: prometheus, lokiUrl: loki, tempoUrl: loki }), signal);
    assert.match(tempoWrong.message, /^Tempo failed: Tempo at \S+ has no \/api endpoints \(HTTP 404\)/);
    assert.match(tempoWrong.message, /Loki 3\.1\.0 at .* is ready\.\)$/);
  });

  it('names every upstream that is wrong', async () => {
    const res = await checkHealth(instance({ prometheusUrl: loki, lokiUrl: 'http://127.0.0.1:9' }), signal);
    assert.equal(res.status, 'ERROR');
    assert.match(res.message, /^Prometheus and Loki failed: Prometheus at \S+ has no \/api\/v1 endpoints .* Loki at http:\/\/127\.0\.0\.1:9 is unreachable/);
  });

  it('asks for at least one URL', async () => {
    await assert.rejects(checkHealth(instance({}), signal), /no Prometheus, Loki or Tempo URL is configured/);
  });
});
