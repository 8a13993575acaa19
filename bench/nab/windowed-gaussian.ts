// NAB's "windowedGaussian" baseline, as numenta/NAB nab/detectors/gaussian/windowedGaussian_detector.py
// implements it: the mean and (population) standard deviation of a window of the last 6,400 values,
// moved forward 100 values at a time; each new value is scored before it joins the window, as
// 1 − Q(|x − mean|/std), Q being the normal tail probability. The first row scores 0. A zero standard
// deviation is replaced by 1e-6. Causal: the score of row t uses rows before t only. erfc is accurate
// to ~1e-15 like Python's math.erfc, which matters: NAB's sweep works on exact score values, and
// 1 − Q saturates to 1 for |z| > ~8.3, so ties decide part of the score.

import { erfc } from '../../backend/analyzers/anomaly/stats';

const WINDOW = 6400;
const STEP = 100;

/**
 * NAB's published windowed-Gaussian scores (results/windowedGaussian/**) were written with 12
 * significant digits (Python 2's str(float)), so a score of 1 − 1e-13 became 1.0 and tied with the
 * saturated ones. Ties matter to the threshold sweep: with `nabRounding` the scores are rounded the
 * same way, which reproduces NAB's published 39.65 / 20.87 / 47.41 on the full corpus.
 */
export function roundLikeNab(x: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(12));
}

export function windowedGaussianScores(values: ArrayLike<number>, options: { nabRounding?: boolean } = {}): Float64Array {
  const out = new Float64Array(values.length);
  const windowData: number[] = [];
  let stepBuffer: number[] = [];
  let mean = 0;
  let std = 1;
  const update = () => {
    let s = 0;
    for (const v of windowData) {
      s += v;
    }
    mean = s / windowData.length;
    let ss = 0;
    for (const v of windowData) {
      ss += (v - mean) ** 2;
    }
    std = Math.sqrt(ss / windowData.length);
    if (std === 0) {
      std = 0.000001;
    }
  };
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (windowData.length > 0) {
      const z = Math.abs(x - mean) / std;
      out[i] = 1 - 0.5 * erfc(z / Math.SQRT2);
      if (options.nabRounding) {
        out[i] = roundLikeNab(out[i]);
      }
    }
    if (windowData.length < WINDOW) {
      windowData.push(x);
      update();
    } else {
      stepBuffer.push(x);
      if (stepBuffer.length === STEP) {
        windowData.splice(0, STEP);
        windowData.push(...stepBuffer);
        stepBuffer = [];
        update();
      }
    }
  }
  return out;
}
