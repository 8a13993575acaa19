// Reads the M4 competition's layout: one series per row, `"id","v1","v2",…`, rows of different
// lengths padded with empty cells. Train and test files pair rows by id.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface M4Series {
  id: string;
  train: Float64Array;
  test: Float64Array;
}

function readRows(path: string): Map<string, Float64Array> {
  const rows = new Map<string, Float64Array>();
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  for (const line of lines.slice(1)) {
    if (line.trim() === '') continue;
    const cells = line.split(',').map((c) => c.replace(/^"|"$/g, ''));
    const values = cells.slice(1).filter((c) => c !== '').map(Number);
    if (values.some((v) => !Number.isFinite(v))) {
      throw new Error(`${path}: series ${cells[0]} has a value that is not a number`);
    }
    rows.set(cells[0], Float64Array.from(values));
  }
  return rows;
}

/** The hourly series of `dir` (Hourly-train.csv, Hourly-test.csv), in file order. */
export function loadM4Hourly(dir: string): M4Series[] {
  const train = readRows(join(dir, 'Hourly-train.csv'));
  const test = readRows(join(dir, 'Hourly-test.csv'));
  const out: M4Series[] = [];
  for (const [id, history] of train) {
    const future = test.get(id);
    if (!future) {
      throw new Error(`series ${id} is in Hourly-train.csv but not in Hourly-test.csv`);
    }
    out.push({ id, train: history, test: future });
  }
  if (out.length === 0) {
    throw new Error(`no series in ${dir}/Hourly-train.csv`);
  }
  return out;
}
