// Grafana's runtime services as a page sees them inside Grafana (getBackendSrv, getDataSourceSrv),
// answered from a table of responses. Requests are recorded so a test can check what a page asked.

import { Observable } from 'rxjs';
import { setBackendSrv, setDataSourceSrv, type BackendSrv, type BackendSrvRequest, type DataSourceSrv, type FetchResponse } from '@grafana/runtime';

export interface Answer {
  status: number;
  data: unknown;
}

export interface RecordedRequest {
  url: string;
  method: string;
  data: any;
}

/** A frame in Grafana's /api/ds/query JSON: schema, then values column by column. */
export function jsonFrame(
  name: string,
  fields: Array<{ name: string; type?: string; values: unknown[]; labels?: Record<string, string>; config?: object }>,
  meta?: object,
) {
  return {
    schema: { name, meta, fields: fields.map(({ values: _values, type, ...f }) => ({ ...f, type: type ?? 'number' })) },
    data: { values: fields.map((f) => f.values) },
  };
}

export function installGrafanaRuntime(options: {
  datasources: Array<{ uid: string; name: string }>;
  answer: (req: RecordedRequest) => Answer;
}): RecordedRequest[] {
  const requests: RecordedRequest[] = [];
  const respond = (req: BackendSrvRequest): Answer => {
    const recorded = { url: req.url, method: req.method ?? 'GET', data: req.data };
    requests.push(recorded);
    return options.answer(recorded);
  };
  const fetch = <T>(req: BackendSrvRequest) =>
    new Observable<FetchResponse<T>>((sub) => {
      const a = respond(req);
      const response = { data: a.data as T, status: a.status, ok: a.status < 300, statusText: '', headers: new Headers(), redirected: false, type: 'basic', url: req.url, config: req } as FetchResponse<T>;
      // As Grafana's backendSrv does: a failed status arrives as an error carrying the body.
      setTimeout(() => (a.status < 300 ? (sub.next(response), sub.complete()) : sub.error({ ...response, data: a.data })), 0);
    });
  setBackendSrv({
    fetch,
    get: async (url: string) => {
      const a = respond({ url, method: 'GET' });
      if (a.status >= 300) {
        throw { status: a.status, data: a.data };
      }
      return a.data;
    },
  } as unknown as BackendSrv);
  setDataSourceSrv({
    getList: () => options.datasources.map((d) => ({ ...d, type: 'foresight-analyzer-datasource', meta: { id: 'foresight-analyzer-datasource' } })),
    getInstanceSettings: (uid: string) => options.datasources.find((d) => d.uid === uid),
  } as unknown as DataSourceSrv);
  return requests;
}
