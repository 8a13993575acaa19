// Node and edge frames (Node Graph's shape, with our detail__ fields) built in the test from what
// the real backend returns today, until the root-cause analyzer exists: one service node per
// Prometheus job, one metric node per series the anomaly query scored, scored by its highest
// anomaly score; an edge from each service to its metrics, its lag the seconds from the start of
// the range to the series' first flagged point.

import type { FrameJSON } from './backend';
import { field } from './backend';

export interface BuiltGraph {
  frames: FrameJSON[];
  /** Metric node ids with their highest score, highest first. */
  scores: Array<{ id: string; title: string; score: number }>;
  expr: (id: string) => string;
}

export function graphFromAnomalyFrames(frames: FrameJSON[], threshold = 0.5): BuiltGraph {
  const ids: string[] = [];
  const titles: string[] = [];
  const kinds: string[] = [];
  const scores: Array<number | null> = [];
  const queries: Array<string | null> = [];
  const src: string[] = [];
  const dst: string[] = [];
  const strength: number[] = [];
  const lag: Array<number | null> = [];
  const jobs = new Set<string>();
  const exprs = new Map<string, string>();
  for (const f of frames) {
    const valueField = f.schema.fields.find((x) => x.name === 'value');
    const labels = valueField?.labels ?? {};
    const score = field(f, 'score') as Array<number | null>;
    const time = field(f, 'time') as number[];
    const max = score.reduce<number>((m, v) => (v !== null && v > m ? v : m), 0);
    const first = score.findIndex((v) => v !== null && v >= threshold);
    const job = labels.job ?? 'unknown';
    const id = `metric:${f.schema.name}`;
    const expr = `${labels.__name__ ?? 'foresight_test_gauge'}{${Object.entries(labels)
      .filter(([k]) => k !== '__name__')
      .map(([k, v]) => `${k}="${v}"`)
      .join(',')}}`;
    exprs.set(id, expr);
    if (!jobs.has(job)) {
      jobs.add(job);
      ids.push(`service:${job}`);
      titles.push(job);
      kinds.push('service');
      scores.push(null);
      queries.push(null);
    }
    ids.push(id);
    titles.push(f.schema.name ?? id);
    kinds.push('metric');
    scores.push(max);
    queries.push(expr);
    src.push(`service:${job}`);
    dst.push(id);
    strength.push(max);
    lag.push(first < 0 ? null : (time[first] - time[0]) / 1000);
  }
  const ranked = ids
    .map((id, i) => ({ id, title: titles[i], score: scores[i] }))
    .filter((n): n is { id: string; title: string; score: number } => n.score !== null)
    .sort((a, b) => b.score - a.score);
  return {
    scores: ranked,
    expr: (id) => exprs.get(id)!,
    frames: [
      {
        schema: {
          name: 'nodes',
          meta: { preferredVisualisationType: 'nodeGraph' },
          fields: [
            { name: 'id', type: 'string' },
            { name: 'title', type: 'string' },
            { name: 'mainstat', type: 'number', config: { displayName: 'highest anomaly score' } },
            { name: 'detail__kind', type: 'string' },
            { name: 'detail__root_cause_score', type: 'number' },
            { name: 'detail__query', type: 'string' },
            { name: 'detail__datasource', type: 'string' },
          ],
        },
        data: { values: [ids, titles, scores, kinds, scores, queries, ids.map((_, i) => (queries[i] ? 'prometheus' : null))] },
      },
      {
        schema: {
          name: 'edges',
          meta: { preferredVisualisationType: 'nodeGraph' },
          fields: [
            { name: 'id', type: 'string' },
            { name: 'source', type: 'string' },
            { name: 'target', type: 'string' },
            { name: 'mainstat', type: 'number', config: { displayName: 'strength' } },
            { name: 'secondarystat', type: 'number', config: { displayName: 'lag', unit: 's' } },
          ],
        },
        data: { values: [src.map((s, i) => `${s}>${dst[i]}`), src, dst, strength, lag] },
      },
    ],
  };
}
