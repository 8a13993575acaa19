// Reads a corpus in NAB's layout: data/<category>/<file>.csv (timestamp,value),
// labels/combined_windows.json ({ "<category>/<file>.csv": [[start, end], ...] }) and
// config/profiles.json. Timestamps are NAB's "YYYY-MM-DD HH:MM:SS[.ffffff]" strings, read as UTC.
//
// Only files named in the windows file are part of the corpus, as in NAB's runner (it detects and
// scores the files that have labels). Every window edge must be a timestamp of its file, which
// NAB's labeler checks too ("Timestamps in json label files have to exactly match").

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface CostMatrix {
  tpWeight: number;
  fnWeight: number;
  fpWeight: number;
  tnWeight: number;
}

export type Profiles = Record<string, { CostMatrix: CostMatrix }>;

export interface DataFile {
  /** "<category>/<file>.csv", the key NAB uses everywhere. */
  relativePath: string;
  category: string;
  fileName: string;
  /** The timestamp strings as written in the CSV, kept for writing results files. */
  rawTimestamps: string[];
  /** Epoch milliseconds (UTC). */
  timestamps: number[];
  values: Float64Array;
  /** Window edges as epoch milliseconds, in file order. */
  windows: Array<[number, number]>;
  /** Row indices of the window edges. */
  windowRows: Array<[number, number]>;
}

export interface Corpus {
  dir: string;
  files: DataFile[];
  profiles: Profiles;
  /** Windows in the label file for the corpus' files: NAB's "perfect" count. */
  windowCount: number;
}

/** NAB timestamp ("2014-04-01 00:05:00" or "2014-04-01 00:05:00.000000") to epoch ms, UTC. */
export function parseNabTime(s: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?$/.exec(s.trim());
  if (!m) {
    throw new Error(`not a NAB timestamp: "${s}"`);
  }
  const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), ms);
}

export function readCsv(path: string): { rawTimestamps: string[]; timestamps: number[]; values: Float64Array } {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines[0].split(',').map((h) => h.trim());
  const ti = header.indexOf('timestamp');
  const vi = header.indexOf('value');
  if (ti < 0 || vi < 0) {
    throw new Error(`${path}: expected a "timestamp,value" header, got "${lines[0]}"`);
  }
  const rawTimestamps: string[] = [];
  const timestamps: number[] = [];
  const values = new Float64Array(lines.length - 1);
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i].split(',');
    rawTimestamps.push(cells[ti].trim());
    timestamps.push(parseNabTime(cells[ti]));
    values[i - 1] = Number(cells[vi]);
  }
  return { rawTimestamps, timestamps, values };
}

function listCsv(dir: string, prefix = ''): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      const rel = prefix ? `${prefix}/${name}` : name;
      return statSync(p).isDirectory() ? listCsv(p, rel) : name.endsWith('.csv') ? [rel] : [];
    });
}

export function loadCorpus(dir: string): Corpus {
  const windowsPath = join(dir, 'labels', 'combined_windows.json');
  const profilesPath = join(dir, 'config', 'profiles.json');
  for (const p of [join(dir, 'data'), windowsPath, profilesPath]) {
    if (!existsSync(p)) {
      throw new Error(`${p} is missing: is ${dir} a corpus in NAB's layout (data/, labels/combined_windows.json, config/profiles.json)?`);
    }
  }
  const labelled = JSON.parse(readFileSync(windowsPath, 'utf8')) as Record<string, Array<[string, string]>>;
  const profiles = JSON.parse(readFileSync(profilesPath, 'utf8')) as Profiles;
  const files: DataFile[] = [];
  let windowCount = 0;
  for (const relativePath of listCsv(join(dir, 'data'))) {
    const raw = labelled[relativePath];
    if (raw === undefined) {
      continue;
    }
    const csv = readCsv(join(dir, 'data', relativePath));
    const index = new Map<number, number>();
    csv.timestamps.forEach((t, i) => {
      if (!index.has(t)) {
        index.set(t, i);
      }
    });
    const windows: Array<[number, number]> = [];
    const windowRows: Array<[number, number]> = [];
    for (const [a, b] of raw) {
      const ta = parseNabTime(a);
      const tb = parseNabTime(b);
      const ia = index.get(ta);
      const ib = index.get(tb);
      if (ia === undefined || ib === undefined) {
        throw new Error(`${relativePath}: window [${a}, ${b}] does not start and end on timestamps of the file`);
      }
      windows.push([ta, tb]);
      windowRows.push([ia, ib]);
    }
    windowCount += raw.length;
    const [category, fileName] = relativePath.split('/');
    files.push({ relativePath, category, fileName, ...csv, windows, windowRows });
  }
  const missing = Object.keys(labelled).filter((k) => !files.some((f) => f.relativePath === k));
  if (missing.length > 0) {
    // NAB's labeler would fail on these; we score what is there and say so.
    console.warn(`corpus: ${missing.length} labelled file(s) not in data/: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', ...' : ''}`);
    for (const k of missing) {
      windowCount -= labelled[k].length;
    }
  }
  return { dir, files, profiles, windowCount };
}

/** Per-row labels as NAB writes them in results files: 1 inside a window (edges included), else 0. */
export function rowLabels(file: DataFile): Uint8Array {
  const labels = new Uint8Array(file.timestamps.length);
  for (const [a, b] of file.windows) {
    for (let i = 0; i < file.timestamps.length; i++) {
      if (file.timestamps[i] >= a && file.timestamps[i] <= b) {
        labels[i] = 1;
      }
    }
  }
  return labels;
}
