// Prediction accuracy measured on real data: a forecast made as of an earlier time, against what the
// series then did. Both sides are frames from our forecast query (backend/plugin/frames/forecast.ts):
// the past forecast's predicted/lower/upper fields, and a later query's actual field.

import type { DataFrame } from '@grafana/data';
import { field, numberAt } from './frames';

export interface Backtest {
  series: string;
  /** Forecast points that have an observed value to compare with. */
  points: number;
  /** Mean absolute error, in the series' unit. */
  mae: number | null;
  /** Mean absolute percentage error, over points whose actual value is not zero. */
  mape: number | null;
  /** Share of the observed values inside the forecast band, to compare with its nominal level. */
  coverage: number | null;
  level: number | null;
  model: string;
}

interface Observed {
  times: number[];
  values: Array<number | null>;
}

function observed(frame: DataFrame): Observed | undefined {
  const time = field(frame, 'time');
  const actual = field(frame, 'actual');
  if (!time || !actual) {
    return undefined;
  }
  return { times: time.values as number[], values: Array.from({ length: frame.length }, (_, i) => numberAt(actual, i)) };
}

/** The observed value nearest to t (times ascending), if one lies within the tolerance. */
function nearest(o: Observed, t: number, toleranceMs: number): number | null {
  let lo = 0;
  let hi = o.times.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (o.times[mid] < t) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  let best: number | null = null;
  let bestDistance = Infinity;
  for (const i of [lo - 1, lo]) {
    if (i >= 0 && i < o.times.length && o.values[i] !== null && Math.abs(o.times[i] - t) < bestDistance) {
      bestDistance = Math.abs(o.times[i] - t);
      best = o.values[i];
    }
  }
  return bestDistance <= toleranceMs ? best : null;
}

export function backtest(pastForecast: DataFrame[], later: DataFrame[]): Backtest[] {
  const observedBySeries = new Map<string, Observed>();
  for (const frame of later) {
    const o = observed(frame);
    if (o && frame.name) {
      observedBySeries.set(frame.name, o);
    }
  }
  const results: Backtest[] = [];
  for (const frame of pastForecast) {
    const time = field(frame, 'time');
    const predicted = field(frame, 'predicted');
    const o = frame.name ? observedBySeries.get(frame.name) : undefined;
    if (!time || !predicted || !o) {
      continue;
    }
    const actualThen = field(frame, 'actual');
    const lower = field(frame, 'lower');
    const upper = field(frame, 'upper');
    const stepMs = Number(frame.meta?.custom?.stepMs) || Number(time.config.interval) || 60_000;
    let n = 0;
    let absSum = 0;
    let pctSum = 0;
    let pctN = 0;
    let inside = 0;
    let banded = 0;
    for (let i = 0; i < frame.length; i++) {
      const p = numberAt(predicted, i);
      // Points that were already observed when the forecast was made (where the lines join) do not count.
      if (p === null || numberAt(actualThen, i) !== null) {
        continue;
      }
      const a = nearest(o, time.values[i] as number, stepMs / 2);
      if (a === null) {
        continue;
      }
      n++;
      absSum += Math.abs(a - p);
      if (a !== 0) {
        pctSum += Math.abs((a - p) / a);
        pctN++;
      }
      const lo = numberAt(lower, i);
      const hi = numberAt(upper, i);
      if (lo !== null && hi !== null) {
        banded++;
        inside += a >= lo && a <= hi ? 1 : 0;
      }
    }
    results.push({
      series: frame.name!,
      points: n,
      mae: n ? absSum / n : null,
      mape: pctN ? pctSum / pctN : null,
      coverage: banded ? inside / banded : null,
      level: typeof frame.meta?.custom?.level === 'number' ? frame.meta.custom.level : null,
      model: String(frame.meta?.custom?.model ?? ''),
    });
  }
  return results;
}
