// Throughput benchmark: forecasts and anomaly scores for many series (default 1,000 × 2,016 points,
// a week at 5 minutes), on one thread, so the rates are per core. Then the load of an alert rule
// evaluated every step on the same series: each evaluation adds one new point per series and asks
// for the forecast again, through the fit cache (backend/plugin/fit-cache.ts) and, in the same run,
// by refitting from scratch. Prints series per second, peak memory, and where the time goes.
//
//   npm run bench:throughput -- [--series 1000] [--points 2016] [--horizon 12] [--evaluations 5]
//
// The series are generated (seeded): daily and weekly cycles of random phase and amplitude, trends,
// noise and level shifts, like a fleet of hosts; the figures measure cost, not accuracy.

import { detectAnomalies } from '../../backend/analyzers/anomaly';
import { forecast } from '../../backend/analyzers/forecast/forecast';
import { detectPeriods } from '../../backend/analyzers/forecast/seasonality';
import type { GridSeries } from '../../backend/analyzers/series/grid';
import { FitCache } from '../../backend/plugin/fit-cache';

const STEP = 300_000;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!(Number.isInteger(v) && v > 0)) throw new Error(`--${name} must be a positive whole number`);
  return v;
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** A generator of one series' values, point by point, so that evaluations can append to it. */
function seriesGenerator(seed: number): (i: number) => number {
  const r = rng(seed);
  const base = 20 + 80 * r();
  const daily = base * 0.3 * r();
  const weekly = r() < 0.4 ? base * 0.2 * r() : 0;
  const trend = (r() - 0.5) * base * 1e-4;
  const noise = base * 0.05 * r();
  const phase = 2 * Math.PI * r();
  const shiftAt = r() < 0.2 ? Math.floor(2016 * r()) : Infinity;
  const n = rng(seed * 7919 + 1);
  return (i) => {
    // Day 0 is a Wednesday: a week of history then ends on a Tuesday, not on the weekend-to-Monday
    // edge, where any model without the weekly period (which one week of history cannot show) is wrong.
    const weekend = (Math.floor(i / 288) + 2) % 7 >= 5 ? -weekly : 0;
    return base + daily * Math.sin((2 * Math.PI * i) / 288 + phase) + weekend + trend * i + noise * (n() + n() - 1) + (i >= shiftAt ? base * 0.3 : 0);
  };
}

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(0)} MiB`;
}

function main(): void {
  const count = arg('series', 1000);
  const points = arg('points', 2016);
  const horizon = arg('horizon', 12);
  const evaluations = arg('evaluations', 5);
  const level = 0.95;
  console.log(`throughput: ${count} series × ${points} points at 5 min, horizon ${horizon} steps, ${evaluations} alert evaluations, one thread (Node ${process.version})`);

  const generators = Array.from({ length: count }, (_, k) => seriesGenerator(k + 1));
  const history = generators.map((g) => Array.from({ length: points + evaluations }, (_, i) => g(i)));
  const gridAt = (k: number, offset: number): GridSeries => ({
    startMs: offset * STEP,
    stepMs: STEP,
    values: Float64Array.from(history[k].slice(offset, offset + points)),
    filled: 0,
  });
  const rssBefore = process.memoryUsage().rss;

  // 1. Period detection alone: part of every fit, measured apart to say where the time goes.
  let started = performance.now();
  for (let k = 0; k < count; k++) detectPeriods(gridAt(k, 0).values, { stepMs: STEP });
  const detectS = (performance.now() - started) / 1000;

  // 2. Cold forecasts through the cache (every one a fit).
  const cache = new FitCache();
  const models = new Map<string, number>();
  started = performance.now();
  for (let k = 0; k < count; k++) {
    const r = cache.forecast(`s${k}`, gridAt(k, 0), { horizon, level, stepMs: STEP });
    models.set(r.forecast.model, (models.get(r.forecast.model) ?? 0) + 1);
  }
  const coldS = (performance.now() - started) / 1000;

  // 3. Anomaly scores (seasonal residual, online: as alert rules evaluate it).
  started = performance.now();
  let flagged = 0;
  for (let k = 0; k < count; k++) {
    const g = gridAt(k, 0);
    const r = detectAnomalies('seasonal-residual', { timestamps: Float64Array.from(g.values, (_, i) => g.startMs + i * STEP), values: g.values }, { mode: 'online', stepMs: STEP });
    flagged += r.flag.reduce((a, b) => a + b, 0);
  }
  const anomalyS = (performance.now() - started) / 1000;

  // 4. Alert evaluations: one new point per series each time, through the cache…
  const before = cache.stats();
  const reasons = new Map<string, number>();
  started = performance.now();
  for (let e = 1; e <= evaluations; e++) {
    for (let k = 0; k < count; k++) {
      const r = cache.forecast(`s${k}`, gridAt(k, e), { horizon, level, stepMs: STEP });
      if (r.reason) reasons.set(r.reason, (reasons.get(r.reason) ?? 0) + 1);
    }
  }
  const cachedS = (performance.now() - started) / 1000;
  const after = cache.stats();

  // …and from scratch, on the same data (a sample of evaluations when there are many series).
  const scratchEvaluations = Math.min(evaluations, 2);
  started = performance.now();
  for (let e = 1; e <= scratchEvaluations; e++) {
    for (let k = 0; k < count; k++) forecast(gridAt(k, e).values, { horizon, level, stepMs: STEP });
  }
  const scratchS = (performance.now() - started) / 1000;

  const usage = process.resourceUsage();
  const rate = (n: number, s: number) => `${(n / s).toFixed(1)} series/s`;
  console.log('');
  console.log(`period detection          ${detectS.toFixed(1)} s   ${rate(count, detectS)}`);
  console.log(`forecast, cold            ${coldS.toFixed(1)} s   ${rate(count, coldS)}   models: ${[...models].map(([m, n]) => `${m} ${n}`).join(', ')}`);
  console.log(`anomaly score (online)    ${anomalyS.toFixed(1)} s   ${rate(count, anomalyS)}   ${flagged} points flagged of ${count * points}`);
  console.log(
    `alert evaluation, cached  ${cachedS.toFixed(1)} s   ${rate(count * evaluations, cachedS)}   reused ${after.reused - before.reused}, refitted ${after.refitted - before.refitted} of ${count * evaluations}${reasons.size ? ` (${[...reasons].map(([r, n]) => `${r}: ${n}`).join('; ')})` : ''}`,
  );
  console.log(`alert evaluation, refit   ${scratchS.toFixed(1)} s   ${rate(count * scratchEvaluations, scratchS)}   (${scratchEvaluations} evaluation(s), same data)`);
  console.log('');
  console.log(`speed-up of the cache on alert evaluations: ${((count * evaluations) / cachedS / ((count * scratchEvaluations) / scratchS)).toFixed(1)}×`);
  console.log(`peak RSS ${mib(usage.maxRSS * 1024)} (${mib(rssBefore)} after generating the data); fit cache holds ${after.entries} entries, ${after.values} values`);
  console.log(`period detection is ${((100 * detectS) / coldS).toFixed(0)}% of a cold forecast; the rest is the MSTL/ETS fit in WebAssembly, on one thread (CPU-bound: no I/O in any phase)`);
}

main();
