// NAB benchmark: runs our detectors and NAB's windowed-Gaussian baseline over every series of a
// corpus in NAB's layout, row by row in file order (NAB's causal setting), scores them with NAB's
// method (scorer.ts) and prints the three profile scores, with timing. Writes NAB-layout results
// files: <out>/<detector>/<category>/<detector>_<file>.csv (timestamp,value,anomaly_score,label).
// Every run also scores a null detector (all 0: must score 0) and a perfect one (1 at the first row
// of each window: must score 100), and fails if they do not.
//
//   npx tsx bench/nab/run.ts [--data <dir>] [--out <dir>] [--detectors a,b] [--details] [--no-write]
//   npx tsx bench/nab/run.ts --score-results <dir of NAB results> [--detectors a,b] [--details]
//       scores existing results files (e.g. NAB's own results/ folder) against the corpus in --data.
//
// --data defaults to ../shared/datasets/nab beside the repository, --out to bench/results/nab.
// Detectors: novelty (default), seasonalResidual (default), windowedGaussian (default; NAB's baseline,
// scores rounded as NAB's published files are), windowedGaussianUnrounded, noveltyRaw (without the
// alert post-processing). --details prints each file's share of the standard score.

import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadCorpus, readCsv, rowLabels, type Corpus, type DataFile } from './corpus';
import { NAB_DETECTORS, type NabDetector } from './detectors';
import { probationaryLength, scoreFileAt, scoreProfile, type ProfileResult } from './scorer';

const REPO = resolve(__dirname, '..', '..');
const PROFILES = ['standard', 'reward_low_FP_rate', 'reward_low_FN_rate'];

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const flag = (name: string) => process.argv.includes(`--${name}`);

interface Scored {
  name: string;
  results: ProfileResult[];
  ms: number;
  perFile?: string[];
}

function scoreAll(corpus: Corpus, name: string, scores: Float64Array[], details: boolean): Scored {
  const results: ProfileResult[] = [];
  let perFile: string[] | undefined;
  for (const profile of PROFILES) {
    const cost = corpus.profiles[profile]?.CostMatrix;
    if (!cost) {
      throw new Error(`profile ${profile} is not in config/profiles.json`);
    }
    const r = scoreProfile(corpus.files, scores, profile, cost, corpus.windowCount);
    results.push(r);
    if (details && profile === 'standard') {
      perFile = r.sweeps.map((sw) => {
        const f = scoreFileAt(sw, r.threshold, cost);
        const early = f.earliness.map((e) => (Number.isNaN(e) ? 'miss' : e.toFixed(2))).join(' ');
        return `  ${f.file.padEnd(58)} ${f.score.toFixed(2).padStart(7)}  windows ${f.detected}/${f.windows}  fp ${String(f.fpRows).padStart(3)} (${f.fpCost.toFixed(2)})  at ${early}`;
      });
    }
  }
  return { name, results, ms: 0, perFile };
}

function writeResults(outDir: string, corpus: Corpus, detector: string, scores: Float64Array[]): void {
  corpus.files.forEach((f, i) => {
    const dir = join(outDir, detector, f.category);
    mkdirSync(dir, { recursive: true });
    const labels = rowLabels(f);
    const lines = ['timestamp,value,anomaly_score,label'];
    for (let r = 0; r < f.timestamps.length; r++) {
      lines.push(`${f.rawTimestamps[r]},${f.values[r]},${scores[i][r]},${labels[r]}`);
    }
    writeFileSync(join(dir, `${detector}_${f.fileName}`), lines.join('\n') + '\n');
  });
}

function printTable(rows: Scored[]): void {
  const head = `${'detector'.padEnd(28)}${PROFILES.map((p) => p.padStart(20)).join('')}${'threshold (std)'.padStart(18)}${'time'.padStart(10)}`;
  console.log(head);
  for (const r of rows) {
    const cells = r.results.map((x) => x.normalised.toFixed(2).padStart(20)).join('');
    const time = r.ms > 0 ? `${(r.ms / 1000).toFixed(1)} s` : '';
    console.log(`${r.name.padEnd(28)}${cells}${r.results[0].threshold.toPrecision(6).padStart(18)}${time.padStart(10)}`);
  }
}

/** The sanity detectors: null (all zeros) must score 0 and perfect (1 at each window's first row) 100. */
function sanity(corpus: Corpus): Scored[] {
  const zeros = corpus.files.map((f) => new Float64Array(f.timestamps.length));
  const perfect = corpus.files.map((f) => {
    const s = new Float64Array(f.timestamps.length);
    for (const [a] of f.windowRows) {
      s[a] = 1;
    }
    return s;
  });
  return [scoreAll(corpus, 'null (sanity: 0)', zeros, false), scoreAll(corpus, 'perfect (sanity: 100)', perfect, false)];
}

