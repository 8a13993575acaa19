// "Which of these series is odd?": augurs' OutlierDetector over a group of series (hosts, pods,
// instances of one metric). Not single-series anomaly detection: a series is an outlier where it
// leaves the band the group's majority shares, whatever the group does over time.
//
// - 'dbscan': at each timestamp, 1-D DBSCAN over the series' values; the cluster holding at least
//   half the series is normal. Needs three series or more. Sensitivity in (0, 1): higher finds more.
// - 'mad': a double-MAD (median absolute deviation) test at each timestamp; threshold from the
//   sensitivity (0.5 ≈ 2.9 MADs).
//
// The series are aligned first: put on one regular grid (the median of their steps unless given),
// gaps inside a series interpolated, and cut to the time range they all cover.

import { initSync, OutlierDetector } from '@bsull/augurs/outlier';
import { augursWasm } from '../models/augurs-wasm';
import { SeriesError, toGrid } from '../series/grid';
import type { AnomalySeries } from './types';

let ready = false;

function ensureOutlier(): void {
  if (!ready) {
    initSync({ module: augursWasm('outlier') });
    ready = true;
  }
}

export type OutlierMethod = 'dbscan' | 'mad';

export interface SeriesOutlierOptions {
  method?: OutlierMethod;
  /** In (0, 1); higher flags more (default 0.5 for 'mad', 0.9 for 'dbscan', as Grafana's apps use them). */
  sensitivity?: number;
  /** Grid step in ms (default: the median of the series' median spacings). */
  stepMs?: number;
}

export interface SeriesOutlier {
  /** Index of the series in the input. */
  index: number;
  isOutlier: boolean;
  /** Time ranges (ms) in which it is outlying; `endMs` undefined when it still is at the end. */
  intervals: Array<{ startMs: number; endMs: number | undefined }>;
  /** augurs' per-timestamp outlier scores, on the common grid. */
  scores: Float64Array;
  /** Left out of the comparison (no finite value in the common range). */
  excluded: boolean;
}

export interface SeriesOutlierResult {
  method: OutlierMethod;
  sensitivity: number;
  /** The common grid. */
  timestamps: Float64Array;
  /** Indices of the outlying series, as in the input. */
  outliers: number[];
  series: SeriesOutlier[];
  /** The band of normal values at each timestamp; undefined when the method found no cluster. */
  band?: { min: Float64Array; max: Float64Array };
  notes: string[];
}

function medianOf(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/** Median spacing of a series' finite, distinct timestamps (NaN if fewer than two). */
function spacing(s: AnomalySeries): number {
  const ts = Array.from(s.timestamps).filter(Number.isFinite).sort((a, b) => a - b);
  const diffs: number[] = [];
  for (let i = 1; i < ts.length; i++) {
    if (ts[i] > ts[i - 1]) {
      diffs.push(ts[i] - ts[i - 1]);
    }
  }
  return diffs.length > 0 ? medianOf(diffs) : NaN;
}

export function seriesOutliers(group: AnomalySeries[], options: SeriesOutlierOptions = {}): SeriesOutlierResult {
  const method = options.method ?? 'mad';
  if (method !== 'dbscan' && method !== 'mad') {
    throw new SeriesError(`the outlier method must be "dbscan" or "mad", got ${String(method)}`);
  }
  const sensitivity = options.sensitivity ?? (method === 'dbscan' ? 0.9 : 0.5);
  if (!(sensitivity > 0 && sensitivity < 1)) {
    throw new SeriesError(`the sensitivity must be between 0 and 1 (exclusive), got ${sensitivity}`);
  }
  const notes: string[] = [];
  group.forEach((s, i) => {
    if (s.timestamps.length !== s.values.length) {
      throw new SeriesError(`series ${i} has ${s.timestamps.length} timestamps but ${s.values.length} values`);
    }
  });
  const steps = group.map(spacing).filter(Number.isFinite);
  const stepMs = options.stepMs ?? (steps.length > 0 ? medianOf(steps) : NaN);
  if (!(stepMs > 0)) {
    throw new SeriesError('cannot compare the series: none has two points at distinct times (or give a step)');
  }
  const grids = group.map((s) => toGrid(s.timestamps, s.values, stepMs));
  const present = grids.map((g, i) => (g ? i : -1)).filter((i) => i >= 0);
  const excludedEmpty = grids.length - present.length;
  if (excludedEmpty > 0) {
    notes.push(`${excludedEmpty} series without a finite value left out`);
  }
  const empty = (excluded: boolean, i: number): SeriesOutlier => ({ index: i, isOutlier: false, intervals: [], scores: new Float64Array(0), excluded });
  if (present.length === 0) {
    throw new SeriesError('no series has a finite value');
  }
  // The range every present series covers.
  const start = Math.max(...present.map((i) => grids[i]!.startMs));
  const end = Math.min(...present.map((i) => grids[i]!.startMs + (grids[i]!.values.length - 1) * stepMs));
  if (end < start) {
    throw new SeriesError('the series do not overlap in time: nothing to compare');
  }
  const length = Math.round((end - start) / stepMs) + 1;
  const timestamps = Float64Array.from({ length }, (_, k) => start + k * stepMs);
  const rows = present.map((i) => {
    const g = grids[i]!;
    const offset = Math.round((start - g.startMs) / stepMs);
    return g.values.slice(offset, offset + length);
  });
  const result: SeriesOutlierResult = {
    method,
    sensitivity,
    timestamps,
    outliers: [],
    series: group.map((_, i) => empty(!present.includes(i), i)),
    notes,
  };
  if (present.length < 3) {
    notes.push(`only ${present.length} series to compare: finding the odd one out needs at least 3`);
    return result;
  }
  ensureOutlier();
  using detector = method === 'dbscan' ? OutlierDetector.dbscan({ sensitivity }) : OutlierDetector.mad({ sensitivity });
  const out = detector.detect(rows);
  out.seriesResults.forEach((r, k) => {
    const i = present[k];
    result.series[i] = {
      index: i,
      isOutlier: r.isOutlier,
      intervals: r.outlierIntervals.map((iv) => ({
        startMs: timestamps[iv.start],
        endMs: iv.end === undefined || iv.end === null ? undefined : timestamps[Math.min(iv.end, length - 1)],
      })),
      scores: Float64Array.from(r.scores),
      excluded: false,
    };
  });
  result.outliers = out.outlyingSeries.map((k) => present[k]).sort((a, b) => a - b);
  if (out.clusterBand) {
    result.band = { min: Float64Array.from(out.clusterBand.min), max: Float64Array.from(out.clusterBand.max) };
  } else {
    notes.push('no cluster of normal series was found at any timestamp');
  }
  return result;
}
