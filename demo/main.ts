// Starts the whole demo shop in this process: five services, the control API, the load
// generator, and telemetry to Prometheus (scraped), Loki (pushed) and Tempo (OTLP).
//
//   npx tsx demo/main.ts --loki http://127.0.0.1:3100 --otlp http://127.0.0.1:4318 --speed 60
//
// Stops on SIGINT/SIGTERM, ending active injections in the ground-truth log.

import { request } from 'undici';
import { parseMainOptions, USAGE } from './options';
import { startDemo, DEFAULT_GROUND_TRUTH, type DemoSystem } from './system';

async function checkScraping(prometheusUrl: string, demo: DemoSystem): Promise<void> {
  const targets = new Set(demo.scrapeTargets()[0].targets);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      const res = await request(`${prometheusUrl}/api/v1/targets?state=active`);
      const body = (await res.body.json()) as { data?: { activeTargets?: Array<{ scrapeUrl: string; health: string }> } };
      const healthy = (body.data?.activeTargets ?? []).filter((t) => t.health === 'up' && targets.has(new URL(t.scrapeUrl).host));
      if (healthy.length === targets.size) {
        console.log(`prometheus: scraping all ${targets.size} services`);
        return;
      }
    } catch {
      // Prometheus not up yet
    }
    await new Promise((r) => setTimeout(r, 2000));
  }
  console.warn(
    `prometheus: ${prometheusUrl} is not scraping the demo. Add a scrape job for these targets (or use --prometheus-sd-file):\n` +
      `  - job_name: foresight-demo\n    scrape_interval: 5s\n    static_configs:\n      - targets: ${JSON.stringify([...targets])}`,
  );
}

async function main(): Promise<void> {
  let opts;
  try {
    opts = parseMainOptions(process.argv.slice(2));
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
  if (opts.help) {
    console.log(USAGE);
    return;
  }
  const demo = await startDemo(opts.demo);
  demo.book.onChange((inj, event) => {
    console.log(`fault ${event}: ${inj.id} ${inj.fault} at ${inj.service} ${JSON.stringify(inj.params)}${inj.endReason ? ` (${inj.endReason})` : ''}`);
  });
  console.log('foresight demo running');
  for (const [name, url] of Object.entries(demo.urls)) {
    console.log(`  ${name.padEnd(10)} ${url}  (metrics: ${url}/metrics)`);
  }
  console.log(`  control    ${demo.controlUrl}`);
  console.log(`  logs  → ${opts.demo.lokiUrl ?? 'not sent (--loki none)'}`);
  console.log(`  spans → ${opts.demo.otlpUrl ?? 'not sent (--otlp none)'}`);
  console.log(`  ground truth: ${demo.groundTruthFile ?? 'not written'}${demo.groundTruthFile === DEFAULT_GROUND_TRUTH ? ' (default)' : ''}`);
  const load = demo.loadStatus();
  console.log(load ? `  load: ${load.peakRps} rps at peak, speed ${load.speed}x, until ${load.stopsAt ?? 'stopped'}` : '  load: off');
  if (opts.prometheusUrl) {
    void checkScraping(opts.prometheusUrl, demo);
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      return;
    }
    stopping = true;
    console.log(`${signal}: stopping`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    demo.stop().then(
      () => process.exit(0),
      (err) => {
        console.error('stop failed:', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

void main().catch((err) => {
  console.error(`demo failed to start: ${(err as Error).message}`);
  process.exit(1);
});
