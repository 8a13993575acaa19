// Synthetic series for the anomaly tests: deterministic noise, so nothing flakes.

export const FIVE_MIN = 300_000;
export const DAY = 288; // 5-minute steps in a day

export function noise(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31 - 0.5;
  };
}

export function times(n: number, step = FIVE_MIN): number[] {
  return Array.from({ length: n }, (_, i) => i * step);
}

/** A daily sine around 50 (amplitude 10) with ±0.5 noise, 5-minute steps. */
export function daily(n: number, seed = 7): Float64Array {
  const r = noise(seed);
  return Float64Array.from({ length: n }, (_, i) => 50 + 10 * Math.sin((2 * Math.PI * i) / DAY) + r());
}

/** A level with ±0.5 noise. */
export function flat(n: number, level = 50, seed = 11): Float64Array {
  const r = noise(seed);
  return Float64Array.from({ length: n }, () => level + r());
}

export function flagged(flags: Uint8Array): number[] {
  const out: number[] = [];
  flags.forEach((f, i) => {
    if (f) {
      out.push(i);
    }
  });
  return out;
}
