// Grafana's own Go client and Arrow decoder (grafana-plugin-sdk-go) against our executable:
// see tests/conformance/README.md.

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { eventually, testStack } from '../../harness/stack';

const DIR = join(__dirname, '../../conformance');

describe('Go SDK conformance', () => {
  it('decodes every frame and survives every step of the script', { timeout: 900_000 }, async () => {
    const stack = testStack();
    // The script forecasts a 1m rate: wait until Prometheus holds enough of it (a fresh stack may not).
    await eventually(
      'a minute of rate data in Prometheus',
      async () => {
        const end = Date.now() / 1000;
        const params = new URLSearchParams({ query: 'rate(prometheus_http_requests_total[1m])', start: String(end - 600), end: String(end), step: '5' });
        const res = (await (await fetch(`${stack.prometheusUrl}/api/v1/query_range?${params}`)).json()) as { data: { result: Array<{ values: unknown[] }> } };
        return res.data.result.some((r) => r.values.length >= 6) ? true : undefined;
      },
      180_000,
      2000,
    );
    execFileSync('go', ['build', '-o', 'bin/conformance', '.'], { cwd: DIR, stdio: 'inherit', env: { ...process.env, GOTOOLCHAIN: 'local' } });
    const script = readFileSync(join(DIR, 'testdata/example-script.json'), 'utf8').replaceAll('http://127.0.0.1:19090', stack.prometheusUrl);
    const file = join(mkdtempSync(join(tmpdir(), 'conformance-')), 'script.json');
    writeFileSync(file, script);
    const run = spawnSync(join(DIR, 'bin/conformance'), ['-exe', stack.pluginExe, '-script', file], { encoding: 'utf8', timeout: 300_000 });
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    const summary = lines.find((l) => l.summary)?.summary;
    assert.ok(summary, `no summary; stderr: ${run.stderr.slice(-2000)}`);
    assert.deepEqual(summary.failures, [], JSON.stringify(summary.failures));
    assert.equal(summary.ok, true);
    assert.equal(summary.graceful, true);
    assert.equal(summary.alive_after_script, true);
    assert.equal(run.status, 0);
    const forecast = lines.find((l) => l.step === 'query-forecast-real');
    assert.equal(forecast.responses.A.status, 200, JSON.stringify(forecast.responses.A));
    const frame = forecast.responses.A.frames[0];
    assert.ok(frame?.fields, JSON.stringify(forecast.responses.A).slice(0, 2000));
    const time = frame.fields.find((f: { name: string }) => f.name === 'time');
    // Decoded by Go as nanosecond timestamps: the year must be now's, not 1970's.
    assert.equal(time.type, '[]time.Time');
    assert.equal(new Date(time.firstTime).getUTCFullYear(), new Date().getUTCFullYear());
  });
});
