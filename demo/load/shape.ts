// The traffic shape the load generator follows: a daily curve (quiet at night, busy in the
// afternoon, an evening shoulder), quieter weekends, and slowly wandering noise. Time can run
// faster than the wall clock so a test sees a day's shape in minutes. All times are UTC.

import { gaussian, type Random } from '../util/random';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A bump around hour `center` of width `width` hours, wrapping around midnight. */
function bump(hour: number, center: number, width: number): number {
  const d = Math.min(Math.abs(hour - center), 24 - Math.abs(hour - center));
  return Math.exp(-0.5 * (d / width) ** 2);
}

function rawDaily(hour: number): number {
  return 0.06 + 0.9 * bump(hour, 13.5, 3.6) + 0.4 * bump(hour, 20.5, 1.8);
}

const DAILY_MAX = Math.max(...Array.from({ length: 24 * 60 }, (_, m) => rawDaily(m / 60)));

/**
 * Relative load by hour of day (0 ≤ h < 24), normalised to a peak of 1.0 around 13:30: a
 * working-day hump, an evening shoulder (≈0.65 at 19-20h) and a night trough (≈0.07 at 02:00).
 */
export function dailyFactor(hourOfDay: number): number {
  const h = ((hourOfDay % 24) + 24) % 24;
  return rawDaily(h) / DAILY_MAX;
}

/** Relative load of a weekday, Monday = 1 … Sunday = 0 (Date.getUTCDay numbering). */
export const WEEKDAY_FACTOR = [0.62, 1.0, 1.0, 0.98, 0.97, 0.92, 0.68];

/** Weekly factor with a 3 h blend after midnight, so weekends do not start with a cliff. */
export function weeklyFactor(time: number): number {
  const d = new Date(time);
  const today = WEEKDAY_FACTOR[d.getUTCDay()];
  const yesterday = WEEKDAY_FACTOR[(d.getUTCDay() + 6) % 7];
  const sinceMidnight = (time % DAY + DAY) % DAY;
  const blend = Math.min(1, sinceMidnight / (3 * HOUR));
  return yesterday + (today - yesterday) * blend;
}

/** Expected requests per second at simulated time `time`, without noise. */
export function expectedRate(time: number, peakRps: number): number {
  const hour = (((time % DAY) + DAY) % DAY) / HOUR;
  return peakRps * dailyFactor(hour) * weeklyFactor(time);
}

/**
 * Maps wall-clock time to simulated time: with speed 60 one wall-clock minute is one simulated
 * hour, so a full day of shape passes in 24 minutes.
 */
export class SimClock {
  constructor(
    readonly wallStart: number,
    readonly simStart: number,
    readonly speed: number,
  ) {
    if (!(speed > 0)) {
      throw new Error(`speed must be > 0, got ${speed}`);
    }
  }

  simTime(wall: number): number {
    return this.simStart + (wall - this.wallStart) * this.speed;
  }

  /** The same simulated "now" continued at another speed (speed changes without a jump). */
  withSpeed(wall: number, speed: number): SimClock {
    return new SimClock(wall, this.simTime(wall), speed);
  }
}

/**
 * Multiplicative noise that wanders rather than flickers: an AR(1) process in log space, so the
 * rate has runs above and below the curve like real traffic. Its median factor is 1.
 */
export class RateNoise {
  private level = 0;

  /**
   * @param sigma   spread of the log factor (0.15 ≈ ±15 %)
   * @param tauSeconds  how long (simulated) a deviation lasts
   */
  constructor(
    private readonly rand: Random,
    private readonly sigma = 0.15,
    private readonly tauSeconds = 600,
  ) {}

  /** Advance by `dtSimSeconds` of simulated time and return the current factor. */
  step(dtSimSeconds: number): number {
    if (this.sigma <= 0) {
      return 1;
    }
    const phi = Math.exp(-Math.max(0, dtSimSeconds) / this.tauSeconds);
    this.level = phi * this.level + this.sigma * Math.sqrt(1 - phi * phi) * gaussian(this.rand);
    return Math.exp(this.level);
  }
}
