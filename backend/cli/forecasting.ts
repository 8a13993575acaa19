// What the forecasting sub-commands (forecast, predict, capacity) share: read the files, put each
// series on its grid, forecast it, and hand the result to the command; a series that cannot be
// analysed is reported on stderr and the others go on.

import { FORECAST_METHOD_LIST, FORECAST_METHODS, forecast, prepareForecastMethod, type Forecast, type ForecastMethod } from '../analyzers/forecast/forecast';
import type { GridSeries } from '../analyzers/series/grid';
import { durationOption, FORECAST_OPTIONS, formatOption, numberOption, parseCommandArgs, UsageError, type Options } from './args';
import { EXIT_FAILED, EXIT_OK, type CliIo } from './command';
import { readSeriesCsv, type CsvSeries } from './csv';
import { formatRows } from './output';
import { gridOf, horizonSteps } from './series';

/** The help lines for the options every forecasting sub-command takes (FORECAST_OPTIONS). */
export const FORECASTING_OPTIONS_HELP = `  --horizon <duration>  how far ahead, e.g. 30m, 6h, 2d (default 1h)
  --method auto|ensemble|prophet  auto: one model by the periods found; ensemble: models chosen
                        and averaged per series on a holdout (more accurate, ~10x slower);
                        prophet: Prophet (trend with changepoints, daily/weekly terms)
  --level <p>           confidence level of the band, in (0, 1) (default 0.95)
  --step <duration>     analysis step (default: the median spacing of the timestamps)
  --format csv|json     output format (default csv)`;

export interface ForecastedCsvSeries {
  series: CsvSeries;
  grid: GridSeries;
  forecast: Forecast;
}

export async function runForecasting(
  argv: string[],
  io: CliIo,
  options: Options,
  rowsOf: (f: ForecastedCsvSeries, values: Record<string, string | boolean | undefined>) => Array<Record<string, unknown>>,
  usage: string,
  /** Turns the per-series rows into the printed ones (e.g. one per service); default: as they are. */
  summarise: (rows: Array<Record<string, unknown>>) => Array<Record<string, unknown>> = (rows) => rows,
): Promise<number> {
  const { values, files } = parseCommandArgs(argv, { ...FORECAST_OPTIONS, ...options });
  if (values.help) {
    io.out(usage);
    return EXIT_OK;
  }
  if (files.length === 0) throw new UsageError('give at least one CSV file (or - for standard input)');
  const format = formatOption(values);
  const horizonMs = durationOption(values, 'horizon')!;
  const stepMs = durationOption(values, 'step');
  const level = numberOption(values, 'level')!;
  if (!(horizonMs > 0)) throw new UsageError('--horizon must be longer than zero');
  if (!(level > 0 && level < 1)) throw new UsageError(`--level must be in (0, 1), e.g. 0.95; got ${level}`);
  const method = values.method as ForecastMethod;
  if (!FORECAST_METHODS.includes(method)) throw new UsageError(`--method must be ${FORECAST_METHOD_LIST}; got "${String(method)}"`);
  await prepareForecastMethod(method);
  const rows: Array<Record<string, unknown>> = [];
  let failed = 0;
  for (const file of files) {
    for (const s of readSeriesCsv(file)) {
      try {
        const grid = gridOf(s, stepMs);
        const f = forecast(grid.values, { horizon: horizonSteps(horizonMs, grid.stepMs), level, stepMs: grid.stepMs, method, startMs: grid.startMs });
        if (grid.filled > 0) f.notes.push(`${grid.filled} missing step(s) were filled by interpolation`);
        for (const note of f.notes) io.err(`${file} ${s.name}: ${note}`);
        rows.push(...rowsOf({ series: s, grid, forecast: f }, values));
      } catch (err) {
        if (err instanceof UsageError) throw err;
        failed++;
        io.err(`${file} ${s.name}: not analysed: ${(err as Error).message}`);
      }
    }
  }
  io.out(formatRows(summarise(rows), format));
  return failed > 0 ? EXIT_FAILED : EXIT_OK;
}

export const lastTime = (g: GridSeries) => g.startMs + (g.values.length - 1) * g.stepMs;
