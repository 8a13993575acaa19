// The plugin executable as a process: handshake, stdout discipline, bad input on every RPC,
// random requests, SIGINT, and Shutdown. Queries go to the real Prometheus of the test stack.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { pluginContext, startPlugin, type PluginProcess } from '../../harness/plugin-client';
import { testStack } from '../../harness/stack';
import { decodeFrames } from '../logs/frames';

const now = () => Date.now();
const query = (refId: string, json: unknown, extra: Record<string, unknown> = {}) => ({
  refId,
  queryType: '',
  maxDataPoints: 500,
  intervalMS: 1000,
  timeRange: { fromEpochMS: now() - 5 * 60_000, toEpochMS: now() },
  json: Buffer.from(typeof json === 'string' ? json : JSON.stringify(json)),
  ...extra,
});

describe('plugin process', () => {
  let plugin: PluginProcess;
  let prometheusUrl: string;
  let blackhole: Server;
  let blackholePort: number;

  before(async () => {
    const stack = testStack();
    prometheusUrl = stack.prometheusUrl;
    plugin = await startPlugin(stack.pluginExe);
    // A TCP server that accepts and never answers: a Prometheus that hangs.
    blackhole = createServer(() => {});
    await new Promise<void>((r) => blackhole.listen(0, '127.0.0.1', () => r()));
    blackholePort = (blackhole.address() as { port: number }).port;
  });

  after(() => {
    plugin?.close();
    blackhole?.close();
  });

  const ctx = () => pluginContext({ prometheusUrl, timeoutSeconds: 5 });
  const queryData = (queries: unknown[], context = ctx(), headers: Record<string, string> = {}) =>
    plugin.call<{ responses: Record<string, { error: string; status: number; errorSource: string; frames: Buffer[] }> }>(
      'pluginv2.Data',
      'QueryData',
      { pluginContext: context, headers, queries },
    );

  it('prints the go-plugin handshake first, then nothing more on stdout', async () => {
    assert.match(plugin.handshake, /^1\|2\|tcp\|127\.0\.0\.1:\d+\|grpc$/);
    await queryData([query('A', { queryType: 'forecast', expr: 'up', horizon: '1m' })]);
    assert.deepEqual(plugin.stdoutAfterHandshake, []);
    // Logs go to stderr as hclog JSON.
    assert.ok(plugin.stderr.some((l) => JSON.parse(l)['@message'] === 'plugin serving'));
  });

  it('answers gRPC health for "plugin" as SERVING', async () => {
    const res = await plugin.call('grpc.health.v1.Health', 'Check', { service: 'plugin' });
    assert.equal(res.status, 'SERVING');
  });

  it('gives every bad query its own clear error, next to a good one', async () => {
    const res = await queryData([
      query('GOOD', { queryType: 'forecast', expr: 'foresight_test_gauge', horizon: '1m' }),
      query('EMPTY', ''),
      query('MALFORMED', '{"queryType": "forecast", expr'),
      query('UNKNOWN', { queryType: 'telepathy' }),
      query('BADPROMQL', { queryType: 'forecast', expr: 'rate(foo[5', horizon: '1m' }),
      query('ZERO', { queryType: 'forecast', expr: 'up', horizon: '0s' }),
      query('HUGE', { queryType: 'forecast', expr: 'up', horizon: '1000000h' }),
      query('LEVEL', { queryType: 'forecast', expr: 'up', level: 7000 }),
    ]);
    const r = res.responses;
    assert.equal(r.GOOD.status, 200, r.GOOD.error);
    assert.ok(r.GOOD.frames.length >= 1);
    const expect = (refId: string, status: number, source: string, pattern: RegExp) => {
      assert.equal(r[refId].status, status, `${refId}: ${r[refId].error}`);
      assert.equal(r[refId].errorSource, source, refId);
      assert.match(r[refId].error, pattern, refId);
    };
    expect('EMPTY', 400, 'plugin', /the query is empty/);
    expect('MALFORMED', 400, 'plugin', /not valid JSON/);
    expect('UNKNOWN', 400, 'plugin', /unknown queryType "telepathy"/);
    expect('BADPROMQL', 400, 'downstream', /Prometheus: bad_data: .*parse error/);
    expect('ZERO', 400, 'plugin', /horizon must be longer than zero/);
    expect('HUGE', 400, 'plugin', /the limit is 10000/);
    expect('LEVEL', 400, 'plugin', /confidence level/);
  });

  it('forecasts with Prophet, whose WebAssembly the bundle embeds, and names it in the frame metadata', { timeout: 120_000 }, async () => {
    const started = performance.now();
    const res = await queryData([
      // Scrape durations vary from scrape to scrape (the test gauge may be constant, which no model is fitted to).
      query('P', { queryType: 'forecast', expr: 'max(scrape_duration_seconds)', horizon: '1m', level: 0.8, method: 'prophet' }),
      query('BADMETHOD', { queryType: 'forecast', expr: 'foresight_test_gauge', method: 'oracle' }),
    ]);
    const p = res.responses.P;
    assert.equal(p.status, 200, p.error);
    const frames = decodeFrames(p.frames);
    assert.ok(frames.length >= 1);
    for (const f of frames) {
      assert.equal(f.meta.custom.model, 'prophet', JSON.stringify(f.meta));
      assert.ok(!f.meta.notices?.some((n: { text: string }) => /Prophet/.test(n.text)), JSON.stringify(f.meta.notices));
      assert.equal(f.meta.custom.level, 0.8);
    }
    assert.equal(res.responses.BADMETHOD.status, 400);
    assert.match(res.responses.BADMETHOD.error, /method.*auto.*ensemble.*prophet/);
    console.log(`prophet query through the plugin: ${frames.length} frame(s) in ${Math.round(performance.now() - started)} ms`);
  });

  it('refuses a query matching 10,000 series with a clear error', async () => {
    // The fixture exporter serves 10,000 series of foresight_test_many; wait until they are scraped.
    const deadline = Date.now() + 30_000;
    let res;
    do {
      res = await queryData([query('MANY', { queryType: 'forecast', expr: 'foresight_test_many', horizon: '1m' })]);
      if (/matched 10000 series/.test(res.responses.MANY.error)) break;
      await new Promise((r) => setTimeout(r, 2000));
    } while (Date.now() < deadline);
    assert.equal(res.responses.MANY.status, 400);
    assert.match(res.responses.MANY.error, /matched 10000 series, more than the limit of 500/);
  });

  it('reports an unreachable and a hanging Prometheus as downstream errors', async () => {
    const down = await queryData(
      [query('A', { queryType: 'forecast', expr: 'up' })],
      pluginContext({ prometheusUrl: 'http://127.0.0.1:9', timeoutSeconds: 5 }, { uid: 'down' }),
    );
    assert.equal(down.responses.A.errorSource, 'downstream');
    assert.equal(down.responses.A.status, 502);
    assert.match(down.responses.A.error, /unreachable: ECONNREFUSED/);

    const started = Date.now();
    const slow = await queryData(
      [query('A', { queryType: 'forecast', expr: 'up' })],
      pluginContext({ prometheusUrl: `http://127.0.0.1:${blackholePort}`, timeoutSeconds: 2 }, { uid: 'slow' }),
    );
    assert.equal(slow.responses.A.status, 504);
    assert.match(slow.responses.A.error, /did not answer within 2000 ms/);
    assert.ok(Date.now() - started < 10_000, 'the deadline is kept');
  });

  it('answers garbage bytes on every RPC with an error status and stays up', async () => {
    const garbage = [Buffer.from([0xff, 0xff, 0xff, 0x0f]), Buffer.from('not a protobuf at all'), Buffer.alloc(0), Buffer.from([0x0a, 0xff, 0x01])];
    const methods = [
      '/pluginv2.Data/QueryData',
      '/pluginv2.Diagnostics/CheckHealth',
      '/pluginv2.Diagnostics/CollectMetrics',
      '/pluginv2.Resource/CallResource',
      '/grpc.health.v1.Health/Check',
    ];
    for (const m of methods) {
      for (const g of garbage) {
        const code = await plugin.callRaw(m, g);
        assert.ok(typeof code === 'number', `${m} answered`);
      }
    }
    const health = await plugin.call('grpc.health.v1.Health', 'Check', { service: 'plugin' });
    assert.equal(health.status, 'SERVING');
  });

  it('survives a stream of random requests and still answers correctly', async () => {
    let seed = 1234567;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
    const values = [null, 0, -1, 1e308, NaN, 'x', '', '1h', '-5m', [], {}, { a: 1 }, true, 'a'.repeat(10_000), '\u0000\uffff'];
    const keys = ['queryType', 'expr', 'horizon', 'level', 'history', 'step', 'output', 'reduce', 'horizonValue', 'legendFormat'];
    for (let i = 0; i < 150; i++) {
      const json: Record<string, unknown> = { queryType: rand() < 0.8 ? 'forecast' : pick(values) };
      for (const k of keys) if (rand() < 0.5) json[k] = pick(values);
      if (rand() < 0.5) json.expr = pick(['up', 'foresight_test_gauge', 'rate(', '{', 'sum by (job) (up)']);
      const settings = rand() < 0.2 ? { prometheusUrl: pick(['', 'ftp://x', 'http://', '::', prometheusUrl]), maxSeries: pick(values) } : { prometheusUrl, timeoutSeconds: 5 };
      const q = query(`Q${i}`, rand() < 0.1 ? Buffer.from(Array.from({ length: 64 }, () => Math.floor(rand() * 256))).toString('latin1') : json, {
        maxDataPoints: pick([0, -5, 1, 100, 1e9]),
        intervalMS: pick([0, -1000, 1, 1000, 1e12]),
        timeRange: pick([
          { fromEpochMS: now() - 60_000, toEpochMS: now() },
          { fromEpochMS: now(), toEpochMS: now() - 60_000 },
          { fromEpochMS: 0, toEpochMS: 0 },
          { fromEpochMS: -1e15, toEpochMS: 1e15 },
        ]),
      });
      const res = await queryData([q], pluginContext(settings as Record<string, unknown>, { uid: `fuzz${i % 7}`, lastUpdatedMS: i }));
      const r = res.responses[`Q${i}`];
      assert.ok(r, `Q${i} has a response`);
      assert.ok(r.status === 200 || (r.status >= 400 && r.error.length > 0), `Q${i}: status ${r.status} with error "${r.error}"`);
    }
    const ok = await queryData([query('A', { queryType: 'forecast', expr: 'foresight_test_gauge', horizon: '1m' })]);
    assert.equal(ok.responses.A.status, 200);
  });

  it('ignores SIGINT, as Go plugins do', async () => {
    plugin.child.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 300));
    const health = await plugin.call('grpc.health.v1.Health', 'Check', { service: 'plugin' });
    assert.equal(health.status, 'SERVING');
  });

  it('exits promptly and cleanly on GRPCController.Shutdown', async () => {
    const exited = new Promise<number | null>((r) => plugin.child.once('exit', (code) => r(code)));
    const started = Date.now();
    await plugin.call('plugin.GRPCController', 'Shutdown', {});
    const code = await exited;
    assert.equal(code, 0);
    assert.ok(Date.now() - started < 2000, `exited after ${Date.now() - started} ms (go-plugin kills after 2 s)`);
  });
});

