// The app's settings (the app plugin's jsonData, edited on its configuration page): which Foresight
// datasource the pages query, and which series they watch.

/** A series the pages watch for anomalies and, with a threshold, for predicted crossings. */
export interface WatchedSignal {
  name: string;
  /** PromQL; one series per service (and whatever other labels) it returns. */
  expr: string;
  /** A predicted crossing of this value is an active prediction. */
  threshold?: number;
  direction?: 'above' | 'below';
}

/** A resource whose usage is forecast until it reaches its limit (the capacity query). */
export interface CapacityResource {
  name: string;
  /** PromQL of the usage, one series per resource instance. */
  expr: string;
  /** The usage at which the resource is exhausted, in the expression's unit (1 for a ratio)… */
  limit?: number;
  /** …or a PromQL expression for it, matched to the usage series by their shared labels. */
  limitExpr?: string;
  /** Utilisation to stay under, for the sizing recommendation; the backend's default when unset. */
  target?: number;
}

/** Exactly one of a positive limit or a limit expression, as the capacity query requires. */
export function hasOneLimit(r: CapacityResource): boolean {
  const number = r.limit !== undefined && Number.isFinite(r.limit) && r.limit > 0;
  const expr = !!r.limitExpr?.trim();
  return number !== expr;
}

export interface AppSettings {
  /** The Foresight datasource the pages query; the first one found when unset. */
  datasourceUid?: string;
  /** The label that names a service in the watched series. */
  serviceLabel?: string;
  /** How far back the pages look, and how far ahead they predict. */
  lookback?: string;
  horizon?: string;
  signals?: WatchedSignal[];
  capacity?: CapacityResource[];
}

export const DEFAULT_APP_SETTINGS = {
  serviceLabel: 'service',
  lookback: '1h',
  horizon: '1h',
};

export type ResolvedAppSettings = AppSettings & typeof DEFAULT_APP_SETTINGS & { signals: WatchedSignal[]; capacity: CapacityResource[] };

/** The settings with defaults filled in, and entries without an expression dropped (the form allows them half-written). */
export function resolveAppSettings(raw: AppSettings | undefined): ResolvedAppSettings {
  const s = raw ?? {};
  return {
    ...s,
    serviceLabel: s.serviceLabel?.trim() || DEFAULT_APP_SETTINGS.serviceLabel,
    lookback: s.lookback?.trim() || DEFAULT_APP_SETTINGS.lookback,
    horizon: s.horizon?.trim() || DEFAULT_APP_SETTINGS.horizon,
    signals: (s.signals ?? []).filter((x) => x.expr?.trim()),
    capacity: (s.capacity ?? []).filter((x) => x.expr?.trim() && hasOneLimit(x)),
  };
}
