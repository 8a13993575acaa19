// M4's accuracy measures, as the competition defined them (M4 Competitor's Guide):
//   sMAPE = 200/h · Σ |y − ŷ| / (|y| + |ŷ|)
//   MASE  = (1/h · Σ |y − ŷ|) / (1/(n − m) · Σ_{t>m} |x_t − x_{t−m}|), m = 24 for hourly data.

export function smape(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < actual.length; i++) {
    const d = Math.abs(actual[i]) + Math.abs(predicted[i]);
    s += d === 0 ? 0 : (200 * Math.abs(actual[i] - predicted[i])) / d;
  }
  return s / actual.length;
}

export function mase(history: ArrayLike<number>, actual: ArrayLike<number>, predicted: ArrayLike<number>, period: number): number {
  let scale = 0;
  for (let t = period; t < history.length; t++) {
    scale += Math.abs(history[t] - history[t - period]);
  }
  scale /= history.length - period;
  let err = 0;
  for (let i = 0; i < actual.length; i++) {
    err += Math.abs(actual[i] - predicted[i]);
  }
  return err / actual.length / scale;
}

/** The benchmark's baseline: each step repeats the value one season earlier. */
export function seasonalNaive(history: ArrayLike<number>, horizon: number, period: number): Float64Array {
  const out = new Float64Array(horizon);
  const n = history.length;
  for (let h = 0; h < horizon; h++) {
    out[h] = history[n - period + (h % period)];
  }
  return out;
}
