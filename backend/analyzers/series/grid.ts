// Puts irregular samples on a regular time grid, which the seasonal models need: missing steps
// are filled by linear interpolation, out-of-order and duplicate timestamps are resolved, and
// non-finite values count as missing.

export interface GridSeries {
  startMs: number;
  stepMs: number;
  values: Float64Array;
  /** Steps that had no sample and were interpolated. */
  filled: number;
}

export class SeriesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SeriesError';
  }
}

/**
 * Samples snapped to `stepMs` between the first and last finite sample. A duplicate timestamp keeps
 * the last value seen. Returns undefined when there is no finite sample at all.
 */
export function toGrid(timestamps: ArrayLike<number>, values: ArrayLike<number>, stepMs: number): GridSeries | undefined {
  if (!(stepMs > 0)) {
    throw new SeriesError(`step must be positive, got ${stepMs}`);
  }
  const slots = new Map<number, number>();
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < timestamps.length; i++) {
    const v = values[i];
    const t = timestamps[i];
    if (!Number.isFinite(v) || !Number.isFinite(t)) {
      continue;
    }
    const slot = Math.round(t / stepMs);
    slots.set(slot, v);
    first = Math.min(first, slot);
    last = Math.max(last, slot);
  }
  if (slots.size === 0) {
    return undefined;
  }
  const n = last - first + 1;
  const out = new Float64Array(n);
  let filled = 0;
  let prevIdx = -1;
  for (let i = 0; i < n; i++) {
    const v = slots.get(first + i);
    if (v === undefined) {
      filled++;
      continue;
    }
    out[i] = v;
    // Interpolate the run of missing steps since the previous sample.
    for (let j = prevIdx + 1; j < i; j++) {
      const w = (j - prevIdx) / (i - prevIdx);
      out[j] = out[prevIdx] * (1 - w) + v * w;
    }
    prevIdx = i;
  }
  return { startMs: first * stepMs, stepMs, values: out, filled };
}

export function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) {
    s += values[i];
  }
  return values.length ? s / values.length : NaN;
}

export function stdDev(values: ArrayLike<number>): number {
  const m = mean(values);
  let s = 0;
  for (let i = 0; i < values.length; i++) {
    s += (values[i] - m) ** 2;
  }
  return values.length > 1 ? Math.sqrt(s / (values.length - 1)) : 0;
}
