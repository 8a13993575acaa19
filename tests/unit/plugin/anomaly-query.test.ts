import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAnomalyQuery } from '../../../backend/plugin/query/anomaly';

describe('anomaly query model', () => {
  it('defaults to the seasonal-residual detector and a 0.5 threshold', () => {
    const m = parseAnomalyQuery({ expr: 'up' });
    assert.equal(m.detector, 'seasonal-residual');
    assert.equal(m.threshold, 0.5);
    assert.equal(m.output, 'series');
    assert.equal(m.mode, undefined);
  });

  it('names the known detectors when given an unknown one', () => {
    assert.throws(() => parseAnomalyQuery({ expr: 'up', detector: 'oracle' }), /unknown detector "oracle"; use one of: novelty, seasonal-residual/);
    assert.throws(() => parseAnomalyQuery({ expr: 'up', threshold: 2 }), /threshold must be an anomaly score/);
    assert.throws(() => parseAnomalyQuery({ expr: 'up', mode: 'psychic' }), /mode must be one of/);
  });
});
