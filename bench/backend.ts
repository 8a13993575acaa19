// Backend benchmark: start-up to handshake (launcher + bundle vs single executable), idle and
// loaded memory, and QueryData latency for a forecast of 50 series x 2,016 points (a week at
// 5 minutes) beside the raw Prometheus query_range of the same series, measured in the same run.
// Real Prometheus, with a week of backfilled history (promtool), on a free loopback port.
//   npm run bench:backend [-- --runs 5]

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pluginContext, startPlugin } from '../tests/harness/plugin-client';
import { freePort, stopProcess } from '../scripts/stack/processes';
import { REPO, startPrometheus } from '../scripts/stack/servers';

const SERIES = 50;
const STEP_S = 300;
const POINTS = 2016;
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1] || 5);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms: number) => `${ms.toFixed(0)} ms`;

function rssKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`${field}:\\s+(\\d+) kB`));
  return m ? Number(m[1]) : NaN;
}

/** A week of 5-minute samples for 50 series: daily and weekly cycles, trend and noise. */
function openMetrics(endS: number): string {
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5);
  const lines = ['# TYPE bench_load gauge'];
  for (let s = 0; s < SERIES; s++) {
    for (let i = 0; i < POINTS; i++) {
      const t = endS - (POINTS - 1 - i) * STEP_S;
      const v = 100 + s + 30 * Math.sin((2 * Math.PI * t) / 86_400) + 10 * Math.sin((2 * Math.PI * t) / 604_800) + 0.002 * i * (s % 5) + 5 * rand();
      lines.push(`bench_load{series="${s}"} ${v.toFixed(3)} ${t}`);
    }
  }
  lines.push('# EOF');
  return lines.join('\n') + '\n';
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'foresight-bench-'));
  const endS = Math.floor(Date.now() / 1000 / STEP_S) * STEP_S - 3600;
  const om = join(dir, 'data.om');
  writeFileSync(om, openMetrics(endS));
  const dataDir = join(dir, 'prometheus/data');
  execFileSync('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', om, dataDir], { stdio: 'inherit' });
  const prometheus = await startPrometheus({ port: await freePort(), dir: join(dir, 'prometheus') });
  const exe = join(REPO, 'dist/datasource/gpx_foresight_linux_amd64');
  const sea = join(dir, 'gpx_foresight_sea');
  execFileSync(process.execPath, [join(REPO, 'build/sea.mjs'), sea], { stdio: 'ignore' });

  try {
    // Start-up to handshake.
    const startup = async (path: string) => {
      const times: number[] = [];
      for (let i = 0; i < runs * 2; i++) {
        const p = await startPlugin(path);
        times.push(p.startupMs);
        p.close();
      }
      return median(times);
    };
    const startBundle = await startup(exe);
    const startSea = await startup(sea);

    const plugin = await startPlugin(exe);
    await new Promise((r) => setTimeout(r, 2000));
    const idleRss = rssKb(plugin.child.pid!, 'VmRSS');

    const range = { fromEpochMS: (endS - (POINTS - 1) * STEP_S) * 1000, toEpochMS: endS * 1000 };
    // Raw Prometheus: the same expression, range and step.
    const raw: number[] = [];
    let rawPoints = 0;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const params = new URLSearchParams({ query: 'bench_load', start: String(range.fromEpochMS / 1000), end: String(range.toEpochMS / 1000), step: String(STEP_S) });
      const body = (await (await fetch(`${prometheus.url}/api/v1/query_range`, { method: 'POST', body: params })).json()) as { data: { result: Array<{ values: unknown[] }> } };
      raw.push(performance.now() - t0);
      rawPoints = body.data.result.reduce((n, r) => n + r.values.length, 0);
    }

    const ctx = pluginContext({ prometheusUrl: prometheus.url, maxPointsPerSeries: 4000 });
    const q = {
      refId: 'A',
      maxDataPoints: POINTS,
      intervalMS: STEP_S * 1000,
      timeRange: range,
      json: Buffer.from(JSON.stringify({ queryType: 'forecast', expr: 'bench_load', horizon: '1d', step: `${STEP_S}s`, level: 0.95 })),
    };
    const latencies: number[] = [];
    let frames = 0;
    let models = '';
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const res = await plugin.call('pluginv2.Data', 'QueryData', { pluginContext: ctx, queries: [q] }, 600_000);
      latencies.push(performance.now() - t0);
      const a = res.responses.A;
      if (a.error) throw new Error(a.error);
      frames = a.frames.length;
      if (i === 0) {
        const { tableFromIPC } = await import('apache-arrow');
        const counts: Record<string, number> = {};
        for (const f of a.frames) {
          const meta = JSON.parse(tableFromIPC(f).schema.metadata.get('meta') ?? '{}');
          const key = `${meta.custom?.model}[${(meta.custom?.periods ?? []).join(',')}]`;
          counts[key] = (counts[key] ?? 0) + 1;
        }
        models = Object.entries(counts).map(([k, n]) => `${n}x ${k}`).join(', ');
      }
    }
    const loadedRss = rssKb(plugin.child.pid!, 'VmRSS');
    const peakRss = rssKb(plugin.child.pid!, 'VmHWM');
    plugin.close();

    const bundleBytes = statSync(join(REPO, 'dist/datasource/gpx_foresight.cjs')).size;
    const seaBytes = statSync(sea).size;
    console.log('\nForesight backend benchmark');
    console.log(`machine: ${process.platform}/${process.arch}, node ${process.version}, ${runs} runs (median)`);
    console.log(`prometheus: ${SERIES} series x ${rawPoints / SERIES} points (step ${STEP_S}s), backfilled with promtool`);
    console.log('');
    console.log(`start-up to handshake, launcher + bundle (${(bundleBytes / 1e6).toFixed(1)} MB): ${fmt(startBundle)}`);
    console.log(`start-up to handshake, single executable (${(seaBytes / 1e6).toFixed(1)} MB): ${fmt(startSea)}`);
    console.log(`RSS idle: ${(idleRss / 1024).toFixed(0)} MiB; after the forecasts: ${(loadedRss / 1024).toFixed(0)} MiB (peak ${(peakRss / 1024).toFixed(0)} MiB)`);
    console.log(`raw Prometheus query_range (peer), ${SERIES} series: ${fmt(median(raw))}`);
    console.log(`QueryData forecast (1 day ahead), ${SERIES} series: ${fmt(median(latencies))} (min ${fmt(Math.min(...latencies))}, max ${fmt(Math.max(...latencies))}), ${frames} frames; models: ${models}`);
    console.log(`per series: ${fmt(median(latencies) / SERIES)}`);
  } finally {
    await stopProcess(prometheus.pid);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
