// The `risk` query type: a 0–1 failure risk per service, combining up to three signals read from
// the service's series (grouped by a label, `service` by default):
//   crossing  `expr` forecast against `threshold`: the probability it crosses within the horizon;
//   capacity  `usageExpr` against `limit`/`limitExpr`: the probability it exhausts the limit;
//   anomaly   `anomalyExpr`: the highest online anomaly score over the last `anomalyWindow`.
// Each signal reuses its own query type's parsing and analysis; the combination is the analyzer's.

import { detectAnomalies } from '../../analyzers/anomaly';
import { capacity } from '../../analyzers/capacity/capacity';
import { thresholdCrossing } from '../../analyzers/predict/crossing';
import { riskByService, type ServiceSignal } from '../../analyzers/risk/risk';
import { emptyFrame, type DataQuery, type DataResponse, type Notice } from '../../protocol';
import { formatLabels } from '../frames/labels';
import { withNotices } from '../frames/notices';
import { riskAlertFrame, riskTableFrame } from '../frames/risk';
import type { DatasourceInstance } from '../instance';
import { parseAnomalyQuery } from './anomaly';
import { parseCapacityQuery } from './capacity';
import { forecastQuerySeries, yieldToEventLoop } from './forecasting';
import { limitSeries, matchLimit } from './limits';
import { QueryError, oneOf, optionalString, parseDuration } from './model';
import { parsePredictQuery } from './predict';
import { analysisRange } from './range';

export interface RiskQueryModel {
  groupBy: string;
  crossing?: ReturnType<typeof parsePredictQuery>;
  capacity?: ReturnType<typeof parseCapacityQuery>;
  anomaly?: ReturnType<typeof parseAnomalyQuery>;
  anomalyWindowMs: number;
  output: 'table' | 'alert';
}

/** The fields one signal reads, taken from the risk query under that signal's own names. */
function pick(json: Record<string, unknown>, keys: string[], rename: Record<string, string> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (json[k] !== undefined) out[k] = json[k];
  for (const [from, to] of Object.entries(rename)) if (json[from] !== undefined) out[to] = json[from];
  return out;
}

const COMMON = ['horizon', 'level', 'history', 'step', 'method'];

export function parseRiskQuery(json: Record<string, unknown>): RiskQueryModel {
  const groupBy = optionalString(json, 'groupBy') ?? 'service';
  if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(groupBy)) {
    throw new QueryError(`groupBy must be a label name; got ${JSON.stringify(groupBy)}`);
  }
  const model: RiskQueryModel = {
    groupBy,
    anomalyWindowMs: parseDuration(json.anomalyWindow ?? '15m', 'anomalyWindow'),
    output: oneOf(json, 'output', ['table', 'alert'] as const, 'table'),
  };
  if (optionalString(json, 'expr')) {
    model.crossing = parsePredictQuery(pick(json, [...COMMON, 'expr', 'threshold', 'direction']));
  }
  if (optionalString(json, 'usageExpr')) {
    model.capacity = parseCapacityQuery(pick(json, [...COMMON, 'limit', 'limitExpr', 'target'], { usageExpr: 'expr' }));
  }
  if (optionalString(json, 'anomalyExpr')) {
    model.anomaly = parseAnomalyQuery(pick(json, ['history', 'step', 'detector'], { anomalyExpr: 'expr' }));
  }
  if (!model.crossing && !model.capacity && !model.anomaly) {
    throw new QueryError('a risk query needs at least one signal: expr with threshold (crossing), usageExpr with limit or limitExpr (capacity), or anomalyExpr (anomaly)');
  }
  return model;
}

const minutes = (steps: number, stepMs: number) => `${+((steps * stepMs) / 60_000).toFixed(1)} min`;

