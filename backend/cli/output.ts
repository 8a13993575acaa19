// Writes result rows as CSV (a header from the first row's keys) or as JSON lines' array.

function csvCell(v: unknown): string {
  if (v === undefined || v === null || (typeof v === 'number' && !Number.isFinite(v))) return '';
  const text = typeof v === 'string' ? v : Array.isArray(v) ? v.join(' ') : String(v);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function formatRows(rows: Array<Record<string, unknown>>, format: 'csv' | 'json'): string {
  if (format === 'json') {
    // JSON has no NaN: a value that is not a number is written as null.
    return JSON.stringify(rows, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n';
  }
  if (rows.length === 0) return '';
  const keys = Object.keys(rows[0]);
  return [keys.join(','), ...rows.map((r) => keys.map((k) => csvCell(r[k])).join(','))].join('\n') + '\n';
}

export const isoTime = (ms: number) => new Date(ms).toISOString();
