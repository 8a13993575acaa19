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

function envNum(name: string, dflt: number): number {
  const v = process.env[name];
  return v === undefined ? dflt : Number(v);
}

export const NAB_DETECTORS: Record<string, NabDetector> = {
  foresight: {
    default: true,
    run: (f) => {
      const r = streamingScore({ timestamps: rowTimes(f), values: f.values }, { mode: 'online', ...JSON.parse(process.env.FS_OPTS ?? '{}') });
      return alertScores(r.score, { alarm: envNum('ALARM', 0.4), refractory: envNum('REFRACTORY', 150), escalation: envNum('ESCALATION', 0.25) });
    },
  },
  foresightRaw: {
    default: false,
    run: (f) => streamingScore({ timestamps: rowTimes(f), values: f.values }, { mode: 'online' }).score,
  },
  windowedGaussian: { default: true, run: (f) => windowedGaussianScores(f.values) },
};
