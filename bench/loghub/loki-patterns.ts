// Loki's own pattern ingester as a peer: the lines are pushed into a real Loki (the pinned
// version, with `pattern_ingester.enabled`), /loki/api/v1/patterns is read back, and each line is
// assigned to the most specific pattern that matches it, so the patterns are scored like any
// parser's templates. Lines no pattern matches (Loki skips lines of fewer than 4 or more than 80
// tokens) count as their own group with no template.

export interface LokiPatternResult {
  name: string;
  templates: string[];
  patterns: number;
  unmatched: number;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export async function pushLines(lokiUrl: string, labels: Record<string, string>, lines: string[], startMs: number): Promise<void> {
  for (let i = 0; i < lines.length; i += 1000) {
    const values = lines.slice(i, i + 1000).map((line, j) => [`${BigInt(startMs + i + j) * 1_000_000n}`, line]);
    const res = await fetch(`${lokiUrl}/loki/api/v1/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ streams: [{ stream: labels, values }] }),
      signal: AbortSignal.timeout(30_000),
    });
    if (res.status >= 300) throw new Error(`Loki push: HTTP ${res.status} ${await res.text()}`);
  }
}

async function readPatterns(lokiUrl: string, selector: string, startMs: number, endMs: number): Promise<Array<{ pattern: string; count: number }>> {
  const q = new URLSearchParams({ query: selector, start: `${startMs}000000`, end: `${endMs}000000` });
  const res = await fetch(`${lokiUrl}/loki/api/v1/patterns?${q}`, { signal: AbortSignal.timeout(30_000) });
  if (!res.ok) throw new Error(`Loki patterns: HTTP ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { data?: Array<{ pattern: string; samples: Array<[number, number | string]> }> };
  return (body.data ?? []).map((p) => ({ pattern: p.pattern, count: p.samples.reduce((n, s) => n + Number(s[1]), 0) }));
}

/** Pushes one system's lines, waits until Loki's pattern counts stop moving, and assigns lines to patterns. */
export async function lokiPatterns(lokiUrl: string, system: string, contents: string[], runId: string): Promise<LokiPatternResult> {
  const labels = { bench: 'loghub', run: runId, system };
  const selector = `{bench="loghub", run="${runId}", system="${system}"}`;
  const startMs = Date.now() - contents.length - 60_000;
  await pushLines(lokiUrl, labels, contents, startMs);
  let patterns: Array<{ pattern: string; count: number }> = [];
  let last = -1;
  let stable = 0;
  for (const deadline = Date.now() + 60_000; Date.now() < deadline && stable < 3; ) {
    await new Promise((r) => setTimeout(r, 1000));
    patterns = await readPatterns(lokiUrl, selector, startMs - 60_000, Date.now() + 60_000);
    const total = patterns.reduce((n, p) => n + p.count, 0);
    stable = total === last && total > 0 ? stable + 1 : 0;
    last = total;
  }
  const compiled = patterns
    .map((p) => ({ template: p.pattern.split('<_>').join('<*>'), re: new RegExp(`^${p.pattern.split('<_>').map(escape).join('.*?')}$`, 's'), literal: p.pattern.replace(/<_>/g, '').length }))
    .sort((a, b) => b.literal - a.literal);
  let unmatched = 0;
  const templates = contents.map((line, i) => {
    const hit = compiled.find((c) => c.re.test(line));
    if (hit) return hit.template;
    unmatched++;
    return `\u0000unmatched ${i}`;
  });
  return { name: system, templates, patterns: patterns.length, unmatched };
}
