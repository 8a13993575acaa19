import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { HttpClient, UpstreamError } from '../../../backend/sources/http';
import { PrometheusClient } from '../../../backend/sources/prometheus/client';

// A local HTTP server scripted per test: it stands in for an upstream's failure modes, which a
// real Prometheus cannot be made to produce on demand (503 then recovery, a 100 MB body).
let handler: (req: IncomingMessage, res: ServerResponse) => void = () => {};
let server: Server;
let base: string;

before(async () => {
  server = createServer((req, res) => handler(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
after(() => server.close());

const fastPolicy = { timeoutMs: 5000, retries: 2, backoffMs: 10, maxResponseBytes: 1024 };

describe('HttpClient', () => {
  it('retries 503 and 429 with backoff, then succeeds', async () => {
    let calls = 0;
    handler = (_req, res) => {
      calls++;
      if (calls === 1) return void res.writeHead(503).end('busy');
      if (calls === 2) return void res.writeHead(429, { 'Retry-After': '0' }).end('slow down');
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
    };
    const res = await new HttpClient('Up', base, undefined, fastPolicy).json<{ ok: boolean }>('/x');
    assert.deepEqual(res.data, { ok: true });
    assert.equal(calls, 3);
  });

  it('gives up after the retries and reports the last status', async () => {
    let calls = 0;
    handler = (_req, res) => {
      calls++;
      res.writeHead(502).end();
    };
    const res = await new HttpClient('Up', base, undefined, fastPolicy).request('/x');
    assert.equal(res.status, 502);
    assert.equal(calls, 3);
  });

  it('does not retry a 400', async () => {
    let calls = 0;
    handler = (_req, res) => {
      calls++;
      res.writeHead(400).end('{}');
    };
    await new HttpClient('Up', base, undefined, fastPolicy).request('/x');
    assert.equal(calls, 1);
  });

  it('refuses a response over the byte cap, declared or streamed', async () => {
    handler = (_req, res) => res.writeHead(200, { 'Content-Length': '5000' }).end('x'.repeat(5000));
    await assert.rejects(new HttpClient('Up', base, undefined, fastPolicy).request('/x'), (e) => e instanceof UpstreamError && e.kind === 'too-large');
    handler = (_req, res) => {
      res.writeHead(200);
      for (let i = 0; i < 10; i++) res.write('y'.repeat(500));
      res.end();
    };
    await assert.rejects(new HttpClient('Up', base, undefined, fastPolicy).request('/x'), /exceeds the 1024-byte limit/);
  });

  it('keeps its deadline against an upstream that never answers', async () => {
    handler = () => {};
    const started = Date.now();
    await assert.rejects(
      new HttpClient('Up', base, undefined, { ...fastPolicy, timeoutMs: 300 }).request('/x'),
      (e) => e instanceof UpstreamError && e.kind === 'timeout' && e.responseStatus === 504,
    );
    assert.ok(Date.now() - started < 2000);
  });

  it('sends basic and bearer credentials and extra headers', async () => {
    const seen: Array<string | undefined> = [];
    handler = (req, res) => {
      seen.push(req.headers.authorization, req.headers['x-scope-orgid'] as string | undefined);
      res.writeHead(200).end('{}');
    };
    await new HttpClient('Up', base, { basic: { user: 'u', password: 'p' }, headers: { 'X-Scope-OrgID': 't1' } }, fastPolicy).request('/x');
    await new HttpClient('Up', base, { bearerToken: 'tok' }, fastPolicy).request('/x');
    assert.deepEqual(seen, ['Basic ' + Buffer.from('u:p').toString('base64'), 't1', 'Bearer tok', undefined]);
  });

  it('rejects URLs that are not http(s)', () => {
    assert.throws(() => new HttpClient('Up', 'ftp://x'), /must start with http/);
    assert.throws(() => new HttpClient('Up', 'not a url'), /not a valid URL/);
  });
});

describe('PrometheusClient', () => {
  it("passes Prometheus' own error message through", async () => {
    handler = (_req, res) =>
      res.writeHead(400, { 'Content-Type': 'application/json' }).end(JSON.stringify({ status: 'error', errorType: 'bad_data', error: '1:5: parse error: unexpected end of input' }));
    await assert.rejects(new PrometheusClient(base).query('rate(', 0), /Prometheus: bad_data: 1:5: parse error: unexpected end of input/);
  });

  it('explains a body that is not JSON (the URL points elsewhere)', async () => {
    handler = (_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>Grafana</html>');
    await assert.rejects(new PrometheusClient(base).labels(), /not JSON.*is the URL right/);
  });

  it('parses special sample values', async () => {
    handler = (_req, res) =>
      res.writeHead(200).end(
        JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric: { a: 'b' }, values: [[1, '+Inf'], [2, '-Inf'], [3, 'NaN'], [4, '1.5']] }] } }),
      );
    const { series } = await new PrometheusClient(base).queryRange('x', { startMs: 1000, endMs: 4000, stepMs: 1000 });
    assert.deepEqual(series[0].timestamps, [1000, 2000, 3000, 4000]);
    assert.deepEqual(series[0].values.slice(0, 2), [Infinity, -Infinity]);
    assert.ok(Number.isNaN(series[0].values[2]));
    assert.equal(series[0].values[3], 1.5);
  });

  it('refuses a range that asks more than 11,000 points per series before calling Prometheus', async () => {
    await assert.rejects(new PrometheusClient(base).queryRange('x', { startMs: 0, endMs: 20_000_000, stepMs: 1000 }), /Prometheus allows 11000/);
  });
});
