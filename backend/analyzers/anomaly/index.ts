// Anomaly detection analyzers: pure functions over series, no I/O.
//
// - Single-series detectors behind one interface (`AnomalyDetector`): per point a score in [0, 1], a
//   flag and the band the point was judged against.
//     'novelty'            streaming: how far a value is from anything the series has done (and
//                          from what it does at this time of day/week), relative to its range.
//                          Online only. The NAB benchmark's best here (bench/nab).
//     'seasonal-residual'  decomposition (augurs MSTL in-sample in batch; a robust same-phase
//                          baseline in online mode) and a robust z-score of the residual.
// - `alertScores`: turns per-point scores into alert-like scores (one per episode).
// - `seriesOutliers`: which series of a group is odd (augurs OutlierDetector, DBSCAN or MAD).

import { noveltyDetector, type NoveltyOptions } from './novelty';
import { seasonalResidualDetector, type SeasonalResidualOptions } from './seasonal';
import type { AnomalyDetector, AnomalyResult, AnomalySeries } from './types';

/** Options any detector accepts; each reads the ones it knows (see NoveltyOptions, SeasonalResidualOptions). */
export type DetectorOptions = NoveltyOptions & SeasonalResidualOptions;

export type { AnomalyDetector, AnomalyMode, AnomalyOptions, AnomalyResult, AnomalySeries } from './types';
export { alertScores, type AlertOptions } from './episodes';
export { noveltyScore, type NoveltyOptions } from './novelty';
export { seasonalResidualScore, type SeasonalResidualOptions } from './seasonal';
export { seriesOutliers, type SeriesOutlierOptions, type SeriesOutlierResult } from './outliers';

export const ANOMALY_DETECTORS: Readonly<Record<string, AnomalyDetector>> = {
  [noveltyDetector.name]: noveltyDetector,
  [seasonalResidualDetector.name]: seasonalResidualDetector,
};

export class UnknownDetectorError extends RangeError {
  constructor(name: string) {
    super(`unknown anomaly detector "${name}"; known: ${Object.keys(ANOMALY_DETECTORS).join(', ')}`);
    this.name = 'UnknownDetectorError';
  }
}

export function detectAnomalies(detector: string, series: AnomalySeries, options?: DetectorOptions): AnomalyResult {
  const d = ANOMALY_DETECTORS[detector];
  if (!d) {
    throw new UnknownDetectorError(detector);
  }
  const mode = options?.mode ?? d.modes[0];
  if (!d.modes.includes(mode)) {
    throw new RangeError(`the ${d.name} detector has no ${mode} mode (it has ${d.modes.join(', ')})`);
  }
  return d.score(series, { ...options, mode });
}
