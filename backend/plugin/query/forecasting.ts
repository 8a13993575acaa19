// The step every forecasting query type shares: choose the range and step, read the series from
// Prometheus, put each on a grid and forecast it past the end of the range.

import { FORECAST_METHODS, prepareForecastMethod, validateForecastOptions, type ForecastMethod } from '../../analyzers/forecast/forecast';
import { toGrid } from '../../analyzers/series/grid';
import type { DataQuery, Notice } from '../../protocol';
import type { ForecastedSeries } from '../frames/forecast';
import type { DatasourceInstance } from '../instance';
import { QueryError, oneOf, parseDuration, requiredString } from './model';
import { analysisRange, parseRangeOptions, type AnalysisRange, type RangeOptions } from './range';

/** Beyond this many steps a forecast is noise, and its frames would be huge. */
export const MAX_HORIZON_STEPS = 10_000;

/** The query fields every forecasting query type reads. */
export interface ForecastingModel extends RangeOptions {
  expr: string;
  horizonMs: number;
  level: number;
  /** `auto`: one model by the periods found; `ensemble`: models chosen and averaged on a holdout (slower); `prophet`: Prophet. */
  method: ForecastMethod;
}

export function parseForecastingModel(json: Record<string, unknown>): ForecastingModel {
  const expr = requiredString(json, 'expr', 'enter a PromQL expression whose series to forecast');
  const horizonMs = parseDuration(json.horizon ?? '1h', 'horizon');
  if (!(horizonMs > 0)) {
    throw new QueryError('horizon must be longer than zero');
  }
  let level = json.level === undefined || json.level === null || json.level === '' ? 0.95 : Number(json.level);
  // Accept percentages too (95 means 0.95), as users type them.
  if (level >= 1 && level < 100) {
    level /= 100;
  }
  if (!(level > 0 && level < 1)) {
    throw new QueryError(`level must be a confidence level between 0 and 1 (or 1 and 99.99 as a percentage); got ${JSON.stringify(json.level)}`);
  }
  return { expr, horizonMs, level, method: oneOf(json, 'method', FORECAST_METHODS, 'auto'), ...parseRangeOptions(json) };
}

export interface ForecastingResult {
  series: ForecastedSeries[];
  range: AnalysisRange;
  horizonSteps: number;
  executed: string;
  /** Prometheus warnings and series left out, for the first frame's notices. */
  notices: Notice[];
}

/** Lets other requests (health checks, other panels) run between CPU-heavy fits. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function forecastQuerySeries(
  query: DataQuery,
  model: ForecastingModel,
  instance: DatasourceInstance,
  signal: AbortSignal,
): Promise<ForecastingResult> {
  const range = analysisRange(query, { historyMs: model.historyMs, stepMs: model.stepMs, maxPoints: instance.settings.maxPointsPerSeries });
  const horizonSteps = Math.ceil(model.horizonMs / range.stepMs);
  if (horizonSteps > MAX_HORIZON_STEPS) {
    throw new QueryError(
      `a horizon of ${model.horizonMs / 1000}s at a ${range.stepMs / 1000}s step is ${horizonSteps} steps; the limit is ${MAX_HORIZON_STEPS}. Shorten the horizon or use a larger step`,
    );
  }
  validateForecastOptions({ horizon: horizonSteps, level: model.level, stepMs: range.stepMs });
  try {
    await prepareForecastMethod(model.method);
  } catch (err) {
    throw new QueryError(`method ${model.method} is unavailable: ${(err as Error).message}`);
  }

  const { series, warnings } = await instance.prometheus.queryRange(model.expr, range, { signal, maxSeries: instance.settings.maxSeries });
  const out: ForecastedSeries[] = [];
  let skipped = 0;
  for (const s of series) {
    const grid = toGrid(s.timestamps, s.values, range.stepMs);
    if (!grid || grid.values.length < 2) {
      skipped++;
      continue;
    }
    // Everything the fit depends on besides the data, so that equal keys mean equal fits.
    const key = JSON.stringify([model.expr, s.labels, range.stepMs, model.level, horizonSteps, model.method]);
    const { forecast: result, outcome } = instance.fits.forecast(key, grid, { horizon: horizonSteps, level: model.level, stepMs: range.stepMs, method: model.method, startMs: grid.startMs });
    if (grid.filled > 0) {
      result.notes.push(`${grid.filled} missing step(s) were filled by interpolation`);
    }
    out.push({ labels: s.labels, historyStartMs: grid.startMs, stepMs: range.stepMs, history: grid.values, forecast: result, fit: outcome });
    if (signal.aborted) {
      throw new QueryError('the query was cancelled');
    }
    if (outcome !== 'reused') {
      await yieldToEventLoop();
    }
  }
  const notices: Notice[] = [
    ...warnings.map((text) => ({ severity: 'warning' as const, text: `Prometheus: ${text}` })),
    ...(skipped ? [{ severity: 'info' as const, text: `${skipped} series had fewer than 2 finite points and were left out` }] : []),
  ];
  const executed = `${model.expr} (step ${range.stepMs / 1000}s, horizon ${model.horizonMs / 1000}s)`;
  return { series: out, range, horizonSteps, executed, notices };
}
