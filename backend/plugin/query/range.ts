// Chooses the history window and the step a query's analysis runs on.

import type { DataQuery } from '../../protocol';
import { QueryError, optionalString, parseDuration } from './model';

/** The query's own `history` and `step` (durations), which override what the range and interval give. */
export interface RangeOptions {
  historyMs?: number;
  stepMs?: number;
}

export function parseRangeOptions(json: Record<string, unknown>): RangeOptions {
  const history = optionalString(json, 'history');
  const step = optionalString(json, 'step');
  return {
    historyMs: history !== undefined ? parseDuration(history, 'history') : undefined,
    stepMs: step !== undefined ? parseDuration(step, 'step') : undefined,
  };
}

export interface AnalysisRange {
  startMs: number;
  endMs: number;
  stepMs: number;
}

const NICE_STEPS_MS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400].map((s) => s * 1000);

/** The smallest "round" step at least `ms` long, so grids line up across refreshes. */
export function niceStep(ms: number): number {
  return NICE_STEPS_MS.find((s) => s >= ms) ?? Math.ceil(ms / 86_400_000) * 86_400_000;
}

/**
 * History ends at the query's `to`. It starts at `to - history` when the query names a history
 * (alert rules do: their own range is often minutes), else at the query's `from`. The step is the
 * explicit one, else the coarsest of Grafana's interval and what keeps points under the cap.
 */
export function analysisRange(
  query: DataQuery,
  opts: { historyMs?: number; stepMs?: number; maxPoints: number },
): AnalysisRange {
  const endRaw = query.timeRange.toMs;
  const startRaw = opts.historyMs !== undefined ? endRaw - opts.historyMs : query.timeRange.fromMs;
  if (!(endRaw > startRaw)) {
    throw new QueryError('the time range is empty: "from" must be before "to"');
  }
  const span = endRaw - startRaw;
  const maxPoints = Math.max(2, Math.min(opts.maxPoints, query.maxDataPoints > 0 ? query.maxDataPoints : opts.maxPoints));
  let stepMs: number;
  if (opts.stepMs !== undefined) {
    if (!(opts.stepMs >= 1000)) {
      throw new QueryError('step must be at least 1s');
    }
    stepMs = opts.stepMs;
    if (span / stepMs + 1 > opts.maxPoints) {
      throw new QueryError(
        `a step of ${stepMs / 1000}s over this range gives ${Math.floor(span / stepMs) + 1} points per series; the limit is ${opts.maxPoints}. Use a larger step or a shorter history`,
      );
    }
  } else {
    stepMs = niceStep(Math.max(query.intervalMs, 1000, span / (maxPoints - 1)));
  }
  // Align to the step so successive refreshes ask Prometheus for the same grid.
  const endMs = Math.floor(endRaw / stepMs) * stepMs;
  const startMs = Math.ceil(startRaw / stepMs) * stepMs;
  if (endMs <= startMs) {
    throw new QueryError(`the time range is shorter than one step (${stepMs / 1000}s)`);
  }
  return { startMs, endMs, stepMs };
}
