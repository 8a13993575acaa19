// Frames from the real backend through real Grafana's /api/ds/query, and the fixture exporter's
// steering, for the browser suites.

import { dsQuery, eventually, testStack } from '../../harness/stack';

export const FORESIGHT = { type: 'foresight-analyzer-datasource', uid: 'foresight' };
export const PROMETHEUS = { type: 'prometheus', uid: 'prometheus' };

export interface FrameJSON {
  schema: { name?: string; refId?: string; meta?: any; fields: Array<{ name: string; type: string; labels?: Record<string, string>; config?: any }> };
  data: { values: unknown[][] };
}

export async function steer(body: { base?: number; slopePerSecond: number }): Promise<void> {
  const res = await fetch(`${testStack().exporterUrl}/control`, { method: 'POST', body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`exporter /control: HTTP ${res.status}`);
}

/** Waits until Prometheus holds `seconds` of 1 s samples of the series. */
export async function waitForSamples(selector: string, seconds: number): Promise<void> {
  await eventually(
    `${seconds}s of ${selector} in Prometheus`,
    async () => {
      const end = Date.now() / 1000;
      const params = new URLSearchParams({ query: selector, start: String(end - seconds - 60), end: String(end), step: '1' });
      const res = (await (await fetch(`${testStack().prometheusUrl}/api/v1/query_range?${params}`)).json()) as { data: { result: Array<{ values: unknown[] }> } };
      return (res.data.result[0]?.values.length ?? 0) >= seconds ? true : undefined;
    },
    (seconds + 180) * 1000,
    3000,
  );
}

/** Every frame of every query, in query order; a failed query fails the caller with its error. */
export async function queryFrames(queries: Array<Record<string, unknown>>, range: { from: string; to: string }): Promise<FrameJSON[]> {
  const res = await dsQuery(queries, range);
  if (res.status !== 200) throw new Error(`/api/ds/query: HTTP ${res.status} ${JSON.stringify(res.body)}`);
  return queries.flatMap((q) => {
    const r = res.body.results[q.refId as string];
    if (!r || r.error) throw new Error(`query ${q.refId}: ${r?.error ?? 'no result'}`);
    return (r.frames ?? []) as FrameJSON[];
  });
}

export function field(frame: FrameJSON, name: string): unknown[] {
  const i = frame.schema.fields.findIndex((f) => f.name === name);
  if (i < 0) throw new Error(`frame ${frame.schema.name} has no field ${name}`);
  return frame.data.values[i];
}
