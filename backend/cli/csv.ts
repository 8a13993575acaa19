// Reads series from CSV: a header row, the first column the time (ISO 8601, or epoch seconds or
// milliseconds), every other column one series. Empty cells, NaN and non-numeric cells count as
// missing values; a row whose time cannot be read is an error naming the line.

import { readFileSync } from 'node:fs';

export interface CsvSeries {
  name: string;
  timestamps: number[];
  values: number[];
}

export class CsvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvError';
  }
}

/** Epoch numbers below this are seconds (1e11 s is the year 5138; 1e11 ms is 1973). */
const SECONDS_BELOW = 1e11;

function parseTime(cell: string): number {
  const text = cell.trim().replace(/^"|"$/g, '');
  if (/^-?\d+(\.\d+)?$/.test(text)) {
    const n = Number(text);
    return Math.abs(n) < SECONDS_BELOW ? n * 1000 : n;
  }
  // A space between date and time (as many exports write it) is read as ISO's T.
  return Date.parse(/^\d{4}-\d{2}-\d{2} \d/.test(text) ? text.replace(' ', 'T') : text);
}

function splitLine(line: string): string[] {
  // Quoted cells may hold commas; doubled quotes inside them are one quote.
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        cell += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else {
      cell += ch;
    }
  }
  cells.push(cell);
  return cells;
}

export function parseSeriesCsv(text: string, source = 'input'): CsvSeries[] {
  const lines = text.split(/\r?\n/);
  const headerAt = lines.findIndex((l) => l.trim() !== '');
  if (headerAt < 0) {
    throw new CsvError(`${source} is empty: expected a header row such as "time,value"`);
  }
  const header = splitLine(lines[headerAt]).map((h) => h.trim());
  if (header.length < 2) {
    throw new CsvError(`${source}: the header has ${header.length} column; expected the time and at least one series, e.g. "time,value"`);
  }
  const series: CsvSeries[] = header.slice(1).map((name, i) => ({ name: name || `column ${i + 2}`, timestamps: [], values: [] }));
  for (let l = headerAt + 1; l < lines.length; l++) {
    if (lines[l].trim() === '') continue;
    const cells = splitLine(lines[l]);
    const t = parseTime(cells[0]);
    if (!Number.isFinite(t)) {
      throw new CsvError(`${source} line ${l + 1}: "${cells[0]}" is not a time (use ISO 8601 or epoch seconds/milliseconds)`);
    }
    series.forEach((s, i) => {
      const cell = (cells[i + 1] ?? '').trim();
      s.timestamps.push(t);
      s.values.push(cell === '' ? NaN : Number(cell));
    });
  }
  if (series[0].timestamps.length === 0) {
    throw new CsvError(`${source} has a header but no rows`);
  }
  return series;
}

export function readSeriesCsv(path: string): CsvSeries[] {
  let text: string;
  try {
    text = path === '-' ? readFileSync(0, 'utf8') : readFileSync(path, 'utf8');
  } catch (err) {
    throw new CsvError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  return parseSeriesCsv(text, path === '-' ? 'standard input' : path);
}
