// Benchmark inputs of a stated size, as DataFrameJSON (the /api/ds/query shape): forecast frames
// as the datasource returns them, and Node Graph node and edge frames. Seeded, so every run draws
// the same thing.

export interface FrameJSON {
  schema: { name?: string; meta?: Record<string, unknown>; fields: Array<{ name: string; type: string; config?: Record<string, unknown>; labels?: Record<string, string> }> };
  data: { values: unknown[][] };
}

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** `series` forecast frames of `points` points each (the last `horizon` of them predicted), with a 95% band. */
export function forecastFrames(series: number, points: number, horizon: number, endMs: number, stepMs = 15_000): FrameJSON[] {
  const rand = lcg(7);
  return Array.from({ length: series }, (_, s) => {
    const n = points - horizon;
    const time = Array.from({ length: points }, (_, i) => endMs - n * stepMs + i * stepMs);
    const level = 40 + s * 3;
    const wave = (i: number) => level + 8 * Math.sin((2 * Math.PI * i) / 240 + s) + (rand() - 0.5) * 3;
    const actual = time.map((_, i) => (i < n ? wave(i) : null));
    const predicted = time.map((_, i) => (i >= n - 1 ? wave(i) : null));
    const width = (i: number) => (i < n ? 0 : 1 + (i - n) * 0.02);
    const lower = predicted.map((v, i) => (v === null ? null : v - width(i)));
    const upper = predicted.map((v, i) => (v === null ? null : v + width(i)));
    const name = `series-${s}`;
    return {
      schema: {
        name,
        meta: { type: 'timeseries-wide', custom: { model: 'mstl', level: 0.95 } },
        fields: [
          { name: 'time', type: 'time' },
          { name: 'actual', type: 'number', config: { displayNameFromDS: name } },
          { name: 'predicted', type: 'number', config: { displayNameFromDS: `${name} predicted` } },
          { name: 'lower', type: 'number', config: { displayNameFromDS: `${name} lower 95%` } },
          { name: 'upper', type: 'number', config: { displayNameFromDS: `${name} upper 95%`, custom: { fillBelowTo: `${name} lower 95%` } } },
        ],
      },
      data: { values: [time, actual, predicted, lower, upper] },
    };
  });
}

const KINDS = ['service', 'metric', 'log pattern', 'span'];

/** A graph of `nodes` nodes and `edges` directed edges in a few clusters, one node marked the root cause. */
export function graphFrames(nodes: number, edges: number): FrameJSON[] {
  const rand = lcg(11);
  const clusters = Math.max(1, Math.round(nodes / 60));
  const ids = Array.from({ length: nodes }, (_, i) => `n${i}`);
  const cluster = (i: number) => i % clusters;
  const score = ids.map((_, i) => (i === 0 ? 0.91 : Math.round(rand() * 60) / 100));
  const pairs = new Set<string>();
  const src: string[] = [];
  const dst: string[] = [];
  while (src.length < edges) {
    const a = Math.floor(rand() * nodes);
    // Mostly within a cluster.
    let b = Math.floor(rand() * nodes);
    if (rand() < 0.9) b = (Math.floor(rand() * (nodes / clusters)) * clusters + cluster(a)) % nodes;
    const key = `${a}>${b}`;
    if (a === b || pairs.has(key)) continue;
    pairs.add(key);
    src.push(ids[a]);
    dst.push(ids[b]);
  }
  return [
    {
      schema: {
        name: 'nodes',
        meta: { preferredVisualisationType: 'nodeGraph' },
        fields: [
          { name: 'id', type: 'string' },
          { name: 'title', type: 'string' },
          { name: 'mainstat', type: 'number', config: { displayName: 'anomaly score' } },
          { name: 'detail__kind', type: 'string' },
          { name: 'detail__root_cause_score', type: 'number' },
        ],
      },
      data: { values: [ids, ids.map((id) => `component ${id}`), score, ids.map((_, i) => KINDS[i % KINDS.length]), score] },
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
      data: { values: [src.map((s, i) => `${s}>${dst[i]}`), src, dst, src.map(() => Math.round(rand() * 100) / 100), src.map(() => Math.round(rand() * 120))] },
    },
  ];
}
