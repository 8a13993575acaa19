// From per-point scores to alerts. One anomaly (a spike and its echo, a level shift that the model
// takes a while to absorb) makes a run of high scores; someone paged once does not need paging again
// for each point of the run. `alertScores` keeps the score of the point that opens an episode and
// mutes the points that follow it for `refractory` steps, unless one is clearly more surprising than
// the one that opened it. Causal: point t's output depends on scores up to t only, so it can run in
// a stream and be evaluated as one (NAB).

export interface AlertOptions {
  /** A point with a score ≥ this opens an episode (default 0.4). */
  alarm?: number;
  /** Steps muted after a point opens an episode (default 150). */
  refractory?: number;
  /** Within an episode, a point is still reported if its score exceeds the opening one by this much (default 0.25). */
  escalation?: number;
}

export function alertScores(score: ArrayLike<number>, options: AlertOptions = {}): Float64Array {
  const alarm = options.alarm ?? 0.4;
  const refractory = options.refractory ?? 150;
  const escalation = options.escalation ?? 0.25;
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
