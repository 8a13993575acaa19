// Bad input for the log analyzers: empty input, a 1 MB line, binary and invalid UTF-8, lines of
// only variables, and 100,000 distinct templates (the miner stays bounded).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { TemplateMiner } from '../../../../backend/analyzers/logs/miner';
import { mineRecords } from '../../../../backend/analyzers/logs/patterns';
import { detectLogAnomalies } from '../../../../backend/analyzers/logs/anomalies';

const buckets = { startMs: 0, stepMs: 1000, count: 10 };

/** Heap in use after a full collection (the runner does not pass --expose-gc, so it is turned on here). */
function heapAfterGc(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed;
}

describe('log analyzers on bad input', () => {
  it('an empty stream gives no patterns and no anomalies', () => {
    const mined = mineRecords([], new TemplateMiner(), { buckets });
    assert.equal(mined.lines, 0);
    assert.deepEqual(mined.patterns, []);
    assert.deepEqual(detectLogAnomalies(mined, { windowStartIndex: 5 }), []);
  });

  it('an empty line and a whitespace line are one empty template, not an error', () => {
    const m = new TemplateMiner();
    const a = m.add('');
    const b = m.add('   \t ');
    assert.equal(a.id, b.id);
    assert.deepEqual(a.tokens, []);
  });

  it('a 1 MB line is cut to maxLineChars, counted, and two such lines of one event share a template', () => {
    const m = new TemplateMiner();
    // One event whose lines differ only past the cut.
    const big = (c: string) => `upload failed, body follows: ${'lorem ipsum '.repeat(90_000)}${c.repeat(4096)}`;
    const t0 = performance.now();
    const a = m.add(big('a'));
    const b = m.add(big('b'));
    assert.ok(performance.now() - t0 < 2000, 'mining a 1 MB line takes bounded time');
    assert.equal(a.id, b.id);
    assert.equal(m.stats.truncated, 2);
    assert.ok(a.tokens.join(' ').length <= m.config.maxLineChars + 10);
  });

  it('a line of 100,000 tokens is cut to maxTokens', () => {
    const m = new TemplateMiner({ maxLineChars: 1_000_000 });
    const t = m.add(Array.from({ length: 100_000 }, (_, i) => `w${String.fromCharCode(97 + (i % 26))}`).join(' '));
    assert.equal(t.tokens.length, m.config.maxTokens + 1);
  });

  it('binary and invalid UTF-8 decode to replacement characters and mine without error', () => {
    const m = new TemplateMiner();
    const raw = Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x41, 0xc3, 0x28, 0x20, 0x62, 0x61, 0x64]).toString('utf8');
    const mined = mineRecords([{ timeMs: 1000, line: raw, labels: {} }], m, { buckets });
    assert.equal(mined.patterns.length, 1);
    assert.ok(!mined.patterns[0].template.tokens.join(' ').includes('\u0000'), 'control bytes are not kept in templates');
  });

  it('lines of only variables form one template instead of one per line', () => {
    const m = new TemplateMiner();
    for (let i = 0; i < 1000; i++) m.add(`${i} ${i * 7}.${i % 13} 0x${i.toString(16)}`);
    for (let i = 0; i < 1000; i++) m.add(`${i} ${i * 7}.${i % 13} 0x${i.toString(16)} 10.0.${i % 256}.${(i * 3) % 256} ${i}ms`);
    assert.equal(m.stats.templates, 2);
    // Three variables stay three; a run of four or more is one variable-length list.
    assert.deepEqual(m.templates().map((t) => t.tokens.join(' ')).sort(), ['<*>', '<*> <*> <*>']);
  });

  it('100,000 distinct templates: the miner stays at its cap and memory stays bounded', () => {
    const m = new TemplateMiner({ maxTemplates: 10_000 });
    const word = (i: number) => i.toString(26).replace(/[0-9a-p]/g, (c) => 'abcdefghijklmnopqrstuvwxyz'[parseInt(c, 26)]);
    const heapBefore = process.memoryUsage().heapUsed;
    for (let i = 0; i < 100_000; i++) m.add(`op ${word(i)} ${word(i * 7 + 3)} finished`);
    // Every line founds a template (two of four words differ); all but the retained were evicted,
    // by the global cap or by the per-leaf cap on the wildcard branch these lines share.
    assert.ok(m.stats.templates <= 10_000, JSON.stringify(m.stats));
    assert.equal(m.stats.templates + m.stats.evicted, 100_000);
    const grownMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
    assert.ok(grownMb < 200, `heap grew ${grownMb.toFixed(0)} MB for 10,000 templates`);
  });

  it('what the miner keeps of 200 distinct 1 MB lines is its cut-down copies, not the lines', () => {
    const m = new TemplateMiner();
    const before = heapAfterGc();
    for (let i = 0; i < 200; i++) {
      // Distinct first words found a template each; the long tokens are cached or kept in templates.
      const words = Array.from({ length: 40 }, (_, k) => `w${i}x${k}`.padEnd(20 + (k % 7), 'q')).join(' ');
      m.add(`event${i.toString(36)} happened ${words} ${'z'.repeat(1_000_000)}`);
    }
    const retainedMb = (heapAfterGc() - before) / 1024 / 1024;
    assert.equal(m.stats.templates, 200);
    // 200 lines of 1 MB went in; a miner that kept views into them would hold all 200 MB.
    assert.ok(retainedMb < 20, `the miner holds ${retainedMb.toFixed(1)} MB after 200 lines of 1 MB`);
  });
});
