import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseSeriesCsv } from '../../../backend/cli/csv';
import { runCli } from '../../../backend/cli/main';

const dir = mkdtempSync(join(tmpdir(), 'foresight-cli-'));
const T0 = Date.parse('2026-01-01T00:00:00Z');

/** A minute-step CSV: `mem` rises by 0.5 a minute from 100 with a small wobble; `flat` is constant. */
function writeCsv(name: string, n = 300): string {
  const lines = ['time,mem,flat'];
  for (let i = 0; i < n; i++) lines.push(`${new Date(T0 + i * 60_000).toISOString()},${100 + 0.5 * i + Math.sin(i / 5)},7`);
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

const parse = (csv: string) => {
  const [head, ...rows] = csv.trim().split('\n');
  const keys = head.split(',');
  return rows.map((r) => Object.fromEntries(r.split(',').map((v, i) => [keys[i], v])));
};

describe('foresight command line', () => {
  const file = writeCsv('usage.csv');

  it('forecasts each column, one row per step, with times after the last point', async () => {
    const r = await cli('forecast', '--horizon', '10m', file);
    assert.equal(r.code, 0, r.err);
    const rows = parse(r.out);
    assert.equal(rows.length, 20);
    assert.equal(rows[0].series, 'mem');
    assert.equal(rows[0].time, new Date(T0 + 300 * 60_000).toISOString());
    assert.ok(Number(rows[9].predicted) > 240, `a rising series keeps rising: ${rows[9].predicted}`);
    assert.equal(rows[10].series, 'flat');
    assert.equal(Number(rows[10].predicted), 7);
    assert.match(r.err, /flat: the series is constant/);
  });

  it('predicts the time to a threshold and sizes capacity against a limit', async () => {
    const p = await cli('predict', '--threshold', '260', '--horizon', '2h', '--format', 'json', file);
    assert.equal(p.code, 0, p.err);
    const [mem, flat] = JSON.parse(p.out);
    // 249.5 now, +0.5 a minute: 260 about 21 minutes on.
    assert.ok(Math.abs(mem.time_to_threshold_s - 21 * 60) <= 5 * 60, String(mem.time_to_threshold_s));
    assert.ok(mem.probability > 0.9);
    assert.equal(flat.time_to_threshold_s, undefined);
    assert.equal(flat.probability, 0);

    const c = await cli('capacity', '--limit', '300', '--target', '0.8', '--replicas', '2', '--horizon', '1h', '--format', 'json', file);
    assert.equal(c.code, 0, c.err);
    const [usage, constant] = JSON.parse(c.out);
    assert.equal(usage.action, 'increase');
    assert.ok(usage.recommended_replicas >= 3, String(usage.recommended_replicas));
    assert.equal(constant.action, 'decrease');
  });

  it('scores anomalies and prints only flagged points when asked', async () => {
    const lines = ['time,v'];
    for (let i = 0; i < 400; i++) lines.push(`${(T0 + i * 60_000) / 1000},${i === 350 ? 500 : 10 + Math.sin(i / 3)}`);
    const path = join(dir, 'spike.csv');
    writeFileSync(path, lines.join('\n'));
    const r = await cli('anomaly', '--flagged', path);
    assert.equal(r.code, 0, r.err);
    const rows = parse(r.out);
    assert.ok(rows.some((x) => x.time === new Date(T0 + 350 * 60_000).toISOString()), r.out);
    assert.ok(rows.length <= 3, `only the spike and its neighbourhood: ${rows.length}`);
  });

  it('exits 2 with a clear message on wrong usage or unreadable input', async () => {
    assert.equal((await cli()).code, 2);
    assert.match((await cli('nope')).err, /unknown command "nope"/);
    assert.match((await cli('predict', file)).err, /--threshold is required/);
    assert.match((await cli('forecast', '--horizon', 'soon', file)).err, /"soon" is not a duration/);
    assert.match((await cli('forecast', '--method', 'magic', file)).err, /--method must be auto, ensemble or prophet/);
    assert.match((await cli('capacity', '--limit', '0', file)).err, /limit must be a positive number/);
    assert.match((await cli('anomaly', '--mode', 'batch', '--detector', 'novelty', file)).err, /has no batch mode/);
    const missing = await cli('forecast', join(dir, 'missing.csv'));
    assert.equal(missing.code, 2);
    assert.match(missing.err, /no such file/);
    const help = await cli('capacity', '--help');
    assert.equal(help.code, 0);
    assert.match(help.out, /--replicas/);
  });

  it('exits 1 when a series cannot be analysed, and still prints the others', async () => {
    const path = join(dir, 'gaps.csv');
    writeFileSync(path, `time,empty,ok\n${[0, 1, 2, 3].map((i) => `${T0 + i * 60_000},,${i}`).join('\n')}\n`);
    const r = await cli('forecast', '--horizon', '2m', path);
    assert.equal(r.code, 1);
    assert.match(r.err, /empty: not analysed: the series has no finite value/);
    assert.equal(parse(r.out).length, 2);
  });
});

describe('series CSV', () => {
  it('reads ISO times, epoch seconds and milliseconds, quoted cells and missing values', () => {
    const s = parseSeriesCsv('time,"a, b",c\n2026-01-01 00:00:00Z,1,\n1767225660,2,x\n1767225720000,"3",4\n');
    assert.deepEqual(s.map((x) => x.name), ['a, b', 'c']);
    assert.deepEqual(s[0].timestamps, [T0, T0 + 60_000, T0 + 120_000]);
    assert.deepEqual(s[0].values, [1, 2, 3]);
    assert.deepEqual(s[1].values.map((v) => (Number.isNaN(v) ? 'NaN' : v)), ['NaN', 'NaN', 4]);
  });

  it('names the line of a bad time, and refuses an empty file or a lone column', () => {
    assert.throws(() => parseSeriesCsv('time,v\n2026-01-01T00:00:00Z,1\nyesterday,2\n', 'f.csv'), /f.csv line 3: "yesterday" is not a time/);
    assert.throws(() => parseSeriesCsv('', 'f.csv'), /f.csv is empty/);
    assert.throws(() => parseSeriesCsv('time\n1\n', 'f.csv'), /expected the time and at least one series/);
    assert.throws(() => parseSeriesCsv('time,v\n', 'f.csv'), /a header but no rows/);
  });
});
