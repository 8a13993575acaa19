// The detectors the NAB benchmark runs: each maps one data file to an anomaly score per row, seeing
// the rows in order (NAB's detectors are handed one record at a time).

import { alertScores } from '../../backend/analyzers/anomaly/episodes';
import { streamingScore } from '../../backend/analyzers/anomaly/streaming';
import type { DataFile } from './corpus';
import { windowedGaussianScores } from './windowed-gaussian';

export interface NabDetector {
  /** Run by default. */
  default: boolean;
  run(file: DataFile): Float64Array;
}

function envNum(name: string, dflt: number): number {
  const v = process.env[name];
  return v === undefined ? dflt : Number(v);
}

export const NAB_DETECTORS: Record<string, NabDetector> = {
  foresight: {
    default: true,
    run: (f) => {
      const r = streamingScore({ timestamps: f.timestamps, values: f.values }, { mode: 'online' });
      return alertScores(r.score, { alarm: envNum('ALARM', 0.4), refractory: envNum('REFRACTORY', 150), escalation: envNum('ESCALATION', 0.25) });
    },
  },
  foresightRaw: {
    default: false,
    run: (f) => streamingScore({ timestamps: f.timestamps, values: f.values }, { mode: 'online' }).score,
  },
  windowedGaussian: { default: true, run: (f) => windowedGaussianScores(f.values) },
};
