// How the pages write numbers and times: text, never colour alone.

export function formatDuration(seconds: number | null): string {
  if (seconds === null) {
    return 'not within horizon';
  }
  if (seconds <= 0) {
    return 'now';
  }
  const units: Array<[string, number]> = [
    ['d', 86_400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ];
  const parts: string[] = [];
  let rest = Math.round(seconds);
  for (const [unit, size] of units) {
    if (rest >= size && parts.length < 2) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.join(' ') || '0s';
}

export function formatPercent(ratio: number | null, digits = 0): string {
  return ratio === null ? '–' : `${(ratio * 100).toFixed(digits)}%`;
}

export function formatNumber(value: number | null): string {
  if (value === null) {
    return '–';
  }
  const abs = Math.abs(value);
  return abs !== 0 && (abs < 0.01 || abs >= 1e6) ? value.toExponential(2) : String(+value.toFixed(abs < 1 ? 3 : 2));
}

export function formatTime(ms: number | null): string {
  return ms === null ? '–' : new Date(ms).toLocaleString();
}
