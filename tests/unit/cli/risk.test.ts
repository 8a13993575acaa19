import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../../backend/cli/main';
import { serviceOfColumn } from '../../../backend/cli/risk';

const T0 = Date.parse('2026-01-01T00:00:00Z');

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

describe('foresight risk', () => {
  // checkout's memory climbs 0.5 a minute towards its limit; search's memory and latency are steady.
  const file = join(mkdtempSync(join(tmpdir(), 'foresight-risk-')), 'services.csv');
  const lines = ['time,checkout/mem,search/mem,search/latency'];
  for (let i = 0; i < 300; i++) lines.push(`${T0 + i * 60_000},${100 + 0.5 * i + Math.sin(i / 5)},${120 + Math.sin(i / 7)},${0.2 + 0.01 * Math.sin(i / 3)}`);
  writeFileSync(file, lines.join('\n') + '\n');

  it('ranks the service heading for its limit first, with the contributing signals named', async () => {
    const r = await cli('risk', '--threshold', '260', '--limit', '270', '--horizon', '1h', '--format', 'json', file);
    assert.equal(r.code, 0, r.err);
    const rows = JSON.parse(r.out);
    assert.deepEqual(rows.map((x: { service: string }) => x.service), ['checkout', 'search']);
    assert.ok(rows[0].risk > 0.9, `checkout risk ${rows[0].risk}`);
    assert.ok(rows[1].risk < 0.1, `search risk ${rows[1].risk}`);
    assert.match(rows[0].signals, /^(crossing|capacity) checkout\/mem 1\.00/);
    assert.match(rows[0].signals, /capacity checkout\/mem .*exhausted in/);
    assert.match(rows[0].signals, /crossing checkout\/mem .*above 260 expected in/);
  });

  it('adds an anomaly signal on request, and refuses a call with no signal', async () => {
    const a = await cli('risk', '--anomaly', '--format', 'json', file);
    assert.equal(a.code, 0, a.err);
    const rows = JSON.parse(a.out);
    assert.equal(rows.length, 2);
    for (const row of rows) {
      assert.ok(row.risk >= 0 && row.risk <= 1);
      assert.match(row.signals, /anomaly .* \(highest score over the last 15 min\)/);
    }
    const none = await cli('risk', file);
    assert.equal(none.code, 2);
    assert.match(none.err, /give at least one signal/);
  });

  it('groups columns by the name before the first slash', () => {
    assert.equal(serviceOfColumn('checkout/mem'), 'checkout');
    assert.equal(serviceOfColumn('a/b/c'), 'a');
    assert.equal(serviceOfColumn('standalone'), 'standalone');
  });
});
