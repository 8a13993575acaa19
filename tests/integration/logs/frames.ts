// Reads the Arrow frames of a QueryData answer into rows, for the log suites.

import { tableFromIPC } from 'apache-arrow';

export interface DecodedFrame {
  name: string;
  meta: Record<string, any>;
  rows: Array<Record<string, unknown>>;
}

export function decodeFrames(frames: Buffer[]): DecodedFrame[] {
  return frames.map((bytes) => {
    const table = tableFromIPC(bytes);
    const md = table.schema.metadata;
    const rows: Array<Record<string, unknown>> = [];
    for (let i = 0; i < table.numRows; i++) {
      const row: Record<string, unknown> = {};
      for (const f of table.schema.fields) {
        const v = table.getChild(f.name)!.get(i);
        row[f.name] = typeof v === 'bigint' ? Number(v / 1_000_000n) : v;
      }
      rows.push(row);
    }
    return { name: md.get('name') ?? '', meta: JSON.parse(md.get('meta') ?? '{}'), rows };
  });
}
