import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { alertScores } from '../../../../backend/analyzers/anomaly/episodes';

describe('alertScores', () => {
  it('keeps the point that opens an episode and mutes the rest of it', () => {
    const s = [0, 0.6, 0.7, 0.55, 0, 0, 0.6, 0];
    assert.deepEqual([...alertScores(s, { refractory: 3 })], [0, 0.6, 0, 0, 0, 0, 0.6, 0]);
  });

  it('reports a point that beats the opening one by the escalation, and restarts the episode there', () => {
    const s = [0.55, 0.6, 0.75, 0.8, 0.95, 0];
    assert.deepEqual([...alertScores(s, { refractory: 10, escalation: 0.15 })], [0.55, 0, 0.75, 0, 0.95, 0]);
  });

  it('passes scores below the alarm through untouched', () => {
    const s = [0.1, 0.2, 0.49, 0.3];
    assert.deepEqual([...alertScores(s)], s);
  });

  it('is causal: a prefix gives the prefix of the output', () => {
    const s = Array.from({ length: 200 }, (_, i) => ((i * 37) % 100) / 100);
    const full = alertScores(s, { refractory: 7 });
    assert.deepEqual([...alertScores(s.slice(0, 120), { refractory: 7 })], [...full.slice(0, 120)]);
  });
});
