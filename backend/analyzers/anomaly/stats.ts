// Small robust-statistics toolkit for the anomaly detectors: order statistics over a sliding window,
// median/MAD, and the normal tail (also in log10, for z-scores far beyond what a double can hold).

/** Complementary error function, about 1e-15 relative accuracy (W. J. Cody's rational approximations). */
export function erfc(x: number): number {
  if (Number.isNaN(x)) {
    return NaN;
  }
  const ax = Math.abs(x);
  let r: number;
  if (ax < 0.5) {
    return 1 - erfSmall(x);
  } else if (ax < 4) {
    const p = [3.004592610201616005e2, 4.519189537118729422e2, 3.39320816734343687e2, 1.529892850469404039e2, 4.31622272220567353e1, 7.211758250883093659, 5.641955174789739711e-1, -1.368648573827167067e-7];
    const q = [3.004592609569832933e2, 7.909509253278980272e2, 9.313540948506096211e2, 6.389802644656311665e2, 2.775854447439876434e2, 7.700015293522947295e1, 1.278272731962942351e1, 1];
    let num = p[7];
    let den = q[7];
    for (let i = 6; i >= 0; i--) {
      num = num * ax + p[i];
      den = den * ax + q[i];
    }
    r = Math.exp(-ax * ax) * (num / den);
  } else {
    const p = [-2.99610707703542174e-3, -4.94730910623250734e-2, -2.2695659353968693e-1, -2.78661308609647788e-1, -2.23192459734184686e-2];
    const q = [1.06209230528467918e-2, 1.91308926107829841e-1, 1.05167510706793207, 1.98733201817135256, 1];
    const z = 1 / (ax * ax);
    let num = p[4];
    let den = q[4];
    for (let i = 3; i >= 0; i--) {
      num = num * z + p[i];
      den = den * z + q[i];
    }
    r = (Math.exp(-ax * ax) / ax) * (1 / Math.sqrt(Math.PI) + (z * num) / den);
  }
  return x < 0 ? 2 - r : r;
}

function erfSmall(x: number): number {
  const p = [3.209377589138469473e3, 3.774852376853020208e2, 1.138641541510501556e2, 3.161123743870565597, 1.857777061846031527e-1];
  const q = [2.844236833439170622e3, 1.282616526077372276e3, 2.440246379344441733e2, 2.360129095234412093e1, 1];
  const z = x * x;
  let num = p[4];
  let den = q[4];
  for (let i = 3; i >= 0; i--) {
    num = num * z + p[i];
    den = den * z + q[i];
  }
  return (x * num) / den;
}

/** P(Z > z) for a standard normal Z. */
export function normalTail(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/**
 * log10 of the two-sided normal tail probability P(|Z| ≥ |z|), accurate far into the tail, where
 * the probability itself underflows (|z| > 38): there, the asymptotic series of Mills' ratio.
 */
export function log10TwoSidedNormalTail(z: number): number {
  const a = Math.abs(z);
  if (Number.isNaN(a)) {
    return NaN;
  }
  if (a === Infinity) {
    return -Infinity;
  }
  if (a < 30) {
    return Math.log10(2 * normalTail(a));
  }
  const a2 = a * a;
  const ln = -a2 / 2 - Math.log(a * Math.sqrt(2 * Math.PI)) + Math.log1p(-1 / a2 + 3 / (a2 * a2));
  return (ln + Math.LN2) / Math.LN10;
}

/** Standard normal quantile Φ⁻¹(p), p in (0,1) (Acklam's approximation, ~1e-9 relative). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) {
    return p <= 0 ? -Infinity : Infinity;
  }
  const a = [-39.6968302866538, 220.946098424521, -275.928510446969, 138.357751867269, -30.6647980661472, 2.50662827745924];
  const b = [-54.4760987982241, 161.585836858041, -155.698979859887, 66.8013118877197, -13.2806815528857];
  const c = [-0.00778489400243029, -0.322396458041136, -2.40075827716184, -2.54973253934373, 4.37466414146497, 2.93816398269878];
  const d = [0.00778469570904146, 0.32246712907004, 2.445134137143, 3.75440866190742];
  const plow = 0.02425;
  if (p < plow) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - plow) {
    return -normalQuantile(1 - p);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** Median of the finite values (NaN if none). Does not modify its input. */
export function median(values: ArrayLike<number>): number {
  const xs = Float64Array.from(values).filter(Number.isFinite).sort();
  if (xs.length === 0) {
    return NaN;
  }
  const m = xs.length >> 1;
  return xs.length % 2 ? xs[m] : (xs[m - 1] + xs[m]) / 2;
}

/** Median absolute deviation from the median, unscaled (multiply by 1.4826 for a normal σ). */
export function mad(values: ArrayLike<number>, center = median(values)): number {
  const dev = Float64Array.from(values)
    .filter(Number.isFinite)
    .map((v) => Math.abs(v - center));
  return median(dev);
}

/**
 * The last `capacity` values pushed, kept sorted as well as in arrival order, for order statistics
 * over a sliding window: O(log n) rank queries, O(1) quantiles, O(n) memmove per push.
 */
export class SlidingWindow {
  private readonly ring: Float64Array;
  private readonly sorted: Float64Array;
  private head = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!(Number.isInteger(capacity) && capacity > 0)) {
      throw new RangeError(`window capacity must be a positive integer, got ${capacity}`);
    }
    this.ring = new Float64Array(capacity);
    this.sorted = new Float64Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Adds a value, dropping the oldest when full. Non-finite values are ignored. */
  push(x: number): void {
    if (!Number.isFinite(x)) {
      return;
    }
    if (this.count === this.capacity) {
      const old = this.ring[this.head];
      const at = this.lowerBound(old);
      this.sorted.copyWithin(at, at + 1, this.count);
      this.count--;
    }
    this.ring[this.head] = x;
    this.head = (this.head + 1) % this.capacity;
    const at = this.upperBound(x);
    this.sorted.copyWithin(at + 1, at, this.count);
    this.sorted[at] = x;
    this.count++;
  }

  /** q-quantile (linear interpolation between order statistics), NaN when empty. */
  quantile(q: number): number {
    if (this.count === 0) {
      return NaN;
    }
    const pos = q * (this.count - 1);
    const lo = Math.floor(pos);
    const hi = Math.min(this.count - 1, lo + 1);
    return this.sorted[lo] + (this.sorted[hi] - this.sorted[lo]) * (pos - lo);
  }

  /** Distance from x to the nearest value in the window (Infinity when empty). */
  nearestDistance(x: number): number {
    if (this.count === 0) {
      return Infinity;
    }
    const at = this.lowerBound(x);
    let d = Infinity;
    if (at < this.count) {
      d = this.sorted[at] - x;
    }
    if (at > 0) {
      d = Math.min(d, x - this.sorted[at - 1]);
    }
    return d;
  }

  private lowerBound(x: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid] < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private upperBound(x: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid] <= x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
