// The visible time window of the graph: zoomed and panned locally (wheel, drag, keys) inside the
// full extent of the data, never beyond it.

export interface TimeWindow {
  from: number;
  to: number;
}

const MIN_SPAN_MS = 1000;

export function clampWindow(w: TimeWindow, full: TimeWindow): TimeWindow {
  const fullSpan = full.to - full.from;
  const span = Math.min(fullSpan, Math.max(Math.min(MIN_SPAN_MS, fullSpan), w.to - w.from));
  const from = Math.min(Math.max(w.from, full.from), full.to - span);
  return { from, to: from + span };
}

/** Zooms by `factor` (> 1 zooms in) keeping the time under the pointer where it is. */
export function zoomWindow(w: TimeWindow, full: TimeWindow, factor: number, anchor: number): TimeWindow {
  const span = (w.to - w.from) / factor;
  const f = (anchor - w.from) / (w.to - w.from);
  return clampWindow({ from: anchor - f * span, to: anchor - f * span + span }, full);
}

export function panWindow(w: TimeWindow, full: TimeWindow, deltaMs: number): TimeWindow {
  return clampWindow({ from: w.from + deltaMs, to: w.to + deltaMs }, full);
}

/** Index of the sample nearest `t` in ascending times. */
export function nearestIndex(time: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = time.length - 1;
  if (hi < 0) return -1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (time[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && t - time[lo - 1] < time[lo] - t ? lo - 1 : lo;
}