describe('plugin process whose host dies', () => {
  it('exits by itself when the host is killed without a Shutdown', async () => {
    // A stand-in host: starts the plugin as go-plugin does, reports its pid, then is killed outright.
    const hostScript = `
      const { spawn } = require('node:child_process');
      const child = spawn(process.argv[1], [], {
        env: { ...process.env, grafana_plugin_type: 'datasource', PLUGIN_PROTOCOL_VERSIONS: '2' },
        stdio: ['pipe', 'pipe', 'ignore'],
      });
      child.stdout.once('data', () => process.stdout.write(String(child.pid) + '\\n'));
      setInterval(() => {}, 1000);
    `;
    const host = spawn(process.execPath, ['-e', hostScript, testStack().pluginExe], { stdio: ['ignore', 'pipe', 'inherit'] });
    const pluginPid = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the plugin gave no handshake within 30 s')), 30_000);
      host.stdout!.once('data', (d) => {
        clearTimeout(timer);
        resolve(Number(String(d).trim()));
      });
    });
    assert.ok(isRunning(pluginPid), 'the plugin runs while its host does');
    host.kill('SIGKILL');
    const killedAt = Date.now();
    while (isRunning(pluginPid) && Date.now() - killedAt < 10_000) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const gone = !isRunning(pluginPid);
    if (!gone) {
      process.kill(pluginPid, 'SIGKILL');
    }
    assert.ok(gone, `the plugin (pid ${pluginPid}) still ran 10 s after its host was killed`);
  });
});

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
