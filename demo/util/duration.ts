// Durations and sizes as people type them on a command line: "90s", "5m", "1h30m", "250ms", "512MB".

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Milliseconds from "250ms", "30s", "5m", "1h30m", "2d" or a bare number of seconds. */
export function parseDuration(text: string | number): number {
  if (typeof text === 'number') {
    return text * 1000;
  }
  const s = text.trim();
  if (/^\d+(\.\d+)?$/.test(s)) {
    return Number(s) * 1000;
  }
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gy;
  let total = 0;
  let consumed = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    total += Number(m[1]) * UNIT_MS[m[2]];
    consumed = re.lastIndex;
  }
  if (consumed !== s.length || s.length === 0) {
    throw new Error(`not a duration: "${text}" (examples: 250ms, 30s, 5m, 1h30m)`);
  }
  return total;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) {
    return `${Math.round(ms)}ms`;
  }
  if (ms < 60_000) {
    return `${+(ms / 1000).toFixed(1)}s`;
  }
  if (ms < 3_600_000) {
    return `${+(ms / 60_000).toFixed(1)}m`;
  }
  return `${+(ms / 3_600_000).toFixed(2)}h`;
}

const SIZE: Record<string, number> = { b: 1, kb: 1024, k: 1024, mb: 1024 ** 2, m: 1024 ** 2, mib: 1024 ** 2, gb: 1024 ** 3, g: 1024 ** 3, gib: 1024 ** 3 };

/** Bytes from "512MB", "1.5GiB", "300m" or a bare number of megabytes. */
export function parseSize(text: string | number): number {
  if (typeof text === 'number') {
    return text * 1024 ** 2;
  }
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(text);
  if (!m) {
    throw new Error(`not a size: "${text}" (examples: 256MB, 1GiB)`);
  }
  const unit = m[2].toLowerCase() || 'mb';
  if (!(unit in SIZE)) {
    throw new Error(`unknown size unit in "${text}"`);
  }
  return Math.round(Number(m[1]) * SIZE[unit]);
}
