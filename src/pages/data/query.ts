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

export async function runQueries(datasourceUid: string, queries: ForesightQuery[], range: TimeRange): Promise<QueryResults> {
  const results: QueryResults = Object.fromEntries(queries.map((q) => [q.refId, { frames: [] }]));
  if (queries.length === 0) {
    return results;
  }
  const body = { from: range.from, to: range.to, queries: queries.map((q) => ({ ...q, datasource: { type: DATASOURCE_TYPE, uid: datasourceUid } })) };
  let parsed;
  try {
    const res = await lastValueFrom(
      getBackendSrv().fetch<BackendDataSourceResponse>({ url: '/api/ds/query', method: 'POST', data: body, showErrorAlert: false, requestId: undefined }),
    );
    parsed = toDataQueryResponse(res, queries);
  } catch (err) {
    // A failed query answers 4xx/5xx with the other queries' results in the body.
    const e = err as { data?: BackendDataSourceResponse & { message?: string }; status?: number; statusText?: string };
    if (!e.data?.results) {
      const message = e.data?.message ?? e.statusText ?? (err as Error).message ?? String(err);
      for (const q of queries) {
        results[q.refId].error = message;
      }
      return results;
    }
    parsed = toDataQueryResponse({ data: e.data }, queries);
  }
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