export async function runRiskQuery(
  query: DataQuery,
  json: Record<string, unknown>,
  instance: DatasourceInstance,
  context: { fromAlert: boolean; signal: AbortSignal },
): Promise<DataResponse> {
  const model = parseRiskQuery(json);
  const signals: ServiceSignal[] = [];
  const notices: Notice[] = [];
  const described: string[] = [];
  let unlabelled = 0;
  const serviceOf = (labels: Record<string, string>) => {
    const s = labels[model.groupBy];
    if (s === undefined) unlabelled++;
    return s ?? `(no ${model.groupBy})`;
  };

  if (model.crossing) {
    const m = model.crossing;
    const r = await forecastQuerySeries(query, m, instance, context.signal);
    notices.push(...r.notices);
    described.push(`crossing: ${r.executed}, ${m.direction} ${m.threshold}`);
    for (const s of r.series) {
      const c = thresholdCrossing(s.history[s.history.length - 1], s.forecast, m.threshold, m.direction);
      const when = c.alreadyCrossed ? 'already past' : c.expectedSteps !== undefined ? `expected in ${minutes(c.expectedSteps, s.stepMs)}` : 'not expected within the horizon';
      signals.push({ service: serviceOf(s.labels), kind: 'crossing', source: formatLabels(s.labels), value: c.probability, detail: `${m.direction} ${m.threshold} ${when}` });
    }
  }

  if (model.capacity) {
    const m = model.capacity;
    const r = await forecastQuerySeries(query, m, instance, context.signal);
    notices.push(...r.notices);
    described.push(`capacity: ${r.executed}, limit ${m.limitExpr ?? m.limit}`);
    const limits = m.limitExpr !== undefined ? limitSeries((await instance.prometheus.queryRange(m.limitExpr, r.range, { signal: context.signal, maxSeries: instance.settings.maxSeries })).series) : [];
    let unmatched = 0;
    for (const s of r.series) {
      const match = m.limit !== undefined ? { value: m.limit } : matchLimit(s.labels, limits);
      if ('problem' in match || !(match.value > 0)) {
        unmatched++;
        continue;
      }
      const c = capacity(s.history[s.history.length - 1], s.forecast, { limit: match.value, target: m.target });
      const when = c.exhaustionSteps !== undefined ? `exhausted in ${minutes(c.exhaustionSteps, s.stepMs)}` : `peak ${(c.peakUtilisation * 100).toFixed(0)}% of the limit`;
      signals.push({ service: serviceOf(s.labels), kind: 'capacity', source: formatLabels(s.labels), value: c.exhaustionProbability, detail: when });
    }
    if (unmatched > 0) {
      notices.push({ severity: 'warning', text: `${unmatched} usage series have no matching positive limit and give no capacity signal (see the capacity query for which)` });
    }
  }

  if (model.anomaly) {
    const m = model.anomaly;
    const range = analysisRange(query, { historyMs: m.historyMs, stepMs: m.stepMs, maxPoints: instance.settings.maxPointsPerSeries });
    const { series, warnings } = await instance.prometheus.queryRange(m.expr, range, { signal: context.signal, maxSeries: instance.settings.maxSeries });
    notices.push(...warnings.map((text) => ({ severity: 'warning' as const, text: `Prometheus (anomaly): ${text}` })));
    described.push(`anomaly: ${m.expr} (${m.detector} online)`);
    const since = range.endMs - model.anomalyWindowMs;
    for (const s of series) {
      if (s.timestamps.length === 0) continue;
      // Online: an alert must not change its mind when later data arrives.
      const result = detectAnomalies(m.detector, s, { mode: 'online', stepMs: range.stepMs });
      let score = 0;
      for (let i = 0; i < result.timestamps.length; i++) if (result.timestamps[i] >= since) score = Math.max(score, result.score[i]);
      signals.push({ service: serviceOf(s.labels), kind: 'anomaly', source: formatLabels(s.labels), value: score, detail: `highest score over the last ${model.anomalyWindowMs / 60_000} min` });
      if (context.signal.aborted) throw new QueryError('the query was cancelled');
      await yieldToEventLoop();
    }
  }

  if (unlabelled > 0) {
    notices.push({ severity: 'info', text: `${unlabelled} series have no "${model.groupBy}" label and are grouped as "(no ${model.groupBy})"` });
  }
  const rows = riskByService(signals);
  const executed = described.join('; ');
  if (model.output === 'alert' || context.fromAlert) {
    const frames = rows.map((r) => riskAlertFrame(r, query.refId, executed, model.groupBy));
    return { frames: withNotices(frames.length ? frames : [emptyFrame('numeric-multi')], notices) };
  }
  return { frames: withNotices([riskTableFrame(rows, query.refId, executed, model.groupBy)], notices) };
}
