// The pages query our datasource as panels do: through Grafana's /api/ds/query, so the datasource's
// settings, auth and Grafana's own checks all apply.

import { lastValueFrom } from 'rxjs';
import type { DataFrame } from '@grafana/data';
import { getBackendSrv, toDataQueryResponse, type BackendDataSourceResponse } from '@grafana/runtime';
import { DATASOURCE_TYPE } from '../../constants';
import type { ForesightQuery } from '../../datasource/types';

export interface TimeRange {
  from: string;
  to: string;
}

/** Each query's frames, or its error, by refId. */
export type QueryResults = Record<string, { frames: DataFrame[]; error?: string }>;

export function queryRequestBody(datasourceUid: string, queries: ForesightQuery[], range: TimeRange) {
  return { from: range.from, to: range.to, queries: queries.map((q) => ({ ...q, datasource: { type: DATASOURCE_TYPE, uid: datasourceUid } })) };
}

/** Frames and errors by refId from an /api/ds/query answer (a failed query makes it a 4xx whose body still holds every result). */
export function queryResults(body: BackendDataSourceResponse | undefined, queries: ForesightQuery[], failure?: string): QueryResults {
  const results: QueryResults = Object.fromEntries(queries.map((q) => [q.refId, { frames: [] }]));
  if (!body?.results) {
    for (const q of queries) {
      results[q.refId].error = failure ?? 'Grafana returned no results';
    }
    return results;
  }
  const parsed = toDataQueryResponse({ data: body }, queries);
  for (const frame of parsed.data as DataFrame[]) {
    results[frame.refId ?? '']?.frames.push(frame);
  }
  for (const e of parsed.errors ?? []) {
    if (e.refId && results[e.refId]) {
      results[e.refId].error = e.message ?? 'the query failed';
    }
  }
  return results;
}

export async function runQueries(datasourceUid: string, queries: ForesightQuery[], range: TimeRange): Promise<QueryResults> {
  if (queries.length === 0) {
    return {};
  }
  try {
    const res = await lastValueFrom(
      getBackendSrv().fetch<BackendDataSourceResponse>({ url: '/api/ds/query', method: 'POST', data: queryRequestBody(datasourceUid, queries, range), showErrorAlert: false }),
    );
    return queryResults(res.data, queries);
  } catch (err) {
    const e = err as { data?: BackendDataSourceResponse & { message?: string }; statusText?: string; message?: string };
    return queryResults(e.data, queries, e.data?.message || e.statusText || e.message || String(err));
  }
}