function scoreExisting(corpus: Corpus, resultsDir: string): void {
  const rows: Scored[] = [];
  const only = arg('detectors')?.split(',');
  for (const detector of readdirSync(resultsDir).sort()) {
    if (only && !only.includes(detector)) {
      continue;
    }
    const dir = join(resultsDir, detector);
    if (!statSync(dir).isDirectory()) {
      continue;
    }
    try {
      const scores = corpus.files.map((f: DataFile) => {
        const r = readCsv(join(dir, f.category, `${detector}_${f.fileName}`));
        const s = readCsvColumn(join(dir, f.category, `${detector}_${f.fileName}`), 'anomaly_score');
        if (r.timestamps.length !== f.timestamps.length) {
          throw new Error(`${detector}/${f.relativePath}: ${r.timestamps.length} rows, the data has ${f.timestamps.length}`);
        }
        return s;
      });
      const scored = scoreAll(corpus, detector, scores, flag('details'));
      rows.push(scored);
      if (scored.perFile) {
        console.log(`${detector}, standard profile, per file at the optimised threshold:`);
        console.log(scored.perFile.join('\n'));
      }
    } catch (err) {
      console.warn(`${detector}: not scored (${(err as Error).message})`);
    }
  }
  printTable(rows);
}

function readCsvColumn(path: string, column: string): Float64Array {
  const text = readFileSync(path, 'utf8');
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const at = lines[0].split(',').indexOf(column);
  return Float64Array.from(lines.slice(1), (l) => Number(l.split(',')[at]));
}

function main(): void {
  const dataDir = resolve(arg('data') ?? join(REPO, '..', 'shared', 'datasets', 'nab'));
  const outDir = resolve(arg('out') ?? join(REPO, 'bench', 'results', 'nab'));
  const loadStart = performance.now();
  const corpus = loadCorpus(dataDir);
  const rowCount = corpus.files.reduce((s, f) => s + f.timestamps.length, 0);
  console.log(
    `NAB corpus ${dataDir}: ${corpus.files.length} series, ${rowCount} rows, ${corpus.windowCount} windows ` +
      `(${corpus.files.filter((f) => f.windowRows.some(([a]) => a < probationaryLength(f.timestamps.length))).length} series with a window starting in the probationary period); loaded in ${((performance.now() - loadStart) / 1000).toFixed(1)} s`,
  );
  const existing = arg('score-results');
  if (existing) {
    scoreExisting(corpus, resolve(existing));
    return;
  }
  const wanted = (arg('detectors') ?? Object.keys(NAB_DETECTORS).filter((k) => NAB_DETECTORS[k].default).join(',')).split(',');
  const rows: Scored[] = [...sanity(corpus)];
  const [nullRow, perfectRow] = rows;
  const broken = [...nullRow.results.filter((r) => Math.abs(r.normalised) > 1e-9), ...perfectRow.results.filter((r) => Math.abs(r.normalised - 100) > 1e-9)];
  if (broken.length > 0) {
    printTable(rows);
    throw new Error('scorer sanity check failed: the null detector must score 0 and the perfect one 100 on every profile');
  }
  const runStart = performance.now();
  for (const name of wanted) {
    const det: NabDetector | undefined = NAB_DETECTORS[name];
    if (!det) {
      throw new Error(`unknown detector ${name}; known: ${Object.keys(NAB_DETECTORS).join(', ')}`);
    }
    const started = performance.now();
    const scores = corpus.files.map((f) => det.run(f));
    const ms = performance.now() - started;
    const scored = scoreAll(corpus, name, scores, flag('details'));
    scored.ms = ms;
    rows.push(scored);
    if (!flag('no-write')) {
      writeResults(outDir, corpus, name, scores);
    }
    if (scored.perFile) {
      console.log(`${name}, standard profile, per file at the optimised threshold:`);
      console.log(scored.perFile.join('\n'));
    }
  }
  console.log('');
  printTable(rows);
  console.log(`\n${wanted.length} detector(s) over ${rowCount} rows in ${((performance.now() - runStart) / 1000).toFixed(1)} s (detection, scoring and writing)`);
  if (!flag('no-write')) {
    console.log(`\nresults files: ${outDir}/<detector>/<category>/<detector>_<file>.csv`);
  }
}

main();
