// Pairs each usage series with its limit: a constant, or the series of a second PromQL expression
// whose labels agree with the usage series' on every label both have (a single limit series
// applies to all). The limit is the limit series' last finite value in the range.

import type { Series } from '../../sources/prometheus/client';

export interface LimitSeries {
  labels: Record<string, string>;
  value: number;
}

export function lastFinite(values: ArrayLike<number>): number | undefined {
  for (let i = values.length - 1; i >= 0; i--) {
    if (Number.isFinite(values[i])) return values[i];
  }
  return undefined;
}

export function limitSeries(series: Series[]): LimitSeries[] {
  return series.flatMap((s) => {
    const value = lastFinite(s.values);
    return value === undefined ? [] : [{ labels: s.labels, value }];
  });
}

function agree(a: Record<string, string>, b: Record<string, string>): boolean {
  for (const k of Object.keys(a)) {
    if (k !== '__name__' && k in b && b[k] !== a[k]) return false;
  }
  return true;
}

/** The limit for `usage`, or a sentence saying why there is none. */
export function matchLimit(usage: Record<string, string>, limits: LimitSeries[]): { value: number } | { problem: string } {
  if (limits.length === 1) return { value: limits[0].value };
  const matches = limits.filter((l) => agree(usage, l.labels));
  if (matches.length === 1) return { value: matches[0].value };
  if (matches.length === 0) return { problem: 'no limit series has matching labels' };
  // Several candidates: the one sharing most labels wins, if it is the only one that does.
  const shared = (l: LimitSeries) => Object.keys(l.labels).filter((k) => k !== '__name__' && k in usage).length;
  const best = Math.max(...matches.map(shared));
  const top = matches.filter((l) => shared(l) === best);
  return top.length === 1 ? { value: top[0].value } : { problem: `${top.length} limit series match equally well; add labels to the limit expression to tell them apart` };
}
