// `foresight forecast`: each series forecast past its end, with a confidence band.

import type { CliCommand } from './command';
import { FORECASTING_OPTIONS_HELP, lastTime, runForecasting } from './forecasting';
import { isoTime } from './output';

const usage = `foresight forecast [options] <file.csv>...

Forecasts every series (each column after the time) past its last point.
Prints one row per series and step: series, time, predicted, lower, upper, model.

${FORECASTING_OPTIONS_HELP}
`;

export const forecastCommand: CliCommand = {
  summary: 'forecast each series with a confidence band',
  usage,
  run: (argv, io) =>
    runForecasting(argv, io, {}, ({ series, grid, forecast: f }) => {
      const end = lastTime(grid);
      return Array.from(f.mean, (mean, h) => ({
        series: series.name,
        time: isoTime(end + (h + 1) * grid.stepMs),
        predicted: mean,
        lower: f.lower[h],
        upper: f.upper[h],
        model: f.model,
      }));
    }, usage),
};
