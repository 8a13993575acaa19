// The detectors the NAB benchmark runs: each maps one data file to an anomaly score per row, seeing
// the rows in file order (NAB hands its detectors one record at a time). All run in online mode.

import { alertScores } from '../../backend/analyzers/anomaly/episodes';
import { noveltyScore } from '../../backend/analyzers/anomaly/novelty';
import { seasonalResidualScore } from '../../backend/analyzers/anomaly/seasonal';
import type { DataFile } from './corpus';
import { windowedGaussianScores } from './windowed-gaussian';

export interface NabDetector {
  /** Run by default. */
  default: boolean;
  run(file: DataFile): Float64Array;
}

/**
 * NAB feeds a detector the rows in file order, one at a time. A few NAB files repeat a timestamp
 * (ec2_disk_write_bytes_1ef3de has 11) or step back once (machine_temperature_system_failure, a
 * clock change), and our detectors sort and de-duplicate by time. To score every row, in file order,
 * each such row is given a timestamp 1 ms after the previous row's: the order and the rows are NAB's.
 */
export function rowTimes(f: DataFile): Float64Array {
  const t = Float64Array.from(f.timestamps);
  for (let i = 1; i < t.length; i++) {
    if (t[i] <= t[i - 1]) {
      t[i] = t[i - 1] + 1;
    }
  }
  return t;
}

/** Extra options from the environment, for experiments: FORESIGHT_NAB_OPTS='{"tolerance":0.02}', FORESIGHT_NAB_ALERT='{"refractory":150}'. */
function envJson(name: string): Record<string, unknown> {
  return JSON.parse(process.env[name] ?? '{}') as Record<string, unknown>;
}

export const NAB_DETECTORS: Record<string, NabDetector> = {
  novelty: {
    default: true,
    run: (f) => {
      const r = noveltyScore({ timestamps: rowTimes(f), values: f.values }, { mode: 'online', ...envJson('FORESIGHT_NAB_OPTS') });
      return alertScores(r.score, { ...envJson('FORESIGHT_NAB_ALERT') });
    },
  },
  noveltyRaw: {
    default: false,
    run: (f) => noveltyScore({ timestamps: rowTimes(f), values: f.values }, { mode: 'online', ...envJson('FORESIGHT_NAB_OPTS') }).score,
  },
  seasonalResidual: {
    default: true,
    run: (f) => {
      const r = seasonalResidualScore({ timestamps: rowTimes(f), values: f.values }, { mode: 'online', ...envJson('FORESIGHT_NAB_SEASONAL_OPTS') });
      return alertScores(r.score, { ...envJson('FORESIGHT_NAB_ALERT') });
    },
  },
  windowedGaussian: { default: true, run: (f) => windowedGaussianScores(f.values, { nabRounding: true }) },
  windowedGaussianUnrounded: { default: false, run: (f) => windowedGaussianScores(f.values) },
};
