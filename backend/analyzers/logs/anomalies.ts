// Log anomalies over mined patterns, comparing a recent window with the baseline before it:
// patterns never seen in the baseline, per-pattern rate spikes and drops, and surges in the error
// ratio; each with its evidence lines.

import { normalTail } from '../anomaly/stats';
import { countChange, surpriseScore } from './change';
import type { Buckets, Evidence, MinedLogs, PatternGroup } from './patterns';

export type LogAnomalyKind = 'new' | 'spike' | 'drop' | 'errorRatio';

export interface LogAnomaly {
  kind: LogAnomalyKind;
  group: string;
  patternId?: string;
  template?: string;
  /** In [0, 1). */
  score: number;
  baselineCount: number;
  windowCount: number;
  expected: number;
  /** The window's busiest bucket for the pattern: where to look. */
  peakMs: number;
  evidence: Evidence[];
  description: string;
}

export interface LogAnomalyOptions {
  /** First bucket of the window; buckets before it are the baseline. */
  windowStartIndex: number;
  /** Fewest lines in the window for any anomaly. */
  minCount?: number;
  /** Smallest ratio of observed to expected for a spike (or expected to observed for a drop). */
  minRatio?: number;
  /** Smallest score reported. */
  threshold?: number;
}

const sum = (a: Float64Array, from: number, to: number) => {
  let s = 0;
  for (let i = from; i < to; i++) s += a[i];
  return s;
};

function peak(b: Buckets, series: Float64Array, from: number): number {
  let best = from;
  for (let i = from; i < series.length; i++) if (series[i] > series[best]) best = i;
  return b.startMs + best * b.stepMs;
}

function windowEvidence(p: PatternGroup, windowStartMs: number): Evidence[] {
  const inWindow = p.evidence.filter((e) => e.timeMs >= windowStartMs);
  return inWindow.length > 0 ? inWindow : p.evidence;
}

export function detectLogAnomalies(mined: MinedLogs, opts: LogAnomalyOptions): LogAnomaly[] {
  const b = mined.buckets;
  const w = opts.windowStartIndex;
  if (!(w >= 1 && w < b.count)) {
    throw new RangeError(`the window must leave at least one baseline bucket and one window bucket (start ${w} of ${b.count})`);
  }
  const minCount = opts.minCount ?? 3;
  const minRatio = opts.minRatio ?? 2;
  const threshold = opts.threshold ?? 0.5;
  const baselineMs = w * b.stepMs;
  const windowMs = (b.count - w) * b.stepMs;
  const windowStartMs = b.startMs + baselineMs;
  const out: LogAnomaly[] = [];

  for (const p of mined.patterns) {
    const before = sum(p.series, 0, w);
    const inWin = sum(p.series, w, b.count);
    const c = countChange(before, baselineMs, inWin, windowMs);
    const template = p.template.tokens.join(' ');
    const base = { group: p.group, patternId: p.patternId, template, baselineCount: before, windowCount: inWin, expected: c.expected };
    if (before === 0 && inWin >= minCount && c.score >= threshold) {
      out.push({ ...base, kind: 'new', score: c.score, peakMs: peak(b, p.series, w), evidence: windowEvidence(p, windowStartMs), description: `new pattern: ${inWin} lines, none in the baseline` });
    } else if (c.direction === 'up' && inWin >= minCount && inWin >= minRatio * c.expected && c.score >= threshold) {
      out.push({ ...base, kind: 'spike', score: c.score, peakMs: peak(b, p.series, w), evidence: windowEvidence(p, windowStartMs), description: `${inWin} lines where ${c.expected.toFixed(1)} were expected` });
    } else if (c.direction === 'down' && c.expected >= minCount * minRatio && c.expected >= minRatio * Math.max(inWin, 0.5) && c.score >= threshold) {
      out.push({ ...base, kind: 'drop', score: c.score, peakMs: windowStartMs, evidence: p.evidence.slice(-2), description: `${inWin} lines where ${c.expected.toFixed(1)} were expected` });
    }
  }

  for (const ls of mined.levels) {
    const n0 = sum(ls.total, 0, w);
    const e0 = sum(ls.errors, 0, w);
    const n1 = sum(ls.total, w, b.count);
    const e1 = sum(ls.errors, w, b.count);
    if (n1 === 0 || e1 < minCount) continue;
    // Baseline ratio with a prior of one error in a hundred lines' worth, so an empty baseline is not 0.
    const p0 = (e0 + 0.01 * 10) / (n0 + 10);
    const p1 = e1 / n1;
    if (p1 < minRatio * p0) continue;
    const z = (e1 - n1 * p0) / Math.sqrt(n1 * p0 * (1 - p0));
    const surprise = -Math.log10(Math.max(normalTail(z), 1e-300));
    const score = surpriseScore(surprise);
    if (score < threshold) continue;
    const errorPatterns = mined.patterns.filter((p) => p.group === ls.group && p.levels.error + p.levels.critical > 0);
    const evidence = errorPatterns.flatMap((p) => windowEvidence(p, windowStartMs).filter((e) => e.timeMs >= windowStartMs)).sort((a, b2) => b2.timeMs - a.timeMs).slice(0, 5);
    out.push({
      kind: 'errorRatio',
      group: ls.group,
      score,
      baselineCount: e0,
      windowCount: e1,
      expected: n1 * p0,
      peakMs: peak(b, ls.errors, w),
      evidence,
      description: `error ratio ${(100 * p1).toFixed(1)}% (${e1} of ${n1} lines) against ${(100 * (e0 / Math.max(n0, 1))).toFixed(1)}% before`,
    });
  }
  return out.sort((a, b2) => b2.score - a.score);
}
