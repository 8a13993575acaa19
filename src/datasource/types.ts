import type { DataQuery, DataSourceJsonData } from '@grafana/schema';

export enum QueryType {
  Forecast = 'forecast',
  Predict = 'predict',
  Anomaly = 'anomaly',
  Capacity = 'capacity',
  Risk = 'risk',
  LogPatterns = 'logPatterns',
  LogLevels = 'logLevels',
  LogAnomalies = 'logAnomalies',
  LogMetricLink = 'logMetricLink',
}

export type ForecastOutput = 'series' | 'horizon' | 'table' | 'alert' | 'score';
export type ForecastMethod = 'auto' | 'ensemble' | 'prophet';

/** The query model the backend reads (backend/plugin/query); keep the two in step. */
export interface ForesightQuery extends DataQuery {
  queryType?: QueryType;
  /** PromQL whose series are analysed. */
  expr?: string;
  /** How far ahead to forecast, e.g. "1h". */
  horizon?: string;
  /** Confidence level of the interval, in (0, 1). */
  level?: number;
  /** History to fit on, counted back from the end of the range; defaults to the dashboard range. */
  history?: string;
  step?: string;
  /** forecast: "series" for graphs, "horizon" one value per series; predict: "table", or "alert" one value per series. */
  output?: ForecastOutput;
  horizonValue?: 'predicted' | 'upper' | 'lower';
  reduce?: 'last' | 'max' | 'min';
  legendFormat?: string;
  /** predict: the value whose crossing is predicted. */
  threshold?: number;
  direction?: 'above' | 'below';
  alertValue?: 'probability' | 'timeToThreshold' | CapacityAlertValue;
  /** forecasting types: "auto" (one model by the periods found), "ensemble" (chosen and averaged on a holdout; slower) or "prophet". */
  method?: ForecastMethod;
  /** capacity: the limit, a constant or a PromQL expression (one of the two). */
  limit?: number;
  limitExpr?: string;
  /** capacity: utilisation to stay under, in (0, 1]. */
  target?: number;
  /** capacity: replicas the limit is shared across now, for a replica recommendation. */
  replicas?: number;
  /** risk: the label that names a service; log query types: the stream label that splits patterns and levels (e.g. service). */
  groupBy?: string;
  /** risk: usage series read against limit/limitExpr (the capacity signal). */
  usageExpr?: string;
  /** risk: series whose recent anomaly score is a signal, and how far back it looks. */
  anomalyExpr?: string;
  anomalyWindow?: string;
  /** anomaly: which detector scores the points. */
  detector?: 'seasonal-residual' | 'novelty';
  /** log query types: the LogQL log query whose lines are analysed. */
  logql?: string;
  /** log query types: most lines read from Loki (the cap is reported in the frame metadata). */
  maxLines?: number;
  /** logPatterns: how many patterns get a count series. */
  topPatterns?: number;
  /** logAnomalies: the recent window compared with the rest of the range (e.g. 10m). */
  window?: string;
  /** logAnomalies: fewest lines in the window for an anomaly. */
  minCount?: number;
  /** logMetricLink: the metric anomaly's window, ISO times or epoch milliseconds. */
  anomalyStart?: string;
  anomalyEnd?: string;
  /** logMetricLink: widens the anomaly window on both sides (e.g. 2m). */
  margin?: string;
}

export type CapacityAlertValue = 'timeToExhaustion' | 'exhaustionProbability' | 'peakUtilisation' | 'headroom';

/** The output each query type starts with when the user switches to it. */
export const DEFAULT_OUTPUT: Record<QueryType, ForecastOutput> = {
  [QueryType.Forecast]: 'series',
  [QueryType.Predict]: 'table',
  [QueryType.Anomaly]: 'series',
  [QueryType.Capacity]: 'table',
  [QueryType.Risk]: 'table',
  [QueryType.LogPatterns]: 'table',
  [QueryType.LogLevels]: 'series',
  [QueryType.LogAnomalies]: 'table',
  [QueryType.LogMetricLink]: 'table',
};

export const DEFAULT_QUERY: Partial<ForesightQuery> = {
  queryType: QueryType.Forecast,
  horizon: '1h',
  level: 0.95,
  output: 'series',
};

export type AuthMode = 'none' | 'basic' | 'bearer';

/** Non-secret settings (jsonData); the backend reads the same keys (backend/plugin/settings.ts). */
export interface ForesightDataSourceOptions extends DataSourceJsonData {
  prometheusUrl?: string;
  prometheusAuth?: AuthMode;
  prometheusUser?: string;
  lokiUrl?: string;
  lokiAuth?: AuthMode;
  lokiUser?: string;
  /** Sent as X-Scope-OrgID, for multi-tenant Loki. */
  lokiTenant?: string;
  tempoUrl?: string;
  tempoAuth?: AuthMode;
  tempoUser?: string;
  /** Sent as X-Scope-OrgID, for multi-tenant Tempo. */
  tempoTenant?: string;
  timeoutSeconds?: number;
  maxSeries?: number;
  maxPointsPerSeries?: number;
}

/** Secrets (secureJsonData): written by the browser, readable only by the backend. */
export interface ForesightSecureJsonData {
  prometheusPassword?: string;
  prometheusBearerToken?: string;
  lokiPassword?: string;
  lokiBearerToken?: string;
  tempoPassword?: string;
  tempoBearerToken?: string;
}
