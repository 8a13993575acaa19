// The NAB scorer (bench/nab) on a small synthetic corpus in NAB's layout.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadCorpus, parseNabTime, type Corpus } from '../../../../bench/nab/corpus';
import { probationaryLength, scaledSigmoid, scoreProfile, sweepFile, optimise } from '../../../../bench/nab/scorer';
import { windowedGaussianScores } from '../../../../bench/nab/windowed-gaussian';

const PROFILES = {
  standard: { CostMatrix: { tpWeight: 1.0, fnWeight: 1.0, fpWeight: 0.11, tnWeight: 1.0 } },
  reward_low_FP_rate: { CostMatrix: { tpWeight: 1.0, fnWeight: 1.0, fpWeight: 0.22, tnWeight: 1.0 } },
  reward_low_FN_rate: { CostMatrix: { tpWeight: 1.0, fnWeight: 2.0, fpWeight: 0.11, tnWeight: 1.0 } },
};

function stamp(i: number): string {
  return new Date(Date.UTC(2014, 3, 1) + i * 300_000).toISOString().replace('T', ' ').slice(0, 19);
}

function writeFile(dir: string, rel: string, n: number): void {
  mkdirSync(join(dir, 'data', rel.split('/')[0]), { recursive: true });
  const lines = ['timestamp,value', ...Array.from({ length: n }, (_, i) => `${stamp(i)},${Math.sin(i / 10)}`)];
  writeFileSync(join(dir, 'data', rel), lines.join('\n') + '\n');
}

let dir: string;
let corpus: Corpus;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'nab-scorer-'));
  writeFile(dir, 'synthetic/one.csv', 1000);
  writeFile(dir, 'synthetic/two.csv', 600);
  writeFile(dir, 'synthetic/none.csv', 400);
  writeFile(dir, 'synthetic/unlabelled.csv', 300);
  const w = (a: number, b: number) => [`${stamp(a)}.000000`, `${stamp(b)}.000000`];
  const windows = { 'synthetic/one.csv': [w(500, 549)], 'synthetic/two.csv': [w(200, 229), w(400, 429)], 'synthetic/none.csv': [] };
  mkdirSync(join(dir, 'labels'));
  mkdirSync(join(dir, 'config'));
  writeFileSync(join(dir, 'labels', 'combined_windows.json'), JSON.stringify(windows));
  writeFileSync(join(dir, 'config', 'profiles.json'), JSON.stringify(PROFILES));
  corpus = loadCorpus(dir);
});

after(() => rmSync(dir, { recursive: true, force: true }));

function score(scores: Float64Array[]) {
  return Object.entries(corpus.profiles).map(([name, p]) => scoreProfile(corpus.files, scores, name, p.CostMatrix, corpus.windowCount));
}

describe('NAB scorer', () => {
  it('reads the layout: only labelled files, windows as row indices', () => {
    assert.deepEqual(
      corpus.files.map((f) => f.relativePath),
      ['synthetic/none.csv', 'synthetic/one.csv', 'synthetic/two.csv'],
    );
    assert.equal(corpus.windowCount, 3);
    assert.deepEqual(corpus.files[2].windowRows, [
      [200, 229],
      [400, 429],
    ]);
    assert.equal(parseNabTime('2014-04-01 00:05:00.000000'), parseNabTime('2014-04-01 00:05:00'));
  });

  it('NAB constants: probation 15 % capped at 750 rows; the scaled sigmoid', () => {
    assert.equal(probationaryLength(4032), 604);
    assert.equal(probationaryLength(22695), 750);
    assert.ok(Math.abs(scaledSigmoid(-1) - 0.98661) < 1e-5);
    assert.equal(scaledSigmoid(0), 0);
    assert.ok(Math.abs(scaledSigmoid(1) + 0.98661) < 1e-5);
    assert.equal(scaledSigmoid(3.5), -1);
  });

  it('the null detector scores 0 on every profile', () => {
    for (const r of score(corpus.files.map((f) => new Float64Array(f.timestamps.length)))) {
      assert.equal(r.normalised, 0, r.profile);
      assert.equal(r.raw, r.nullRaw);
    }
    // NAB's own null detector is a constant 0.5; same score.
    for (const r of score(corpus.files.map((f) => new Float64Array(f.timestamps.length).fill(0.5)))) {
      assert.equal(r.normalised, 0, r.profile);
    }
  });

  it('a perfect detector (1 at the start of every window, 0 elsewhere) scores 100 on every profile', () => {
    const perfect = corpus.files.map((f) => {
      const s = new Float64Array(f.timestamps.length);
      for (const [a] of f.windowRows) {
        s[a] = 1;
      }
      return s;
    });
    for (const r of score(perfect)) {
      assert.ok(Math.abs(r.normalised - 100) < 1e-9, `${r.profile}: ${r.normalised}`);
    }
  });

  it('rewards early detections more, counts only the first in a window, and charges false positives', () => {
    const cost = PROFILES.standard.CostMatrix;
    const f = corpus.files[1]; // one.csv: window rows 500..549, probation 150
    const at = (rows: number[]) => {
      const s = new Float64Array(f.timestamps.length);
      for (const r of rows) {
        s[r] = 1;
      }
      return optimise([sweepFile(f, s, cost)], cost).score;
    };
    const start = at([500]);
    const middle = at([525]);
    assert.ok(Math.abs(start - 1) < 1e-12);
    assert.ok(middle > 0 && middle < start);
    assert.equal(at([500, 525, 540]), start);
    // A false positive before any window costs fpWeight; one just after the window almost nothing.
    assert.ok(Math.abs(at([500, 300]) - (1 - 0.11)) < 1e-12);
    assert.ok(at([500, 550]) > 1 - 0.01);
    assert.ok(at([500, 990]) < at([500, 600]));
    // In the probationary period, nothing counts.
    assert.equal(at([500, 100]), start);
  });

  it('windowed Gaussian: causal, 0 at the first row, near 1 on a spike', () => {
    const v = Float64Array.from({ length: 300 }, (_, i) => Math.sin(i));
    v[200] = 50;
    const s = windowedGaussianScores(v);
    assert.equal(s[0], 0);
    assert.ok(s[200] > 0.999);
    assert.deepEqual([...windowedGaussianScores(v.slice(0, 150))], [...s.slice(0, 150)]);
  });
});
