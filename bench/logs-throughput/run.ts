// Throughput and memory of log mining: lines per CPU second on one core over a few million
// generated lines (skewed frequencies over 2,000 event types, plain, logfmt and JSON) and over
// real lines (the Loghub-2k contents, cycled), through the same path the datasource takes
// (level, mined content, miner); Drain3 (PyPI, defaults) on a sample of the same lines in the same
// run, its runs and ours taking turns (the least of --rounds each); and resident memory per
// thousand templates, measured on a miner holding 100,000. Ours runs as it ships (bench/shipped.ts).
//
//   npm run bench:logs-throughput -- [--lines N] [--drain3-lines N] [--rounds N] [--data <loghub dir>] [--no-drain3] [--no-pin]

import { join, resolve } from 'node:path';
import type * as Content from '../../backend/analyzers/logs/content';
import type * as Miner from '../../backend/analyzers/logs/miner';
import type * as Severity from '../../backend/analyzers/logs/severity';
import { loadSystems } from '../loghub/dataset';
import { Drain3Peer, type Drain3Run } from '../loghub/drain3';
import { pinToOneCore } from '../one-core';
import { loadShipped } from '../shipped';
import { eventTypes, generateLines } from './generate';

const REPO = resolve(__dirname, '..', '..');
const { minedContent, TemplateMiner, detectLevel, parseJsonObject } = loadShipped<typeof Content & typeof Miner & typeof Severity>([
  'backend/analyzers/logs/content.ts',
  'backend/analyzers/logs/miner.ts',
  'backend/analyzers/logs/severity.ts',
]);
type TemplateMiner = InstanceType<typeof TemplateMiner>;
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

function cpuSeconds<T>(fn: () => T): { value: T; seconds: number } {
  const start = process.cpuUsage();
  const value = fn();
  const used = process.cpuUsage(start);
  return { value, seconds: (used.user + used.system) / 1e6 };
}

/** The datasource's per-line path: level, mined content, template. */
function mineAll(lines: Iterable<string>, miner: TemplateMiner): number {
  let n = 0;
  for (const line of lines) {
    const json = parseJsonObject(line);
    detectLevel(line, json);
    miner.add(minedContent(line, json));
    n++;
  }
  return n;
}

function* cycle(lines: string[], count: number): Generator<string> {
  for (let i = 0; i < count; i++) yield lines[i % lines.length];
}

/** Memory per template: a miner holding 100,000 distinct templates, measured after collection. */
function measureMemory(): void {
  // Memory per template: a miner holding 100,000 distinct templates, measured after collection.
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const rssBefore = process.memoryUsage().rss;
  const big = new TemplateMiner({ maxTemplates: 100_000 });
  const word = (i: number) => i.toString(26).replace(/[0-9a-p]/g, (c) => 'abcdefghijklmnopqrstuvwxyz'[parseInt(c, 26)]);
  // The first two words spread the lines over the tree, the next two make each line a template of its own.
  for (let i = 0; i < 100_000; i++) big.add(`${word(i % 97)} ${word(Math.floor(i / 97) % 97)} ${word(i)} finished ${word(i * 13 + 5)}`);
  gc?.();
  const heap = process.memoryUsage().heapUsed - heapBefore;
  const rss = process.memoryUsage().rss - rssBefore;
  const per = (bytes: number) => ((bytes / big.stats.templates) * 1000) / 1024;
  console.log(
    `memory: ${big.stats.templates.toLocaleString('en-US')} templates held: heap +${mb(heap)} MB (${per(heap).toFixed(0)} KiB per thousand templates), rss +${mb(rss)} MB (${per(rss).toFixed(0)} KiB per thousand)${gc ? '' : ' (run with node --expose-gc for exact heap figures)'}`,
  );
  big.add('keep the miner alive until measured');
}

async function main(): Promise<void> {
  const total = Number(arg('lines') ?? 3_000_000);
  const drainLines = Number(arg('drain3-lines') ?? 200_000);
  const rounds = Math.max(1, Number(arg('rounds') ?? 3));
  const types = eventTypes(2000);
  const real = loadSystems(resolve(arg('data') ?? join(REPO, '..', 'shared', 'datasets', 'loghub-2k'))).flatMap((s) => s.contents);
  // Memory first, in a heap that holds nothing else yet.
  measureMemory();
  console.log(`\nlog mining throughput, one core (process CPU time, ${pinToOneCore()}); ${total.toLocaleString('en-US')} lines per corpus\n`);

  for (const [name, lines] of [
    ['generated (2,000 event types)', () => generateLines(types, total)],
    ['real (Loghub-2k contents, cycled)', () => cycle(real, total)],
  ] as const) {
    // Lines are produced on the fly (a few million do not sit in memory); producing them alone is
    // timed too and taken off.
    const producing = cpuSeconds(() => {
      let n = 0;
      for (const line of lines()) n += line.length > 0 ? 1 : 0;
      return n;
    });
    const miner = new TemplateMiner();
    const rssBefore = process.memoryUsage().rss;
    const { value: n, seconds: gross } = cpuSeconds(() => mineAll(lines(), miner));
    const seconds = gross - producing.seconds;
    console.log(
      `${name.padEnd(36)} ${Math.round(n / seconds).toLocaleString('en-US').padStart(10)} lines/s  ${String(miner.stats.templates).padStart(6)} templates  rss +${mb(process.memoryUsage().rss - rssBefore)} MB`,
    );
  }

  if (!process.argv.includes('--no-drain3')) {
    const sample = [...generateLines(types, drainLines)];
    const drain3 = new Drain3Peer([{ name: 'generated', contents: sample }]);
    let full = Infinity;
    let bare = Infinity;
    let d3: Drain3Run = { seconds: Infinity };
    let ours = new TemplateMiner();
    try {
      for (let round = 0; round < rounds; round++) {
        const run = await drain3.mine(0, round === 0);
        d3 = { seconds: Math.min(d3.seconds, run.seconds), templates: d3.templates ?? run.templates };
        full = Math.min(full, cpuSeconds(() => mineAll(sample, new TemplateMiner())).seconds);
        ours = new TemplateMiner();
        bare = Math.min(bare, cpuSeconds(() => sample.forEach((line) => ours.add(line))).seconds);
      }
    } finally {
      drain3.close();
    }
    const rate = (s: number) => Math.round(sample.length / s).toLocaleString('en-US');
    console.log(`\nsame ${sample.length.toLocaleString('en-US')} generated lines, mining only (least of ${rounds} turns each): ours ${rate(bare)} lines/s, Drain3 ${rate(d3.seconds)} lines/s: ${(d3.seconds / bare).toFixed(1)}x`);
    console.log(`  ours with level detection and JSON parsing as the datasource runs it: ${rate(full)} lines/s`);
    console.log(`  templates found: ours ${ours.stats.templates}, Drain3 ${new Set(d3.templates).size} (2,000 event types generated)`);
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
