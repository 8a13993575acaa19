// M4 hourly benchmark: 48-step forecasts of every series (auto, ensemble and Prophet methods), scored with M4's sMAPE and MASE (period
// 24), beside seasonal naive and the statsforecast peer (AutoETS, MSTL) run on the same series in
// the same run; series per second for each.
//
//   npm run bench:m4 -- [--data <dir>] [--limit N] [--no-peer] [--methods a,b]
//
// --data defaults to ../shared/datasets/m4-hourly beside the repository.

import { join, resolve } from 'node:path';
import { forecast, prepareForecastMethod } from '../../backend/analyzers/forecast/forecast';
import { mase, seasonalNaive, smape } from './accuracy';
import { loadM4Hourly, type M4Series } from './dataset';
import { runPeer } from './peer';

const REPO = resolve(__dirname, '..', '..');
const HORIZON = 48;
const PERIOD = 24;
const HOUR_MS = 3_600_000;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const flag = (name: string) => process.argv.includes(`--${name}`);

/** The forecast and the model(s) that made it (an ensemble names its members). */
type Method = (s: M4Series) => { point: ArrayLike<number>; models: string[] };

const METHODS: Record<string, Method> = {
  'seasonal naive': (s) => ({ point: seasonalNaive(s.train, HORIZON, PERIOD), models: ['snaive'] }),
  foresight: (s) => {
    const f = forecast(s.train, { horizon: HORIZON, level: 0.95, stepMs: HOUR_MS });
    return { point: f.mean, models: [`${f.model}${f.periods.length ? `(${f.periods.join(',')})` : ''}`] };
  },
  'foresight ensemble': (s) => {
    const f = forecast(s.train, { horizon: HORIZON, level: 0.95, stepMs: HOUR_MS, method: 'ensemble' });
    return { point: f.mean, models: f.members ?? [f.model] };
  },
  'foresight prophet': (s) => {
    const f = forecast(s.train, { horizon: HORIZON, level: 0.95, stepMs: HOUR_MS, method: 'prophet' });
    return { point: f.mean, models: [f.model] };
  },
};

interface Row {
  name: string;
  smape: number;
  mase: number;
  seconds: number;
  count: number;
  models?: Map<string, number>;
}

function score(name: string, series: M4Series[], forecasts: ArrayLike<number>[], seconds: number, models?: Map<string, number>): Row {
  let s = 0;
  let m = 0;
  series.forEach((x, i) => {
    const f = forecasts[i];
    if (!f || f.length !== HORIZON) {
      throw new Error(`${name}: no ${HORIZON}-step forecast for ${x.id}`);
    }
    s += smape(x.test, f);
    m += mase(x.train, x.test, f, PERIOD);
  });
  return { name, smape: s / series.length, mase: m / series.length, seconds, count: series.length, models };
}

async function main(): Promise<void> {
  const dataDir = resolve(arg('data') ?? join(REPO, '..', 'shared', 'datasets', 'm4-hourly'));
  const limit = Number(arg('limit') ?? 0);
  let series = loadM4Hourly(dataDir);
  if (limit > 0) series = series.slice(0, limit);
  console.log(`M4 hourly ${dataDir}: ${series.length} series, ${series.reduce((n, s) => n + s.train.length, 0)} training points, horizon ${HORIZON}`);

  const rows: Row[] = [];
  const wanted = arg('methods')?.split(',') ?? Object.keys(METHODS);
  if (wanted.includes('foresight prophet')) await prepareForecastMethod('prophet');
  for (const name of wanted) {
    const method = METHODS[name];
    if (!method) throw new Error(`unknown method ${name}; known: ${Object.keys(METHODS).join(', ')}`);
    const models = new Map<string, number>();
    const started = performance.now();
    const forecasts = series.map((s) => {
      const r = method(s);
      for (const m of r.models) models.set(m, (models.get(m) ?? 0) + 1);
      return r.point;
    });
    rows.push(score(name, series, forecasts, (performance.now() - started) / 1000, models));
  }
  let peerNote = '';
  if (!flag('no-peer')) {
    const started = performance.now();
    const peer = runPeer(dataDir, limit);
    const wall = (performance.now() - started) / 1000;
    for (const [name, m] of Object.entries(peer.models)) {
      rows.push(score(`statsforecast ${name}`, series, series.map((s) => m.forecasts[s.id]), m.seconds));
    }
    peerNote = `statsforecast ${peer.version}, one core; numba compilation ${peer.warmupSeconds.toFixed(1)} s (warm-up series, not counted); peer process ${wall.toFixed(1)} s wall in all`;
  }

  console.log('');
  console.log(`${'method'.padEnd(24)}${'sMAPE'.padStart(9)}${'MASE'.padStart(9)}${'seconds'.padStart(10)}${'series/s'.padStart(10)}  models`);
  for (const r of rows) {
    const models = r.models && r.models.size > 1 ? [...r.models].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ') : '';
    console.log(`${r.name.padEnd(24)}${r.smape.toFixed(2).padStart(9)}${r.mase.toFixed(3).padStart(9)}${r.seconds.toFixed(1).padStart(10)}${(r.count / r.seconds).toFixed(1).padStart(10)}  ${models}`);
  }
  if (peerNote) console.log(`\n${peerNote}`);
}

void main();
