// `foresight risk`: a 0–1 failure risk per service from its series, combining the signals the
// other sub-commands compute (threshold crossing, exhaustion of a limit, anomaly score) with the
// risk analyzer, as the `risk` query type does in Grafana.

import { detectAnomalies } from '../analyzers/anomaly';
import { capacity } from '../analyzers/capacity/capacity';
import { thresholdCrossing } from '../analyzers/predict/crossing';
import { riskByService, type RiskSignalKind, type ServiceSignal } from '../analyzers/risk/risk';
import { durationOption, numberOption, UsageError } from './args';
import type { CliCommand } from './command';
import { runForecasting } from './forecasting';

const usage = `foresight risk [signals] [options] <file.csv>...

Each column is a series of a service: a column named "checkout/latency" belongs to service
"checkout"; a name without "/" is a service of its own. Prints one row per service, riskiest
first: risk in [0, 1] and the contributing signals, strongest first. Give at least one signal:

  --threshold <value>   crossing: the probability each series crosses it within the horizon
  --direction above|below  which way the threshold is crossed (default above)
  --limit <value>       capacity: the probability each series exhausts this limit
  --target <p>          utilisation to stay under, in (0, 1] (default 0.8)
  --anomaly             anomaly: each series' highest online anomaly score over the last window
  --anomaly-window <duration>  that window (default 15m)

  --horizon <duration>  how far ahead (default 1h)
  --method auto|ensemble|prophet  the forecasting model (default auto; see foresight forecast --help)
  --level <p>           confidence level of the band (default 0.95)
  --step <duration>     analysis step (default: the median spacing of the timestamps)
  --format csv|json     output format (default csv)
`;

/** The service a column belongs to: the part of its name before the first "/". */
export const serviceOfColumn = (name: string) => (name.includes('/') ? name.slice(0, name.indexOf('/')) : name);

const minutes = (steps: number, stepMs: number) => `${+((steps * stepMs) / 60_000).toFixed(1)} min`;

export const riskCommand: CliCommand = {
  summary: 'a 0–1 failure risk per service, combining crossing, capacity and anomaly signals',
  usage,
  run: (argv, io) =>
    runForecasting(
      argv,
      io,
      {
        threshold: { type: 'string' },
        direction: { type: 'string', default: 'above' },
        limit: { type: 'string' },
        target: { type: 'string', default: '0.8' },
        anomaly: { type: 'boolean' },
        'anomaly-window': { type: 'string', default: '15m' },
      },
      ({ series, grid, forecast: f }, values) => {
        const threshold = numberOption(values, 'threshold');
        const limit = numberOption(values, 'limit');
        if (threshold === undefined && limit === undefined && !values.anomaly) {
          throw new UsageError('give at least one signal: --threshold, --limit or --anomaly');
        }
        const service = serviceOfColumn(series.name);
        const current = grid.values[grid.values.length - 1];
        const signals: ServiceSignal[] = [];
        if (threshold !== undefined) {
          const direction = values.direction;
          if (direction !== 'above' && direction !== 'below') throw new UsageError(`--direction must be above or below; got "${String(direction)}"`);
          const c = thresholdCrossing(current, f, threshold, direction);
          const when = c.alreadyCrossed ? 'already past' : c.expectedSteps !== undefined ? `expected in ${minutes(c.expectedSteps, grid.stepMs)}` : 'not expected within the horizon';
          signals.push({ service, kind: 'crossing', source: series.name, value: c.probability, detail: `${direction} ${threshold} ${when}` });
        }
        if (limit !== undefined) {
          if (!(limit > 0)) throw new UsageError(`--limit must be a positive number; got ${limit}`);
          const c = capacity(current, f, { limit, target: numberOption(values, 'target')! });
          const when = c.exhaustionSteps !== undefined ? `exhausted in ${minutes(c.exhaustionSteps, grid.stepMs)}` : `peak ${(c.peakUtilisation * 100).toFixed(0)}% of the limit`;
          signals.push({ service, kind: 'capacity', source: series.name, value: c.exhaustionProbability, detail: when });
        }
        if (values.anomaly) {
          const windowMs = durationOption(values, 'anomaly-window')!;
          // Online, as an alert sees it: a score never changes when later data arrives.
          const r = detectAnomalies('seasonal-residual', series, { mode: 'online', stepMs: grid.stepMs });
          const since = series.timestamps[series.timestamps.length - 1] - windowMs;
          let score = 0;
          for (let i = 0; i < r.timestamps.length; i++) if (r.timestamps[i] >= since) score = Math.max(score, r.score[i]);
          signals.push({ service, kind: 'anomaly', source: series.name, value: score, detail: `highest score over the last ${windowMs / 60_000} min` });
        }
        return signals.map((s) => ({ ...s }));
      },
      usage,
      (rows) =>
        riskByService(rows as unknown as ServiceSignal[]).map((r) => ({
          service: r.service,
          risk: r.risk,
          signals: r.contributions.map((c) => `${c.kind as RiskSignalKind} ${c.source} ${c.value.toFixed(2)} (${c.detail})`).join('; '),
        })),
    ),
};
