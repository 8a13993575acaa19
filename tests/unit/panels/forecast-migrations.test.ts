import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromTimeSeriesOptions, migrateOptions } from '../../../src/panels/forecast/migrations';
import { DEFAULT_OPTIONS } from '../../../src/panels/forecast/types';

describe('forecast panel option migrations', () => {
  it('gives a new panel the defaults', () => {
    assert.deepEqual(migrateOptions(undefined), DEFAULT_OPTIONS);
    assert.deepEqual(migrateOptions({}), DEFAULT_OPTIONS);
  });

  it('keeps what a 0.1 panel chose (showBand became showBands)', () => {
    const o = migrateOptions({ showBand: false, showActual: false });
    assert.equal(o.showBands, false);
    assert.equal(o.showActual, false);
    assert.equal(o.showForecast, true);
    assert.equal(o.anomalyThreshold, 0.5);
  });

  it('is idempotent on current options', () => {
    const current = { ...DEFAULT_OPTIONS, showAnomalies: false, anomalyThreshold: 0.8, legend: { show: false, placement: 'right' as const }, tooltip: { mode: 'single' as const } };
    assert.deepEqual(migrateOptions(current), current);
    assert.deepEqual(migrateOptions(migrateOptions(current)), current);
  });

  it('replaces values of the wrong type or out of range with defaults, and drops unknown keys', () => {
    const o = migrateOptions({ showBands: 'yes', anomalyThreshold: 7, legend: { placement: 'top' }, tooltip: { mode: 'multi' }, stray: 1 });
    assert.equal(o.showBands, true);
    assert.equal(o.anomalyThreshold, 0.5);
    assert.equal(o.legend.placement, 'bottom');
    assert.equal(o.tooltip.mode, 'all');
    assert.equal('stray' in o, false);
  });

  it('carries legend and tooltip over from the time series panel', () => {
    const o = fromTimeSeriesOptions({ legend: { showLegend: false, placement: 'right', displayMode: 'list' }, tooltip: { mode: 'single', sort: 'none' } });
    assert.deepEqual(o.legend, { show: false, placement: 'right' });
    assert.deepEqual(o.tooltip, { mode: 'single' });
    assert.equal(fromTimeSeriesOptions({ legend: { displayMode: 'hidden' } }).legend.show, false);
  });
});
