// Pattern novelty: how far the recent shape of a series is from every shape it has shown before.
//
// The "shape" at t is the vector of the means of `blocks` consecutive blocks of `blockSize` values
// ending at t (a downsampled window). Its novelty is the root-mean-square distance to its nearest
// neighbour among the shapes of the last `capacity` steps (a k = 1 nearest-neighbour distance, the
// statistic of kNN-based novelty detectors). A shape joins the searchable history only once it no
// longer overlaps the present one, so a smooth series is not "close to itself".
//
// Search: shapes are kept sorted by their mean. The RMS distance between two shapes is at least the
// difference of their means, so the search walks outwards from the query's mean and stops once that
// difference exceeds the best distance found: exact, and usually a few dozen comparisons.

export class NoveltyIndex {
  private readonly dim: number;
  private readonly data: Float64Array;
  private readonly means: Float64Array;
  /** Slots ordered by mean. */
  private readonly order: Int32Array;
  private readonly slotOf: Int32Array;
  private count = 0;
  private next = 0;

  constructor(
    readonly blocks: number,
    readonly blockSize: number,
    readonly capacity: number,
  ) {
    this.dim = blocks;
    this.data = new Float64Array(capacity * blocks);
    this.means = new Float64Array(capacity);
    this.order = new Int32Array(capacity);
    this.slotOf = new Int32Array(capacity).fill(-1);
  }

  get size(): number {
    return this.count;
  }

  /** Points a shape spans. */
  get span(): number {
    return this.blocks * this.blockSize;
  }

  /** The shape ending at index t of a series with prefix sums `cum` (cum[i] = sum of x[0..i-1]); undefined if t is too early. */
  shapeAt(cum: Float64Array, t: number): Float64Array | undefined {
    const start = t + 1 - this.span;
    if (start < 0) {
      return undefined;
    }
    const v = new Float64Array(this.dim);
    for (let b = 0; b < this.blocks; b++) {
      const a = start + b * this.blockSize;
      v[b] = (cum[a + this.blockSize] - cum[a]) / this.blockSize;
    }
    return v;
  }

  /** RMS distance from v to its nearest stored shape (Infinity when none). */
  nearest(v: Float64Array): number {
    if (this.count === 0) {
      return Infinity;
    }
    const m = meanOf(v);
    const pos = this.lowerBound(m);
    let best2 = Infinity; // best squared RMS distance
    let lo = pos - 1;
    let hi = pos;
    const d = this.dim;
    while (lo >= 0 || hi < this.count) {
      const dLo = lo >= 0 ? m - this.means[this.order[lo]] : Infinity;
      const dHi = hi < this.count ? this.means[this.order[hi]] - m : Infinity;
      const useLo = dLo <= dHi;
      const gap = useLo ? dLo : dHi;
      if (gap * gap >= best2) {
        break;
      }
      const slot = this.order[useLo ? lo-- : hi++];
      const base = slot * d;
      let s = 0;
      const limit = best2 * d;
      for (let k = 0; k < d && s < limit; k++) {
        const e = this.data[base + k] - v[k];
        s += e * e;
      }
      if (s / d < best2) {
        best2 = s / d;
      }
    }
    return Math.sqrt(best2);
  }

  /** Stores a shape, evicting the oldest when full. */
  add(v: Float64Array): void {
    const slot = this.next;
    this.next = (this.next + 1) % this.capacity;
    if (this.slotOf[slot] >= 0) {
      // Evict the shape in this slot.
      const at = this.findSlot(slot);
      this.order.copyWithin(at, at + 1, this.count);
      this.count--;
    }
    this.data.set(v, slot * this.dim);
    const m = meanOf(v);
    this.means[slot] = m;
    const at = this.lowerBound(m);
    this.order.copyWithin(at + 1, at, this.count);
    this.order[at] = slot;
    this.slotOf[slot] = 1;
    this.count++;
  }

