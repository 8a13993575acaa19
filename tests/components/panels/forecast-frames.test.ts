import '../dom';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FieldType, toDataFrame } from '@grafana/data';
import { readPanelSeries } from '../../../src/panels/forecast/frames';

const time = [1000, 2000, 3000];

/** The shape of backend/plugin/frames/forecast.ts dashboardFrame. */
function forecastFrame(name: string, level: number) {
  const lower = `${name} lower ${level * 100}%`;
  return toDataFrame({
    name,
    meta: { custom: { model: 'ets', level } },
    fields: [
      { name: 'time', type: FieldType.time, values: time },
      { name: 'actual', type: FieldType.number, values: [1, 2, null], config: { displayNameFromDS: name } },
      { name: 'predicted', type: FieldType.number, values: [null, 2, 3] },
      { name: 'lower', type: FieldType.number, values: [null, 2, 2.5 - level], config: { displayNameFromDS: lower } },
      { name: 'upper', type: FieldType.number, values: [null, 2, 3.5 + level], config: { custom: { fillBelowTo: lower } } },
    ],
  });
}

describe('forecast panel frame reading', () => {
  it('reads our forecast frame by field name, its band from fillBelowTo, labelled with the level', () => {
    const { series } = readPanelSeries([forecastFrame('cpu', 0.95)]);
    assert.equal(series.length, 1);
    assert.equal(series[0].name, 'cpu');
    assert.equal(series[0].model, 'ets');
    assert.deepEqual(Array.from(series[0].predicted!), [null, 2, 3]);
    assert.equal(series[0].bands.length, 1);
    assert.equal(series[0].bands[0].label, '95% interval');
  });

  it('merges the same series at two levels into one series with two bands', () => {
    const { series } = readPanelSeries([forecastFrame('cpu', 0.8), forecastFrame('cpu', 0.95)]);
    assert.equal(series.length, 1);
    assert.deepEqual(series[0].bands.map((b) => b.label), ['80% interval', '95% interval']);
  });

  it('reads an anomaly frame: value as observed, expected, score, and its expected range', () => {
    const frame = toDataFrame({
      name: 'lat',
      fields: [
        { name: 'time', type: FieldType.time, values: time },
        { name: 'value', type: FieldType.number, values: [1, 9, 1] },
        { name: 'expected', type: FieldType.number, values: [1, 1, 1] },
        { name: 'lower', type: FieldType.number, values: [0, 0, 0] },
        { name: 'upper', type: FieldType.number, values: [2, 2, 2] },
        { name: 'score', type: FieldType.number, values: [0, 0.9, 0] },
      ],
    });
    const [s] = readPanelSeries([frame]).series;
    assert.deepEqual(Array.from(s.actual!), [1, 9, 1]);
    assert.deepEqual(Array.from(s.score!), [0, 0.9, 0]);
    assert.equal(s.bands[0].label, 'expected range');
  });

  it('draws any other numeric field as an observed series, and skips frames with no time', () => {
    const plain = toDataFrame({
      fields: [
        { name: 'Time', type: FieldType.time, values: time },
        { name: 'a', type: FieldType.number, values: [1, 2, 3] },
        { name: 'b', type: FieldType.number, values: [3, 2, 1] },
      ],
    });
    const table = toDataFrame({ fields: [{ name: 'x', type: FieldType.number, values: [1] }] });
    const { series } = readPanelSeries([plain, table]);
    assert.deepEqual(series.map((s) => [s.name, s.bands.length]), [['a', 0], ['b', 0]]);
  });

  it('takes crossing times and the threshold from a predict table', () => {
    const table = toDataFrame({
      name: 'predicted crossings',
      meta: { custom: { threshold: 80 } },
      fields: [
        { name: 'series', type: FieldType.string, values: ['cpu', 'mem'] },
        { name: 'probability', type: FieldType.number, values: [0.7, 0.1] },
        { name: 'predicted crossing at', type: FieldType.number, values: [5000, null] },
      ],
    });
    const read = readPanelSeries([forecastFrame('cpu', 0.95), table]);
    assert.deepEqual(read.thresholds, [80]);
    assert.deepEqual(read.crossings, [{ series: 'cpu', time: 5000, threshold: 80, probability: 0.7 }]);
  });
});
