// The Loki client's paging and budget against a small in-process HTTP server that answers
// query_range as Loki does (forward direction, inclusive start, at most `limit` lines).

import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { LokiClient } from '../../../backend/sources/loki/client';

const BASE_NS = 1_700_000_000_000n * 1_000_000n;
// 12,000 lines in two streams, three lines sharing each timestamp (so pages split inside a timestamp).
const LINES = Array.from({ length: 12_000 }, (_, i) => ({ t: BASE_NS + BigInt(Math.floor(i / 3)) * 1_000_000n, stream: i % 2 ? 'b' : 'a', line: `line ${i}` }));

let server: Server;
let url = '';
const requests: URLSearchParams[] = [];

before(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const p = new URLSearchParams(body);
      requests.push(p);
      if (p.get('query') === 'bad') {
        res.writeHead(400, { 'content-type': 'text/plain' }).end('parse error at line 1, col 1: syntax error: unexpected IDENTIFIER');
        return;
      }
      const start = BigInt(p.get('start')!);
      const end = BigInt(p.get('end')!);
      const limit = Number(p.get('limit'));
      const hits = LINES.filter((l) => l.t >= start && l.t < end).slice(0, limit);
      const streams = ['a', 'b'].map((s) => ({ stream: { s }, values: hits.filter((h) => h.stream === s).map((h) => [String(h.t), h.line]) }));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'success', data: { resultType: 'streams', result: streams } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
after(() => server.close());

const range = { startMs: 1_700_000_000_000, endMs: 1_700_000_000_000 + 4000 };

describe('Loki client', () => {
  it('pages past the per-query limit without losing or repeating a line', async () => {
    const read = await new LokiClient(url).readStreams('{s=~".+"}', range, { maxLines: 100_000, pageSize: 1000, slices: 1 });
    assert.equal(read.entries.length, 12_000);
    assert.equal(new Set(read.entries.map((e) => e.line)).size, 12_000);
    assert.equal(read.capped, false);
    assert.ok(read.requests >= 12, `${read.requests} requests`);
    assert.ok(read.entries.every((e, i) => i === 0 || e.timeMs >= read.entries[i - 1].timeMs), 'oldest first');
  });

  it('shares a line budget across time slices and reports the cap', async () => {
    const read = await new LokiClient(url).readStreams('{s=~".+"}', range, { maxLines: 4000, pageSize: 500, slices: 4 });
    assert.equal(read.entries.length, 4000);
    assert.equal(read.capped, true);
    assert.equal(read.cappedSlices, 4);
    // Every quarter of the range is represented, not only the first.
    const last = read.entries[read.entries.length - 1].timeMs;
    assert.ok(last >= range.startMs + 3000, `last line at +${last - range.startMs} ms`);
  });

  it('passes Loki\'s own error text through', async () => {
    await assert.rejects(new LokiClient(url).readStreams('bad', range, { maxLines: 10 }), /Loki: parse error at line 1, col 1/);
  });
});
