// Where a forecast line first crosses a threshold, for the marker on the graph. The predict query
// reports a probabilistic crossing time from the band; this reads the drawn mean line, so the
// marker sits where the user sees the dashed line cross, and works for plain forecast queries.

import type { Values } from './frames';

export interface LineCrossing {
  time: number;
  threshold: number;
  direction: 'above' | 'below';
}

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * The first time the predicted values cross `threshold`, interpolated between the two points that
 * straddle it. Undefined when the forecast never reaches it, or starts on the far side already
 * (then it is crossed, not predicted to cross).
 */
export function firstCrossing(time: ArrayLike<number>, predicted: Values, threshold: number): LineCrossing | undefined {
  let start = -1;
  for (let i = 0; i < predicted.length; i++) {
    if (finite(predicted[i])) {
      start = i;
      break;
    }
  }
  if (start < 0) return undefined;
  const first = predicted[start] as number;
  if (first === threshold) return undefined;
  const direction = first < threshold ? 'above' : 'below';
  let prev = start;
  for (let i = start + 1; i < predicted.length; i++) {
    const v = predicted[i];
    if (!finite(v)) continue;
    const crossed = direction === 'above' ? v >= threshold : v <= threshold;
    if (crossed) {
      const a = predicted[prev] as number;
      const f = a === v ? 0 : (threshold - a) / (v - a);
      return { time: time[prev] + f * (time[i] - time[prev]), threshold, direction };
    }
    prev = i;
  }
  return undefined;
}
