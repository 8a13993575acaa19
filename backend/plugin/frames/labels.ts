// Series names as Prometheus users know them: `metric{a="1", b="2"}`, or a legend template.

export function formatLabels(labels: Record<string, string>): string {
  const name = labels.__name__ ?? '';
  const rest = Object.keys(labels)
    .filter((k) => k !== '__name__')
    .sort()
    .map((k) => `${k}="${labels[k]}"`);
  if (rest.length === 0) {
    return name || '{}';
  }
  return `${name}{${rest.join(', ')}}`;
}

/** Fills `{{label}}` placeholders; an empty template falls back to the label set. */
export function seriesName(labels: Record<string, string>, legendFormat?: string): string {
  if (!legendFormat) {
    return formatLabels(labels);
  }
  return legendFormat.replace(/\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g, (_, k: string) => labels[k] ?? '');
}

/** The leading columns of a one-row-per-series table: the series name, then one column per label. */
export function seriesColumns(rows: Array<{ series: { labels: Record<string, string> } }>, legendFormat?: string) {
  const labelKeys = [...new Set(rows.flatMap((r) => Object.keys(r.series.labels)))].filter((k) => k !== '__name__').sort();
  return [
    { name: 'series', type: 'string' as const, values: rows.map((r) => seriesName(r.series.labels, legendFormat)) },
    ...labelKeys.map((k) => ({ name: k, type: 'string' as const, values: rows.map((r) => r.series.labels[k] ?? '') })),
  ];
}

/** Steps ahead as seconds, or null (shown as the field's noValue) when there is none within the horizon. */
export const stepsToSeconds = (steps: number | undefined, stepMs: number) => (steps === undefined ? null : (steps * stepMs) / 1000);
