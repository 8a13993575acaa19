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
