// Seeded randomness, so a demo run (and a unit test) can be replayed exactly with the same seed.

export type Random = () => number;

/** mulberry32: tiny, fast, good enough for simulation noise (not for anything secret). */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal sample (Box–Muller). */
export function gaussian(rand: Random): number {
  const u = Math.max(rand(), 1e-12);
  const v = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Poisson sample: exact (Knuth) for small means, normal approximation above 30. */
export function poisson(rand: Random, mean: number): number {
  if (mean <= 0) {
    return 0;
  }
  if (mean > 30) {
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(rand)));
  }
  const limit = Math.exp(-mean);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= rand();
  } while (p > limit);
  return k - 1;
}

/** A multiplicative factor with median 1 whose spread is `sigma` (log-normal). */
export function jitter(rand: Random, sigma: number): number {
  return Math.exp(sigma * gaussian(rand) - (sigma * sigma) / 2);
}

/** A random id in hex (ids of injections; trace ids come from OpenTelemetry). */
export function hexId(rand: Random, bytes: number): string {
  let s = '';
  for (let i = 0; i < bytes; i++) {
    s += Math.floor(rand() * 256)
      .toString(16)
      .padStart(2, '0');
  }
  return s;
}
