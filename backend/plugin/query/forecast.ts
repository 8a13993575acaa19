// The `forecast` query type: a PromQL expression's series, forecast past the end of the range.

import { forecast, validateForecastOptions } from '../../analyzers/forecast/forecast';
import { toGrid } from '../../analyzers/series/grid';
import { emptyFrame, type DataQuery, type DataResponse, type Frame } from '../../protocol';
import {
  alertSeriesFrame,
  dashboardFrame,
  horizonFrame,
  type ForecastedSeries,
  type HorizonReduce,
  type HorizonValue,
} from '../frames/forecast';
import type { DatasourceInstance } from '../instance';
import { QueryError, oneOf, optionalString, parseDuration, requiredString } from './model';
import { analysisRange } from './range';

/** Beyond this many steps a forecast is noise, and its frames would be huge. */
export const MAX_HORIZON_STEPS = 10_000;

export interface ForecastQueryModel {
  expr: string;
  horizonMs: number;
  level: number;
  historyMs?: number;
  stepMs?: number;
  output: 'series' | 'horizon';
  horizonValue: HorizonValue;
  reduce: HorizonReduce;
  legendFormat?: string;
}

export function parseForecastQuery(json: Record<string, unknown>): ForecastQueryModel {
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
  const history = optionalString(json, 'history');
  const step = optionalString(json, 'step');
  return {
    expr,
    horizonMs,
    level,
    historyMs: history !== undefined ? parseDuration(history, 'history') : undefined,
    stepMs: step !== undefined ? parseDuration(step, 'step') : undefined,
    output: oneOf(json, 'output', ['series', 'horizon'] as const, 'series'),
    horizonValue: oneOf(json, 'horizonValue', ['predicted', 'upper', 'lower'] as const, 'predicted'),
    reduce: oneOf(json, 'reduce', ['last', 'max', 'min'] as const, 'last'),
    legendFormat: optionalString(json, 'legendFormat'),
  };
}

/** Lets other requests (health checks, other panels) run between CPU-heavy fits. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function runForecastQuery(
  query: DataQuery,
  json: Record<string, unknown>,
  instance: DatasourceInstance,
  context: { fromAlert: boolean; signal: AbortSignal },
): Promise<DataResponse> {
  const model = parseForecastQuery(json);
  const range = analysisRange(query, {
    historyMs: model.historyMs,
    stepMs: model.stepMs,
    maxPoints: instance.settings.maxPointsPerSeries,
  });
  const horizonSteps = Math.ceil(model.horizonMs / range.stepMs);
  if (horizonSteps > MAX_HORIZON_STEPS) {
    throw new QueryError(
      `a horizon of ${model.horizonMs / 1000}s at a ${range.stepMs / 1000}s step is ${horizonSteps} steps; the limit is ${MAX_HORIZON_STEPS}. Shorten the horizon or use a larger step`,
    );
  }
  validateForecastOptions({ horizon: horizonSteps, level: model.level, stepMs: range.stepMs });

  const { series, warnings } = await instance.prometheus.queryRange(model.expr, range, {
    signal: context.signal,
    maxSeries: instance.settings.maxSeries,
  });
  const executed = `${model.expr} (step ${range.stepMs / 1000}s, horizon ${model.horizonMs / 1000}s)`;
  const frames: Frame[] = [];
  const skipped: string[] = [];
  for (const s of series) {
    const grid = toGrid(s.timestamps, s.values, range.stepMs);
    if (!grid || grid.values.length < 2) {
      skipped.push(JSON.stringify(s.labels));
      continue;
    }
    const result = forecast(grid.values, { horizon: horizonSteps, level: model.level, stepMs: range.stepMs });
    if (grid.filled > 0) {
      result.notes.push(`${grid.filled} missing step(s) were filled by interpolation`);
    }
    const forecasted: ForecastedSeries = {
      labels: s.labels,
      historyStartMs: grid.startMs,
      stepMs: range.stepMs,
      history: grid.values,
      forecast: result,
    };
    if (model.output === 'horizon') {
      frames.push(horizonFrame(forecasted, query.refId, executed, model.horizonValue, model.reduce));
    } else if (context.fromAlert) {
      frames.push(alertSeriesFrame(forecasted, query.refId, executed));
    } else {
      frames.push(dashboardFrame(forecasted, query.refId, executed, model.legendFormat));
    }
    if (context.signal.aborted) {
      throw new QueryError('the query was cancelled');
    }
    await yieldToEventLoop();
  }
  const notices = [
    ...warnings.map((text) => ({ severity: 'warning' as const, text: `Prometheus: ${text}` })),
    ...(skipped.length ? [{ severity: 'info' as const, text: `${skipped.length} series had fewer than 2 finite points and were left out` }] : []),
  ];
  if (frames.length === 0) {
    return { frames: [emptyFrame(model.output === 'horizon' ? 'numeric-multi' : 'timeseries-multi', notices.length ? notices : undefined)] };
  }
  if (notices.length) {
    frames[0].meta = { ...frames[0].meta, notices: [...(frames[0].meta?.notices ?? []), ...notices] };
  }
  return { frames };
}
