// NAB's scoring, reimplemented from its published method (numenta/NAB nab/sweeper.py, optimizer.py,
// scorer.py, runner.py normalize(), v1.1):
//
// - Probationary period: the first min(floor(0.15·rows), 0.15·5000) rows of each file are not scored.
// - Each row gets a "sweep score" as if it were a detection. Inside a window, at relative position
//   p = −(rightIndex − i + 1)/width (−1 at the left edge, →0 at the right edge), the reward is
//   tpWeight·S(p)/S(−1) with S(x) = 2·sigmoid(−5x) − 1 (S(x) = −1 for x > 3). Outside a window the
//   row is a false positive worth fpWeight·S(|prevRightIndex − i|/(prevWidth − 1)) after a window
//   (a detection just past a window costs almost nothing, far past it costs fpWeight), and
//   −fpWeight before any window.
// - For a threshold, the rows whose anomaly score is ≥ it are detections. Each window contributes
//   the largest sweep score of its detections (the earliest, since S falls across a window), or
//   −fnWeight when it has none; the false positives add up.
// - One threshold per profile, for the whole corpus, chosen to maximise the total (a sweep over
//   every distinct anomaly score).
// - Normalised score = 100·(raw − null)/(perfect − null), where null is the optimised raw score of
//   the null detector (a constant score) and perfect = (windows in the label file)·tpWeight.

import type { CostMatrix, DataFile } from './corpus';

export const PROBATION_PERCENT = 0.15;

export function probationaryLength(rows: number, percent = PROBATION_PERCENT): number {
  return Math.min(Math.floor(percent * rows), percent * 5000);
}

export function scaledSigmoid(relativePosition: number): number {
  if (relativePosition > 3.0) {
    return -1.0;
  }
  return 2 / (1 + Math.exp(5 * relativePosition)) - 1;
}

/** One scorable row: its anomaly score, its sweep score, and its window (-1 outside any). */
export interface SweepRows {
  file: string;
  scores: Float64Array;
  sweep: Float64Array;
  /** Window number within the file, -1 outside windows, -2 in the probationary period. */
  window: Int32Array;
  windowCount: number;
}

/** NAB's calcSweepScore for one file. */
export function sweepFile(file: Pick<DataFile, 'relativePath' | 'timestamps' | 'windowRows'>, anomalyScores: ArrayLike<number>, cost: CostMatrix): SweepRows {
  const n = file.timestamps.length;
  if (anomalyScores.length !== n) {
    throw new Error(`${file.relativePath}: ${anomalyScores.length} anomaly scores for ${n} rows`);
  }
  const maxTP = scaledSigmoid(-1.0);
  const probation = probationaryLength(n);
  const scores = new Float64Array(n);
  const sweep = new Float64Array(n);
  const window = new Int32Array(n);
  let next = 0; // the next window to enter
  let cur = -1;
  let curRight = -1;
  let curWidth = 0;
  let prevRight = -1;
  let prevWidth = 0;
  for (let i = 0; i < n; i++) {
    const s = anomalyScores[i];
    if (!(s >= 0 && s <= 1)) {
      throw new Error(`${file.relativePath}: anomaly score ${s} at row ${i} is not in [0, 1]`);
    }
    scores[i] = s;
    if (cur < 0 && next < file.windowRows.length && i === file.windowRows[next][0]) {
      cur = next++;
      curRight = file.windowRows[cur][1];
      curWidth = curRight - file.windowRows[cur][0] + 1;
    }
    if (cur >= 0) {
      sweep[i] = (scaledSigmoid(-(curRight - i + 1) / curWidth) * cost.tpWeight) / maxTP;
    } else if (prevRight < 0) {
      sweep[i] = -1.0 * cost.fpWeight;
    } else {
      sweep[i] = scaledSigmoid(Math.abs(prevRight - i) / (prevWidth - 1)) * cost.fpWeight;
    }
    window[i] = i >= probation ? cur : -2;
    if (cur >= 0 && i === curRight) {
      prevRight = i;
      prevWidth = curWidth;
      cur = -1;
    }
  }
  return { file: file.relativePath, scores, sweep, window, windowCount: file.windowRows.length };
}

export interface ThresholdScore {
  threshold: number;
  score: number;
  tp: number;
  tn: number;
  fp: number;
  fn: number;
}

