// Puts a CSV series on a regular grid for the forecasting commands: the step is the one given, or
// the median spacing of the timestamps.

import { prepareSeries } from '../analyzers/anomaly/prepare';
import { SeriesError, toGrid, type GridSeries } from '../analyzers/series/grid';
import type { CsvSeries } from './csv';

export function gridOf(s: CsvSeries, stepMs?: number): GridSeries {
  const step = stepMs ?? prepareSeries(s).stepMs;
  if (!(step > 0)) {
    throw new SeriesError('the series has a single point in time, so no step can be inferred; give --step');
  }
  const grid = toGrid(s.timestamps, s.values, step);
  if (!grid) {
    throw new SeriesError('the series has no finite value');
  }
  return grid;
}

/** Steps of `stepMs` in `horizonMs`, at least one. */
export function horizonSteps(horizonMs: number, stepMs: number): number {
  return Math.max(1, Math.ceil(horizonMs / stepMs));
}
