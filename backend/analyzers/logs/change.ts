// How surprising a count is against a baseline rate: the Poisson tail probability of seeing at
// least (or at most) this many lines in the window if the baseline rate held. Log counts are
// counts, so a Poisson test fits them better than the Gaussian residuals the metric detectors use.

export interface Change {
  direction: 'up' | 'down' | 'none';
  /** Lines expected in the window at the baseline rate (smoothed: half a line of prior). */
  expected: number;
  observed: number;
  /** −log10 of the one-sided tail probability, 0 when the count moves the other way. */
  surprise: number;
  /** In [0, 1): surprise mapped so that p = 1e-3 scores 0.5 and p = 1e-10 about 0.9. */
  score: number;
}

function logFactorial(n: number): number {
  // Stirling with two correction terms beyond 20; exact sums below.
  if (n < 20) {
    let s = 0;
    for (let i = 2; i <= n; i++) s += Math.log(i);
    return s;
  }
  return n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n) + 1 / (12 * n) - 1 / (360 * n ** 3);
}

const logPmf = (k: number, lambda: number) => (lambda === 0 ? (k === 0 ? 0 : -Infinity) : k * Math.log(lambda) - lambda - logFactorial(k));

/** log of P(X ≥ k) for X ~ Poisson(λ), summed from k up until the terms stop counting. */
export function logPoissonUpper(k: number, lambda: number): number {
  if (k <= 0) return 0;
  const first = logPmf(k, lambda);
  let sum = 1;
  let term = 1;
  for (let i = k + 1; i < k + 100_000; i++) {
    term *= lambda / i;
    sum += term;
    if (term < sum * 1e-12) break;
  }
  return Math.min(0, first + Math.log(sum));
}

/** log of P(X ≤ k) for X ~ Poisson(λ). */
export function logPoissonLower(k: number, lambda: number): number {
  if (k >= lambda * 10 + 100) return 0;
  const first = logPmf(k, lambda);
  let sum = 1;
  let term = 1;
  for (let i = k; i > 0; i--) {
    term *= i / lambda;
    sum += term;
    if (term < sum * 1e-12) break;
  }
  return Math.min(0, first + Math.log(sum));
}

export function surpriseScore(surprise: number): number {
  return surprise <= 0 ? 0 : surprise / (surprise + 3);
}

/** Compares `observed` lines over `windowMs` with `baselineCount` lines over `baselineMs`. */
export function countChange(baselineCount: number, baselineMs: number, observed: number, windowMs: number): Change {
  const expected = ((baselineCount + 0.5) / Math.max(baselineMs, 1)) * windowMs;
  let surprise = 0;
  let direction: Change['direction'] = 'none';
  if (observed > expected) {
    direction = 'up';
    surprise = -logPoissonUpper(observed, expected) / Math.LN10;
  } else if (observed < expected) {
    direction = 'down';
    surprise = -logPoissonLower(observed, expected) / Math.LN10;
  }
  return { direction, expected, observed, surprise, score: surpriseScore(surprise) };
}