/** NAB's calcScoreByThreshold over any number of files: the raw score at every distinct threshold. */
export function scoresByThreshold(files: SweepRows[], cost: CostMatrix): ThresholdScore[] {
  let total = 0;
  for (const f of files) {
    total += f.scores.length;
  }
  // Scorable rows, flattened; window ids made global.
  const rowScore = new Float64Array(total);
  const rowSweep = new Float64Array(total);
  const rowWindow = new Int32Array(total);
  let m = 0;
  let windowBase = 0;
  const seen = new Set<number>();
  for (const f of files) {
    for (let i = 0; i < f.scores.length; i++) {
      if (f.window[i] === -2) {
        continue;
      }
      rowScore[m] = f.scores[i];
      rowSweep[m] = f.sweep[i];
      rowWindow[m] = f.window[i] >= 0 ? windowBase + f.window[i] : -1;
      if (rowWindow[m] >= 0) {
        seen.add(rowWindow[m]);
      }
      m++;
    }
    windowBase += f.windowCount;
  }
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => rowScore[b] - rowScore[a] || a - b);
  // Only windows with scorable rows enter the score, at −fnWeight until detected.
  const part = new Float64Array(windowBase);
  for (const w of seen) {
    part[w] = -cost.fnWeight;
  }
  let windowSum = seen.size * -cost.fnWeight;
  let fpSum = 0;
  let tn = 0;
  let fn = 0;
  for (let k = 0; k < m; k++) {
    if (rowWindow[k] < 0) {
      tn++;
    } else {
      fn++;
    }
  }
  let tp = 0;
  let fp = 0;
  const out: ThresholdScore[] = [];
  let threshold = 1.1;
  for (const k of order) {
    if (rowScore[k] !== threshold) {
      out.push({ threshold, score: windowSum + fpSum, tp, tn, fp, fn });
      threshold = rowScore[k];
    }
    const w = rowWindow[k];
    if (w >= 0) {
      tp++;
      fn--;
      if (rowSweep[k] > part[w]) {
        windowSum += rowSweep[k] - part[w];
        part[w] = rowSweep[k];
      }
    } else {
      fp++;
      tn--;
      fpSum += rowSweep[k];
    }
  }
  out.push({ threshold, score: windowSum + fpSum, tp, tn, fp, fn });
  return out;
}

/** NAB's optimizeThreshold: the best raw score over all thresholds (the highest threshold on ties). */
export function optimise(files: SweepRows[], cost: CostMatrix): ThresholdScore {
  let best: ThresholdScore | undefined;
  for (const s of scoresByThreshold(files, cost)) {
    if (best === undefined || s.score > best.score) {
      best = s;
    }
  }
  return best!;
}

export interface FileScore {
  file: string;
  score: number;
  /** Windows with a detection / windows with scorable rows. */
  detected: number;
  windows: number;
  /** Detections outside windows, and the part of them that costs (rows well past a window). */
  fpRows: number;
  fpCost: number;
  /** Rows between the window's left edge and the first detection, as a fraction of its width, per window (NaN: missed). */
  earliness: number[];
}

/** One file's share of the score at a fixed threshold (NAB's scoreDataSet), with some detail for diagnosis. */
export function scoreFileAt(f: SweepRows, threshold: number, cost: CostMatrix): FileScore {
  const best = new Map<number, number>();
  const first = new Map<number, number>();
  let fpCost = 0;
  let fpRows = 0;
  const windowsScorable = new Set<number>();
  const start = new Map<number, number>();
  const width = new Map<number, number>();
  for (let i = 0; i < f.scores.length; i++) {
    const w = f.window[i];
    if (w >= 0) {
      windowsScorable.add(w);
      if (!start.has(w)) {
        start.set(w, i);
      }
      width.set(w, i - start.get(w)! + 1);
    }
    if (w === -2 || f.scores[i] < threshold) {
      continue;
    }
    if (w === -1) {
      fpRows++;
      fpCost += f.sweep[i];
    } else if (!best.has(w) || f.sweep[i] > best.get(w)!) {
      best.set(w, f.sweep[i]);
      if (!first.has(w)) {
        first.set(w, i);
      }
    }
  }
  let score = fpCost;
  const earliness: number[] = [];
  for (const w of [...windowsScorable].sort((a, b) => a - b)) {
    score += best.has(w) ? best.get(w)! : -cost.fnWeight;
    earliness.push(first.has(w) ? (first.get(w)! - start.get(w)!) / width.get(w)! : NaN);
  }
  return { file: f.file, score, detected: best.size, windows: windowsScorable.size, fpRows, fpCost, earliness };
}

export interface ProfileResult {
  profile: string;
  threshold: number;
  raw: number;
  nullRaw: number;
  perfect: number;
  normalised: number;
  counts: ThresholdScore;
}

/**
 * NAB's final score for one detector and profile: sweep, optimise the threshold, normalise against
 * the null detector (constant scores) and the perfect count.
 */
export function scoreProfile(
  files: Array<Pick<DataFile, 'relativePath' | 'timestamps' | 'windowRows'>>,
  anomalyScores: ArrayLike<number>[],
  profile: string,
  cost: CostMatrix,
  windowCount: number,
): ProfileResult & { sweeps: SweepRows[] } {
  const sweeps = files.map((f, i) => sweepFile(f, anomalyScores[i], cost));
  const best = optimise(sweeps, cost);
  const nullSweeps = files.map((f) => sweepFile(f, new Float64Array(f.timestamps.length).fill(0.5), cost));
  const nullRaw = optimise(nullSweeps, cost).score;
  const perfect = windowCount * cost.tpWeight;
  return {
    profile,
    threshold: best.threshold,
    raw: best.score,
    nullRaw,
    perfect,
    normalised: (100 * (best.score - nullRaw)) / (perfect - nullRaw),
    counts: best,
    sweeps,
  };
}
