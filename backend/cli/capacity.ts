// `foresight capacity`: each usage series against a limit: time to exhaustion, headroom at the
// horizon, and the capacity or replicas that keep the predicted peak under a target utilisation.

import { capacity } from '../analyzers/capacity/capacity';
import { numberOption, UsageError } from './args';
import type { CliCommand } from './command';
import { FORECASTING_OPTIONS_HELP, runForecasting } from './forecasting';

const usage = `foresight capacity --limit <value> [options] <file.csv>...

Reads each series as usage of a resource with the given limit. Prints one row per series:
current, utilisation, seconds to exhaustion (expected and earliest; empty: not within the
horizon), exhaustion probability, headroom at the horizon, peak utilisation, recommended limit,
recommended replicas (with --replicas), action (increase, keep, decrease) and recommendation.

  --limit <value>       the limit usage must stay under (required)
  --target <p>          utilisation to stay under, in (0, 1] (default 0.8)
  --replicas <n>        replicas the limit is shared across now: recommend a replica count
${FORECASTING_OPTIONS_HELP}
`;

export const capacityCommand: CliCommand = {
  summary: 'time to exhaustion, headroom and a sizing recommendation against a limit',
  usage,
  run: (argv, io) =>
    runForecasting(
      argv,
      io,
      { limit: { type: 'string' }, target: { type: 'string', default: '0.8' }, replicas: { type: 'string' } },
      ({ series, grid, forecast: f }, values) => {
        const limit = numberOption(values, 'limit');
        if (limit === undefined) throw new UsageError('--limit is required');
        const options = { limit, target: numberOption(values, 'target')!, replicas: numberOption(values, 'replicas') };
        let c;
        try {
          c = capacity(grid.values[grid.values.length - 1], f, options);
        } catch (err) {
          // The options are the same for every series: a bad one is the caller's mistake.
          throw err instanceof RangeError && err.name === 'CapacityError' && !/current usage/.test(err.message) ? new UsageError(err.message) : err;
        }
        const s = (steps: number | undefined) => (steps === undefined ? undefined : (steps * grid.stepMs) / 1000);
        return [
          {
            series: series.name,
            current: c.current,
            limit: c.limit,
            utilisation: c.utilisation,
            time_to_exhaustion_s: s(c.exhaustionSteps),
            earliest_exhaustion_s: s(c.earliestExhaustionSteps),
            exhaustion_probability: c.exhaustionProbability,
            headroom: c.headroom,
            peak_utilisation: c.peakUtilisation,
            recommended_limit: c.recommendedLimit,
            recommended_replicas: c.recommendedReplicas,
            action: c.action,
            recommendation: c.recommendation,
            model: f.model,
          },
        ];
      },
      usage,
    ),
};
