// Turns a stream of log records into patterns: each line is mined into a template, and per
// (template, group) the count, first and last seen, a level mix, evidence lines and a count per
// time bucket are kept. The miner is passed in, so a caller that keeps it between queries keeps
// pattern ids stable.

import { detach } from './detach';
import { minedContent } from './content';
import type { Template, TemplateMiner } from './miner';
import { detectLevel, isErrorLevel, LEVELS, parseJsonObject, type LogLevel } from './severity';

export interface LogRecord {
  /** Epoch milliseconds. */
  timeMs: number;
  line: string;
  labels: Record<string, string>;
}

export interface Evidence {
  timeMs: number;
  line: string;
  labels: Record<string, string>;
}

export interface Buckets {
  startMs: number;
  stepMs: number;
  count: number;
}

export interface PatternGroup {
  patternId: string;
  /** The miner's template (live: it generalises as lines arrive, and survives eviction from the miner). */
  template: Template;
  /** The value of the group-by label ('' when not grouped). */
  group: string;
  count: number;
  firstSeenMs: number;
  lastSeenMs: number;
  levels: Record<LogLevel, number>;
  /** Counts per bucket. */
  series: Float64Array;
  /** The first line seen and the latest few. */
  evidence: Evidence[];
}

export interface LevelSeries {
  group: string;
  levels: Record<LogLevel, Float64Array>;
  total: Float64Array;
  errors: Float64Array;
}

export interface MinedLogs {
  buckets: Buckets;
  patterns: PatternGroup[];
  levels: LevelSeries[];
  lines: number;
}

export interface MineOptions {
  buckets: Buckets;
  /** A stream label whose values split each pattern (e.g. service). */
  groupBy?: string;
  /** Evidence lines kept per pattern and group: the first, and the latest `evidence - 1`. */
  evidence?: number;
  /** Longest evidence line kept, in characters. */
  maxEvidenceChars?: number;
}

const zeroLevels = (): Record<LogLevel, number> => Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<LogLevel, number>;

export function bucketIndex(b: Buckets, timeMs: number): number {
  const i = Math.floor((timeMs - b.startMs) / b.stepMs);
  return i < 0 ? 0 : i >= b.count ? b.count - 1 : i;
}

export function bucketTimes(b: Buckets): number[] {
  return Array.from({ length: b.count }, (_, i) => b.startMs + i * b.stepMs);
}

/** A long line cut to its first `max` characters, copied out so that the whole line is not kept alive (detach.ts). */
function clip(line: string, max: number): string {
  return line.length > max ? detach(`${line.slice(0, max)}… (${line.length} characters)`) : line;
}

export function mineRecords(records: Iterable<LogRecord>, miner: TemplateMiner, opts: MineOptions): MinedLogs {
  const { buckets } = opts;
  if (!(buckets.count >= 1 && buckets.stepMs > 0)) throw new RangeError('buckets need a positive step and at least one bucket');
  const keep = Math.max(1, opts.evidence ?? 4);
  const maxChars = opts.maxEvidenceChars ?? 2000;
  const groups = new Map<string, PatternGroup>();
  const levelSeries = new Map<string, LevelSeries>();
  let lines = 0;
  for (const r of records) {
    lines++;
    const json = parseJsonObject(r.line);
    const level = detectLevel(r.line, json);
    const template = miner.add(minedContent(r.line, json));
    const group = opts.groupBy ? (r.labels[opts.groupBy] ?? '') : '';
    const key = `${template.id}\u0000${group}`;
    const bucket = bucketIndex(buckets, r.timeMs);
    let g = groups.get(key);
    if (!g) {
      g = { patternId: template.id, template, group, count: 0, firstSeenMs: r.timeMs, lastSeenMs: r.timeMs, levels: zeroLevels(), series: new Float64Array(buckets.count), evidence: [] };
      groups.set(key, g);
    }
    g.count++;
    g.levels[level]++;
    g.series[bucket]++;
    if (r.timeMs < g.firstSeenMs) g.firstSeenMs = r.timeMs;
    if (r.timeMs > g.lastSeenMs) g.lastSeenMs = r.timeMs;
    const ev = { timeMs: r.timeMs, line: clip(r.line, maxChars), labels: r.labels };
    if (g.evidence.length < keep) g.evidence.push(ev);
    else if (keep > 1) g.evidence.splice(1, 1), g.evidence.push(ev);

    let ls = levelSeries.get(group);
    if (!ls) {
      ls = {
        group,
        levels: Object.fromEntries(LEVELS.map((l) => [l, new Float64Array(buckets.count)])) as Record<LogLevel, Float64Array>,
        total: new Float64Array(buckets.count),
        errors: new Float64Array(buckets.count),
      };
      levelSeries.set(group, ls);
    }
    ls.levels[level][bucket]++;
    ls.total[bucket]++;
    if (isErrorLevel(level)) ls.errors[bucket]++;
  }
  const patterns = [...groups.values()].sort((a, b) => b.count - a.count || a.patternId.localeCompare(b.patternId));
  return { buckets, patterns, levels: [...levelSeries.values()], lines };
}
