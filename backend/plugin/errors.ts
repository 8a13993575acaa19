// Maps a failed query to the status and error source Grafana shows and counts.

import { SeriesError } from '../analyzers/series/grid';
import type { DataResponse } from '../protocol';
import { UpstreamError } from '../sources/http';
import { SeriesLimitError } from '../sources/prometheus/client';
import { QueryError } from './query/model';
import { SettingsError } from './settings';

export function errorResponse(err: unknown): DataResponse {
  if (err instanceof UpstreamError) {
    return { error: err.message, status: err.responseStatus, errorSource: 'downstream' };
  }
  if (err instanceof QueryError || err instanceof SeriesError || err instanceof SeriesLimitError || err instanceof RangeError) {
    return { error: err.message, status: 400, errorSource: 'plugin' };
  }
  if (err instanceof SettingsError) {
    return { error: `datasource settings: ${err.message}`, status: 400, errorSource: 'plugin' };
  }
  return { error: `internal error: ${err instanceof Error ? err.message : String(err)}`, status: 500, errorSource: 'plugin' };
}
