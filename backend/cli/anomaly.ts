// `foresight anomaly`: every point of each series scored against an adaptive band.

import { ANOMALY_DETECTORS, detectAnomalies } from '../analyzers/anomaly';
import { durationOption, formatOption, numberOption, parseCommandArgs, UsageError } from './args';
import { EXIT_FAILED, EXIT_OK, type CliCommand } from './command';
import { readSeriesCsv } from './csv';
import { formatRows, isoTime } from './output';

const usage = `foresight anomaly [options] <file.csv>...

Scores every point of every series. Prints one row per point: series, time, value, score (0-1),
flag (1 when score >= threshold), expected, lower, upper (the band it was judged against; empty
during warm-up).

  --detector <name>     ${Object.keys(ANOMALY_DETECTORS).join(' or ')} (default seasonal-residual)
  --mode online|batch   online: each point judged on the past only, as alerts are (default:
                        the detector's first mode)
  --threshold <score>   flag threshold in (0, 1] (default 0.5)
  --flagged             print flagged points only
  --step <duration>     the series' step (default: the median spacing of the timestamps)
  --format csv|json     output format (default csv)
`;

export const anomalyCommand: CliCommand = {
  summary: 'score every point against an adaptive band',
  usage,
  run(argv, io) {
    const { values, files } = parseCommandArgs(argv, {
      detector: { type: 'string', default: 'seasonal-residual' },
      mode: { type: 'string' },
      threshold: { type: 'string', default: '0.5' },
      flagged: { type: 'boolean' },
    });
    if (values.help) {
      io.out(usage);
      return EXIT_OK;
    }
    if (files.length === 0) throw new UsageError('give at least one CSV file (or - for standard input)');
    const format = formatOption(values);
    const detector = String(values.detector);
    const d = ANOMALY_DETECTORS[detector];
    if (!d) throw new UsageError(`unknown detector "${detector}"; use ${Object.keys(ANOMALY_DETECTORS).join(' or ')}`);
    const mode = values.mode === undefined ? d.modes[0] : values.mode;
    if (mode !== 'online' && mode !== 'batch') throw new UsageError(`--mode must be online or batch; got "${String(mode)}"`);
    if (!d.modes.includes(mode)) throw new UsageError(`the ${detector} detector has no ${mode} mode (it has ${d.modes.join(', ')})`);
    const threshold = numberOption(values, 'threshold')!;
    if (!(threshold > 0 && threshold <= 1)) throw new UsageError(`--threshold must be a score in (0, 1]; got ${threshold}`);
    const stepMs = durationOption(values, 'step');
    const rows: Array<Record<string, unknown>> = [];
    let failed = 0;
    for (const file of files) {
      for (const s of readSeriesCsv(file)) {
        try {
          const r = detectAnomalies(detector, s, { mode, threshold, stepMs });
          for (const note of r.notes) io.err(`${file} ${s.name}: ${note}`);
          for (let i = 0; i < r.timestamps.length; i++) {
            if (values.flagged && !r.flag[i]) continue;
            rows.push({ series: s.name, time: isoTime(r.timestamps[i]), value: r.values[i], score: r.score[i], flag: r.flag[i], expected: r.expected[i], lower: r.lower[i], upper: r.upper[i] });
          }
        } catch (err) {
          failed++;
          io.err(`${file} ${s.name}: not analysed: ${(err as Error).message}`);
        }
      }
    }
    io.out(formatRows(rows, format));
    return failed > 0 ? EXIT_FAILED : EXIT_OK;
  },
};
