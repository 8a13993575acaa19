// `foresight forecast`: each series forecast past its end, with a confidence band.

import type { CliCommand } from './command';
import { lastTime, runForecasting } from './forecasting';
import { isoTime } from './output';

const usage = `foresight forecast [options] <file.csv>...

Forecasts every series (each column after the time) past its last point.
Prints one row per series and step: series, time, predicted, lower, upper, model.

  --horizon <duration>  how far ahead, e.g. 30m, 6h, 2d (default 1h)
  --method auto|ensemble|prophet  auto: one model by the periods found; ensemble: models chosen
                        and averaged per series on a holdout (more accurate, ~10x slower);
                        prophet: Prophet (trend with changepoints, daily/weekly terms)
  --level <p>           confidence level of the band, in (0, 1) (default 0.95)
  --step <duration>     analysis step (default: the median spacing of the timestamps)
  --format csv|json     output format (default csv)
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
