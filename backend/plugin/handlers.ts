// The Foresight datasource backend: routes each protocol call to the right query type, health
// check or resource, with one DatasourceInstance per configured datasource.

import { InstanceManager, type Logger, type PluginContext, type PluginHandlers, type QueryDataResponse } from '../protocol';
import { UpstreamError } from '../sources/http';
import { errorResponse } from './errors';
import { checkHealth } from './health';
import { DatasourceInstance } from './instance';
import { runAnomalyQuery } from './query/anomaly';
import { runCapacityQuery } from './query/capacity';
import { runForecastQuery } from './query/forecast';
import { runLogAnomaliesQuery } from './query/log-anomalies';
import { runLogLevelsQuery } from './query/log-levels';
import { runLogMetricLinkQuery } from './query/log-metric-link';
import { runLogPatternsQuery } from './query/log-patterns';
import { decodeQueryJson, resolveQueryType, type QueryType } from './query/model';
import { runPredictQuery } from './query/predict';
import { runRiskQuery } from './query/risk';
import { callResource } from './resources';
import { SettingsError } from './settings';

type QueryRunner = typeof runForecastQuery;

/** One runner per query type; the type checker makes sure every type has one. */
const QUERY_RUNNERS: Record<QueryType, QueryRunner> = {
  forecast: runForecastQuery,
  predict: runPredictQuery,
  anomaly: runAnomalyQuery,
  capacity: runCapacityQuery,
  risk: runRiskQuery,
  logPatterns: runLogPatternsQuery,
  logLevels: runLogLevelsQuery,
  logAnomalies: runLogAnomaliesQuery,
  logMetricLink: runLogMetricLinkQuery,
};

export function createHandlers(logger: Logger): PluginHandlers {
  const instances = new InstanceManager((settings) => new DatasourceInstance(settings));

  const instanceFor = (ctx: PluginContext): DatasourceInstance => {
    if (!ctx.dataSourceInstanceSettings) {
      throw new SettingsError('the request carries no datasource settings');
    }
    return instances.get(ctx.dataSourceInstanceSettings);
  };

  return {
    async queryData(req, signal): Promise<QueryDataResponse> {
      const responses: QueryDataResponse = new Map();
      await Promise.all(
        req.queries.map(async (query) => {
          const started = performance.now();
          try {
            const json = decodeQueryJson(query);
            const type = resolveQueryType(query, json);
            const instance = instanceFor(req.pluginContext);
            responses.set(query.refId, await QUERY_RUNNERS[type](query, json, instance, { fromAlert: req.fromAlert, signal }));
            logger.debug('query done', { refId: query.refId, type, ms: Math.round(performance.now() - started), fromAlert: req.fromAlert });
          } catch (err) {
            const response = errorResponse(err);
            const serious = 'status' in response && response.status >= 500 && !(err instanceof UpstreamError);
            (serious ? logger.error : logger.info)('query failed', { refId: query.refId, error: err, downstream: err instanceof UpstreamError });
            responses.set(query.refId, response);
          }
        }),
      );
      return responses;
    },

    async checkHealth(req, signal) {
      try {
        return await checkHealth(instanceFor(req.pluginContext), signal);
      } catch (err) {
        if (err instanceof SettingsError || err instanceof UpstreamError) {
          return { status: 'ERROR', message: err.message };
        }
        throw err;
      }
    },

    async callResource(req, signal) {
      try {
        return await callResource(req, instanceFor(req.pluginContext), signal);
      } catch (err) {
        const status = err instanceof UpstreamError ? 502 : err instanceof SettingsError || err instanceof RangeError ? 400 : 500;
        return { status, headers: { 'Content-Type': ['application/json'] }, body: JSON.stringify({ message: (err as Error).message }) };
      }
    },

    async dispose() {
      instances.disposeAll();
    },
  };
}