  private findSlot(slot: number): number {
    const m = this.means[slot];
    let i = this.lowerBound(m);
    while (i < this.count && this.order[i] !== slot) {
      i++;
    }
    return i;
  }

  private lowerBound(m: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.means[this.order[mid]] < m) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}

function meanOf(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) {
    s += v[i];
  }
  return s / v.length;
}

/**
 * Value novelty with a seasonal context: the past values of the last `capacity` steps, each with its
 * phase in the season (a fraction of the period, or 0 without one). The distance between two points
 * is max(|Δvalue|, λ·|Δphase|) (phase difference taken around the circle), so a value is "known" if
 * it was seen before at about this time of the cycle; seen only at other times of day, it is novel by
 * up to λ/2. With λ = 0 it is the distance to the nearest past value.
 */
export class ValueIndex {
  private readonly ringValue: Float64Array;
  private readonly ringPhase: Float64Array;
  private readonly sortedValue: Float64Array;
  private readonly sortedPhase: Float64Array;
  private head = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.ringValue = new Float64Array(capacity);
    this.ringPhase = new Float64Array(capacity);
    this.sortedValue = new Float64Array(capacity);
    this.sortedPhase = new Float64Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  add(value: number, phase: number): void {
    if (this.count === this.capacity) {
      const v = this.ringValue[this.head];
      const p = this.ringPhase[this.head];
      let at = this.lowerBound(v);
      while (this.sortedPhase[at] !== p && at < this.count - 1 && this.sortedValue[at + 1] === v) {
        at++;
      }
      this.sortedValue.copyWithin(at, at + 1, this.count);
      this.sortedPhase.copyWithin(at, at + 1, this.count);
      this.count--;
    }
    this.ringValue[this.head] = value;
    this.ringPhase[this.head] = phase;
    this.head = (this.head + 1) % this.capacity;
    const at = this.lowerBound(value);
    this.sortedValue.copyWithin(at + 1, at, this.count);
    this.sortedPhase.copyWithin(at + 1, at, this.count);
    this.sortedValue[at] = value;
    this.sortedPhase[at] = phase;
    this.count++;
  }

  /**
   * The distance to the nearest stored point, values divided by `unit`; and that point's value
   * difference (signed, in value units). Infinity when empty.
   */
  kth(value: number, unit: number, k: number): number {
    if (this.count < k) {
      return Infinity;
    }
    let lo = this.lowerBound(value) - 1;
    let hi = lo + 1;
    let d = Infinity;
    for (let i = 0; i < k; i++) {
      const dLo = lo >= 0 ? (value - this.sortedValue[lo]) / unit : Infinity;
      const dHi = hi < this.count ? (this.sortedValue[hi] - value) / unit : Infinity;
      if (dLo <= dHi) {
        d = dLo;
        lo--;
      } else {
        d = dHi;
        hi++;
      }
    }
    return d;
  }

  nearest(value: number, phase: number, unit: number, lambda: number): { distance: number } {
    if (this.count === 0) {
      return { distance: Infinity };
    }
    let best = Infinity;
    let lo = this.lowerBound(value) - 1;
    let hi = lo + 1;
    while (lo >= 0 || hi < this.count) {
      const dLo = lo >= 0 ? (value - this.sortedValue[lo]) / unit : Infinity;
      const dHi = hi < this.count ? (this.sortedValue[hi] - value) / unit : Infinity;
      const useLo = dLo <= dHi;
      const dv = useLo ? dLo : dHi;
      if (dv >= best) {
        break;
      }
      const k = useLo ? lo-- : hi++;
      let dp = 0;
      if (lambda > 0) {
        const raw = Math.abs(phase - this.sortedPhase[k]);
        dp = lambda * Math.min(raw, 1 - raw);
      }
      const d = Math.max(dv, dp);
      if (d < best) {
        best = d;
      }
    }
    return { distance: best };
  }

  private lowerBound(x: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sortedValue[mid] < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
