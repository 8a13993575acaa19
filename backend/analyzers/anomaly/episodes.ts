// From per-point scores to alerts. One anomaly (a spike and its echo, a level shift the model takes
// a while to learn) makes a run of high scores; whoever was paged for the first does not need a page
// for each of the others. `alertScores` keeps the score of the point that opens an episode (the
// first to reach `alarm`) and mutes the points after it for `refractory` steps, unless one beats the
// opening score by `escalation`. It is causal — the output at t depends on scores up to t only — so
// it runs in a stream and can be evaluated as one (NAB counts only the first detection in a window,
// and counts every later one outside it as a false positive).

export interface AlertOptions {
  /** A score ≥ this opens an episode (default 0.5, the detectors' default flag threshold). */
  alarm?: number;
  /** Steps muted after a point opens an episode (default 100). */
  refractory?: number;
  /** Within an episode, a point is still reported (and restarts it) if its score exceeds the opening one by this (default 0.15). */
  escalation?: number;
}

export function alertScores(score: ArrayLike<number>, options: AlertOptions = {}): Float64Array {
  const alarm = options.alarm ?? 0.5;
  const refractory = options.refractory ?? 100;
  const escalation = options.escalation ?? 0.15;
  if (!(refractory >= 0)) {
    throw new RangeError(`refractory must be ≥ 0 steps, got ${refractory}`);
  }
  const out = new Float64Array(score.length);
  let until = -1;
  let opened = 0;
  for (let t = 0; t < score.length; t++) {
    const s = score[t];
    if (t <= until) {
      if (s >= opened + escalation) {
        out[t] = s;
        opened = s;
        until = t + refractory;
      }
      continue;
    }
    out[t] = s;
    if (s >= alarm) {
      opened = s;
      until = t + refractory;
    }
  }
  return out;
}
