import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { anomalyEpisodes, latestScores } from '../../../src/pages/data/anomalies';
import { correlateEpisodes } from '../../../src/pages/data/incidents';
import { anomalyFrame } from './frames';

const t = (m: number) => 1_700_000_000_000 + m * 60_000;

describe('anomaly episodes', () => {
  it('finds each run of points above the threshold, with its peak, value and expectation', () => {
    const f = anomalyFrame({ service: 'cart' }, [0, 1, 2, 3, 4, 5, 6].map(t), [0.1, 0.7, 0.9, 0.6, 0.2, 0.8, null], [1, 2, 30, 4, 5, 6, 7]);
    const episodes = anomalyEpisodes([f], 'Errors', 0.5, 'service');
    assert.equal(episodes.length, 2);
    assert.deepEqual(
      episodes.map((e) => [e.start, e.end, e.peakAt, e.peakScore, e.value, e.expected, e.service, e.ongoing]),
      [
        [t(1), t(3), t(2), 0.9, 30, 10, 'cart', false],
        // A trailing point without a score does not end the episode, nor make it ongoing.
        [t(5), t(5), t(5), 0.8, 6, 10, 'cart', false],
      ],
    );
  });

  it('marks an episode that reaches the last point as ongoing', () => {
    const [e] = anomalyEpisodes([anomalyFrame({ service: 'api' }, [0, 1].map(t), [0.2, 0.95])], 'Latency', 0.5, 'service');
    assert.equal(e.ongoing, true);
  });

  it('gives the latest score of each series, skipping trailing gaps', () => {
    const scores = latestScores([anomalyFrame({ service: 'api' }, [0, 1, 2].map(t), [0.3, 0.4, null])], 'Latency', 'service');
    assert.deepEqual(scores.map((s) => [s.service, s.latest, s.latestAt]), [['api', 0.4, t(1)]]);
  });

  it('ignores frames that are not anomaly series', () => {
    assert.deepEqual(anomalyEpisodes([anomalyFrame({}, [], [])].map((f) => ({ ...f, fields: f.fields.filter((x) => x.name !== 'score') })), 's', 0.5, 'service'), []);
  });
});

describe('correlated events', () => {
  it('groups episodes that overlap or follow within the gap, newest group first, earliest evidence first', () => {
    const a = anomalyEpisodes([anomalyFrame({ service: 'db' }, [10, 11, 12].map(t), [0.9, 0.9, 0.1])], 'Pool', 0.5, 'service');
    const b = anomalyEpisodes([anomalyFrame({ service: 'api' }, [13, 14].map(t), [0.7, 0.1])], 'Errors', 0.5, 'service');
    const c = anomalyEpisodes([anomalyFrame({ service: 'web' }, [40, 41].map(t), [0.6, 0.6])], 'Errors', 0.5, 'service');
    const groups = correlateEpisodes([...c, ...b, ...a], 5 * 60_000);
    assert.equal(groups.length, 2);
    assert.deepEqual(groups[0].services, ['web']);
    assert.equal(groups[0].ongoing, true);
    assert.deepEqual(groups[1].services, ['db', 'api']);
    assert.deepEqual([groups[1].start, groups[1].end, groups[1].peakScore], [t(10), t(13), 0.9]);
    assert.equal(groups[1].ongoing, false);
  });
});
