// The checks the query editor makes before the backend would refuse a query; the backend's own
// parser (backend/plugin/query/model.ts) stays the authority.

const DURATION = /^(\d+(\.\d+)?(ms|s|m|h|d|w|y))+$/;

/** Prometheus-style durations ("90s", "1h30m", "7d"), or a plain number of seconds. */
export function isDuration(value: string): boolean {
  const text = value.trim();
  return DURATION.test(text) || /^\d+(\.\d+)?$/.test(text);
}

/** undefined when the (optional) duration is fine, else what to tell the user. */
export function durationError(value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === '' || isDuration(value) || value.includes('$')) {
    return undefined;
  }
  return 'Use a duration such as 90s, 15m, 1h30m or 7d';
}

/** The backend takes a fraction (0.95) or a percentage (95). */
export function levelError(level: number | undefined): string | undefined {
  if (level === undefined || (Number.isFinite(level) && level > 0 && level < 100 && level !== 1)) {
    return undefined;
  }
  return 'A confidence level between 0 and 1 (or a percentage), e.g. 0.95';
}

/** Number inputs: empty means unset, not zero. */
export function numberOrUndefined(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text);
}
