// `foresight predict`: when each series will cross a threshold, and how likely it is within the horizon.

import { thresholdCrossing } from '../analyzers/predict/crossing';
import { numberOption, UsageError } from './args';
import type { CliCommand } from './command';
import { FORECASTING_OPTIONS_HELP, lastTime, runForecasting } from './forecasting';
import { isoTime } from './output';

const usage = `foresight predict --threshold <value> [options] <file.csv>...

Predicts when each series crosses the threshold. Prints one row per series:
series, probability (of crossing within the horizon), seconds to the expected, earliest and
latest crossing (empty: not within the horizon), expected crossing time, current value, model.

  --threshold <value>   the value whose crossing is predicted (required)
  --direction above|below  (default above)
${FORECASTING_OPTIONS_HELP}
`;

export const predictCommand: CliCommand = {
  summary: 'time until each series crosses a threshold, and the probability within the horizon',
  usage,
  run: (argv, io) =>
    runForecasting(
      argv,
      io,
      { threshold: { type: 'string' }, direction: { type: 'string', default: 'above' } },
      ({ series, grid, forecast: f }, values) => {
        const threshold = numberOption(values, 'threshold');
        if (threshold === undefined) throw new UsageError('--threshold is required');
        const direction = values.direction;
        if (direction !== 'above' && direction !== 'below') throw new UsageError(`--direction must be above or below; got "${String(direction)}"`);
        const c = thresholdCrossing(grid.values[grid.values.length - 1], f, threshold, direction);
        const s = (steps: number | undefined) => (steps === undefined ? undefined : (steps * grid.stepMs) / 1000);
        return [
          {
            series: series.name,
            probability: c.probability,
            time_to_threshold_s: s(c.expectedSteps),
            earliest_s: s(c.earliestSteps),
            latest_s: s(c.latestSteps),
            crossing_at: c.expectedSteps === undefined ? undefined : isoTime(lastTime(grid) + c.expectedSteps * grid.stepMs),
            current: grid.values[grid.values.length - 1],
            model: f.model,
          },
        ];
      },
      usage,
    ),
};
