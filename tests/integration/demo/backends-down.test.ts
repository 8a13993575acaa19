// Telemetry shipping must never hurt the services: with Loki and the OTLP receiver unreachable
// the demo serves as usual and counts what it could not send; Loki answering errors makes the
// log shipper retry with backoff, keep lines in a bounded buffer, and deliver once Loki is back.

import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { Registry } from 'prom-client';
import { startDemo } from '../../../demo/system';
import { LokiPusher } from '../../../demo/telemetry/loki-pusher';
import { freePort } from '../../../scripts/stack/processes';
import { metricValue, until, WEDNESDAY_14H } from './support';

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => resolve(text));
  });
}

describe('when the backends are down', () => {
  it('the demo keeps serving and counts lost spans and log pushes', { timeout: 60_000 }, async () => {
    const closed = await freePort(); // nothing listens there: connections are refused
    const demo = await startDemo({
      portBase: 0,
      controlPort: 0,
      lokiUrl: `http://127.0.0.1:${closed}`,
      otlpUrl: `http://127.0.0.1:${closed}`,
      groundTruthFile: null,
      load: { peakRps: 20, simStart: WEDNESDAY_14H, durationMs: 60_000 },
    });
    try {
      const self = await until(
        'failed pushes and exports to be counted',
        async () => {
          const text = await (await fetch(`${demo.controlUrl}/metrics`)).text();
          return (metricValue(text, 'demo_log_push_failures_total') ?? 0) >= 1 && (metricValue(text, 'demo_spans_failed_total') ?? 0) >= 1 ? text : undefined;
        },
        30_000,
      );
      const load = demo.loadStatus()!;
      assert.ok(load.ok > 20 && load.failed === 0, `requests still served: ${JSON.stringify(load)}`);
      assert.equal(metricValue(self, 'demo_log_lines_pushed_total'), 0);
      assert.ok((metricValue(self, 'demo_log_lines_buffered') ?? 0) > 0, 'lines wait for Loki');
      console.log(
        `backends down: ${load.ok} requests served; ${metricValue(self, 'demo_log_push_failures_total')} failed pushes, ` +
          `${metricValue(self, 'demo_log_lines_buffered')} lines buffered, ${metricValue(self, 'demo_spans_failed_total')} spans lost`,
      );
    } finally {
      await demo.stop();
    }
  });

  it('Loki answering 503 is retried with backoff, and the lines arrive once it recovers', { timeout: 30_000 }, async () => {
    let healthy = false;
    const attempts: number[] = [];
    const received: string[] = [];
    const loki = createServer(async (req, res) => {
      const text = await body(req);
      attempts.push(Date.now());
      if (!healthy) {
        res.writeHead(503).end('ingester not ready');
        return;
      }
      assert.equal(req.url, '/loki/api/v1/push');
      const push = JSON.parse(text) as { streams: Array<{ stream: Record<string, string>; values: Array<[string, string]> }> };
      for (const s of push.streams) {
        received.push(...s.values.map(([, line]) => `${s.stream.service}:${line}`));
      }
      res.writeHead(204).end();
    });
    await new Promise<void>((r) => loki.listen(0, '127.0.0.1', r));
    const registry = new Registry();
    const pusher = new LokiPusher({ url: `http://127.0.0.1:${(loki.address() as AddressInfo).port}`, intervalMs: 100, maxBufferedLines: 50, registry });
    try {
      for (let i = 0; i < 80; i++) {
        pusher.push({ job: 'foresight-demo', service: 'db', level: 'info' }, `line ${i}`);
      }
      await new Promise((r) => setTimeout(r, 1500));
      // backoff: 100, 200, 400, 800 ms … so only a handful of attempts in 1.5 s
      assert.ok(attempts.length >= 2 && attempts.length <= 6, `${attempts.length} attempts`);
      assert.equal(pusher.stats.droppedLines, 30, 'the oldest 30 lines did not fit in the buffer of 50');
      healthy = true;
      await until('the buffered lines to arrive', async () => (received.length === 50 ? true : undefined), 15_000, 100);
      assert.equal(received[0], 'db:line 30');
      assert.equal(received[49], 'db:line 79');
      const text = await registry.metrics();
      assert.equal(metricValue(text, 'demo_log_lines_pushed_total'), 50);
      assert.equal(metricValue(text, 'demo_log_lines_dropped_total', { reason: 'buffer_full' }), 30);
    } finally {
      await pusher.close(500);
      loki.close();
    }
  });
});
