// Resource routes the query editor calls (`getResource`): metric and label names for completion,
// and the query types this backend runs.

import type { CallResourceRequest, CallResourceResult } from '../protocol';
import type { DatasourceInstance } from './instance';
import { QUERY_TYPES } from './query/model';

const json = (status: number, body: unknown): CallResourceResult => ({
  status,
  headers: { 'Content-Type': ['application/json'] },
  body: JSON.stringify(body),
});

export async function callResource(req: CallResourceRequest, instance: DatasourceInstance, signal: AbortSignal): Promise<CallResourceResult> {
  const url = new URL(req.url || req.path, 'http://resource.local/');
  const path = req.path.replace(/^\/+/, '');
  if (req.method !== 'GET') {
    return json(405, { message: `${req.method} is not supported on ${path}` });
  }
  switch (path) {
    case 'query-types':
      return json(200, { queryTypes: QUERY_TYPES });
    case 'metrics':
      return json(200, { metrics: await instance.prometheus.labelValues('__name__', signal) });
    case 'labels':
      return json(200, { labels: await instance.prometheus.labels(signal) });
    case 'label-values': {
      const name = url.searchParams.get('name');
      if (!name) {
        return json(400, { message: 'label-values needs ?name=<label>' });
      }
      return json(200, { values: await instance.prometheus.labelValues(name, signal) });
    }
    default:
      return json(404, { message: `no resource "${path}"; try query-types, metrics, labels or label-values?name=` });
  }
}
