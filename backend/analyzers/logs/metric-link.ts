// Which log patterns changed most in and around a metric anomaly's window: each pattern's count
// inside the window (widened by a margin) is compared with its rate before it, and patterns are
// ranked by how surprising the change is, so root-cause work gets log evidence to use.

import { countChange } from './change';
import type { Evidence, MinedLogs } from './patterns';

export interface PatternChange {
  patternId: string;
  template: string;
  group: string;
  direction: 'up' | 'down' | 'new' | 'none';
  score: number;
  before: number;
  during: number;
  expected: number;
  evidence: Evidence[];
}

export interface MetricLinkOptions {
  windowStartMs: number;
  windowEndMs: number;
  /** Widens the window on both sides: logs often lead or trail the metric. */
  marginMs?: number;
  limit?: number;
}

export function linkPatternsToWindow(mined: MinedLogs, opts: MetricLinkOptions): PatternChange[] {
  const b = mined.buckets;
  const margin = opts.marginMs ?? 0;
  const from = Math.max(0, Math.floor((opts.windowStartMs - margin - b.startMs) / b.stepMs));
  const to = Math.min(b.count, Math.ceil((opts.windowEndMs + margin - b.startMs) / b.stepMs));
  if (!(to > from)) throw new RangeError('the anomaly window does not overlap the log range');
  if (from === 0) throw new RangeError('the log range has no history before the anomaly window: start it earlier');
  const baselineMs = from * b.stepMs;
  const windowMs = (to - from) * b.stepMs;
  const out: PatternChange[] = [];
  for (const p of mined.patterns) {
    let before = 0;
    let during = 0;
    for (let i = 0; i < from; i++) before += p.series[i];
    for (let i = from; i < to; i++) during += p.series[i];
    const c = countChange(before, baselineMs, during, windowMs);
    const startMs = b.startMs + from * b.stepMs;
    const endMs = b.startMs + to * b.stepMs;
    const inWindow = p.evidence.filter((e) => e.timeMs >= startMs && e.timeMs < endMs);
    out.push({
      patternId: p.patternId,
      template: p.template.tokens.join(' '),
      group: p.group,
      direction: before === 0 && during > 0 ? 'new' : c.direction,
      score: c.score,
      before,
      during,
      expected: c.expected,
      evidence: inWindow.length ? inWindow : p.evidence.slice(-1),
    });
  }
  out.sort((x, y) => y.score - x.score || y.during - x.during);
  return out.slice(0, opts.limit ?? 50);
}
