// Reads the Loghub-2k layout: <dir>/<System>/<System>_2k.log_structured_corrected.csv (or the
// uncorrected _structured.csv), whose Content column is the message each parser receives and whose
// EventTemplate column is the ground truth.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface LabelledSystem {
  name: string;
  contents: string[];
  templates: string[];
}

/**
 * RFC 4180 rows: quoted fields may hold commas, doubled quotes and newlines. Fields are cut out of
 * the text whole (not built a character at a time), so each is one flat string, as lines decoded
 * from a Loki response are.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    let field: string;
    if (text[i] === '"') {
      // Up to the quote that is not doubled.
      let end = i + 1;
      while (end < n && !(text[end] === '"' && text[end + 1] !== '"')) end += text[end] === '"' ? 2 : 1;
      field = text.slice(i + 1, end).replaceAll('""', '"');
      i = end + 1;
    } else {
      let end = i;
      while (end < n && text[end] !== ',' && text[end] !== '\n' && text[end] !== '\r') end++;
      field = text.slice(i, end);
      i = end;
    }
    row.push(field);
    if (text[i] === ',') {
      i++;
      if (i === n) row.push('');
    } else {
      if (text[i] === '\r' && text[i + 1] === '\n') i++;
      i++;
      rows.push(row);
      row = [];
    }
  }
  if (row.length > 0) rows.push(row);
  return rows;
}

export function loadSystems(dir: string, only?: string[]): LabelledSystem[] {
  if (!existsSync(dir)) {
    throw new Error(`no Loghub data at ${dir}; pass --data <dir> (a folder of <System>/<System>_2k.log_structured_corrected.csv)`);
  }
  const systems: LabelledSystem[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (only && !only.includes(name)) continue;
    const sub = join(dir, name);
    if (!statSync(sub).isDirectory()) continue;
    const file = [`${name}_2k.log_structured_corrected.csv`, `${name}_2k.log_structured.csv`].map((f) => join(sub, f)).find(existsSync);
    if (!file) continue;
    const [header, ...rows] = parseCsv(readFileSync(file, 'utf8')).filter((r) => r.length > 1);
    const content = header.indexOf('Content');
    const template = header.indexOf('EventTemplate');
    if (content < 0 || template < 0) {
      throw new Error(`${file} has no Content or EventTemplate column`);
    }
    systems.push({ name, contents: rows.map((r) => r[content]), templates: rows.map((r) => r[template]) });
  }
  if (systems.length === 0) {
    throw new Error(`no <System>/<System>_2k.log_structured*.csv files under ${dir}`);
  }
  return systems;
}
