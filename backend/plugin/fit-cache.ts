// Forecast fits kept between requests, per series, so that an alert rule evaluated every minute on
// hundreds of series does not refit every one of them each time.
//
// augurs' MSTL and ETS have no update-with-new-points call, so the refresh is done here: a fit is
// made for the horizon plus some slack, and while new points keep arriving inside its band, the
// next request reads the same forecast shifted by the steps that passed (it is the same model's
// forecast for those times). It is refitted when a new point falls well outside the band (the
// model no longer explains the data), when the history changed under it, when it has been shifted by the
// slack, or when the request's options differ. The seasonal periods found at the first fit are
// reused by refits until a quarter of the history has passed, as detecting them costs as much as a
// small fit. Shifting keeps the band as wide as it was for the further step, so it errs wide.

import { forecast, type Forecast, type ForecastOptions } from '../analyzers/forecast/forecast';
import { detectPeriods } from '../analyzers/forecast/seasonality';
import type { GridSeries } from '../analyzers/series/grid';

export interface FitCacheOptions {
  /** Entries kept, least recently used dropped first. */
  maxEntries?: number;
  /** Forecast values kept in all (each entry holds three arrays of horizon + slack). */
  maxValues?: number;
  /**
   * Steps a fit may be shifted by before it is refitted, however well it does. Default: a quarter
   * of the horizon, at least MIN_SLACK_STEPS (an alert rule evaluated every step then refits each
   * series about every tenth evaluation, or as soon as a point leaves the band).
   */
  slackSteps?: number;
}

export const MIN_SLACK_STEPS = 10;
/** A new point further from the forecast than this many half-widths of its band forces a refit. */
export const BAND_TOLERANCE = 1.5;

interface Entry {
  /** Grid slot (time / step) of the last point the fit saw, and that point's value. */
  endSlot: number;
  endValue: number;
  forecast: Forecast;
  periods: number[];
  periodsSlot: number;
  size: number;
}

export type FitOutcome = 'fitted' | 'reused' | 'refitted';

export interface CachedForecast {
  forecast: Forecast;
  outcome: FitOutcome;
  /** Why a cached fit was not reused (empty for a first fit or a reuse). */
  reason?: string;
}

export interface FitCacheStats {
  fitted: number;
  reused: number;
  refitted: number;
  entries: number;
  values: number;
}

function slice(f: Forecast, from: number, horizon: number): Forecast {
  return {
    ...f,
    mean: f.mean.slice(from, from + horizon),
    lower: f.lower.slice(from, from + horizon),
    upper: f.upper.slice(from, from + horizon),
    notes: [...f.notes],
  };
}

export class FitCache {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly maxValues: number;
  private readonly slackSteps?: number;
  private values = 0;
  private counts = { fitted: 0, reused: 0, refitted: 0 };

  constructor(options: FitCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 10_000;
    this.maxValues = options.maxValues ?? 4_000_000; // 32 MB of doubles
    this.slackSteps = options.slackSteps;
  }

  stats(): FitCacheStats {
    return { ...this.counts, entries: this.entries.size, values: this.values };
  }

  /**
   * The forecast of `grid` for `options`. `key` names the series and everything the fit depends on
   * besides the data (expression, labels, step, level, horizon): equal keys must mean equal options.
   */
  forecast(key: string, grid: GridSeries, options: ForecastOptions): CachedForecast {
    const n = grid.values.length;
    const endSlot = Math.round(grid.startMs / grid.stepMs) + n - 1;
    const cached = this.entries.get(key);
    let reason: string | undefined;
    if (cached) {
      reason = this.whyNotReuse(cached, grid, endSlot, options.horizon);
      if (!reason) {
        // Most recently used last, for the LRU order.
        this.entries.delete(key);
        this.entries.set(key, cached);
        this.counts.reused++;
        return { forecast: slice(cached.forecast, endSlot - cached.endSlot, options.horizon), outcome: 'reused' };
      }
      this.drop(key);
    }
    const slack = this.slackSteps ?? Math.max(MIN_SLACK_STEPS, Math.round(options.horizon / 4));
    const reusePeriods = cached && options.periods === undefined && endSlot - cached.periodsSlot <= n / 4;
    const periods = options.periods ?? (reusePeriods ? cached.periods : detectPeriods(grid.values, { stepMs: grid.stepMs }));
    const full = forecast(grid.values, { ...options, horizon: options.horizon + slack, periods });
    const entry: Entry = {
      endSlot,
      endValue: grid.values[n - 1],
      forecast: full,
      periods,
      periodsSlot: reusePeriods ? cached.periodsSlot : endSlot,
      size: full.mean.length * 3,
    };
    this.store(key, entry);
    this.counts[cached ? 'refitted' : 'fitted']++;
    return { forecast: slice(full, 0, options.horizon), outcome: cached ? 'refitted' : 'fitted', reason };
  }

  private whyNotReuse(e: Entry, grid: GridSeries, endSlot: number, horizon: number): string | undefined {
    const shift = endSlot - e.endSlot;
    if (shift < 0) return 'the history ends earlier than the fit';
    if (shift + horizon > e.forecast.mean.length) return `${shift} new step(s): more than the fit's slack`;
    const n = grid.values.length;
    // The point the fit ended on must still be there with the same value (late samples revise it).
    const oldEnd = n - 1 - shift;
    if (oldEnd < 0 || grid.values[oldEnd] !== e.endValue) return 'the history changed under the fit';
    for (let k = 0; k < shift; k++) {
      const v = grid.values[oldEnd + 1 + k];
      const f = e.forecast;
      // Half again the band's width: one point in twenty leaves a 95% band by chance (more when a
      // model's band runs narrow, as MSTL's does by ~10%), and that alone is no reason to refit.
      const mid = (f.upper[k] + f.lower[k]) / 2;
      const reach = BAND_TOLERANCE * ((f.upper[k] - f.lower[k]) / 2);
      if (!(Math.abs(v - mid) <= reach)) return 'a new point fell outside the forecast band';
    }
    return undefined;
  }

  private store(key: string, entry: Entry): void {
    this.entries.set(key, entry);
    this.values += entry.size;
    for (const [k] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.values <= this.maxValues) break;
      this.drop(k);
    }
  }

  private drop(key: string): void {
    const e = this.entries.get(key);
    if (e) {
      this.values -= e.size;
      this.entries.delete(key);
    }
  }

  clear(): void {
    this.entries.clear();
    this.values = 0;
  }
}
