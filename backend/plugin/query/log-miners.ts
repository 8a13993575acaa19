// Template miners per log selector, least recently used first out. A miner that outlives its
// query keeps the ids its patterns were given, so dashboards and alert rules can refer to them.
// Memory: at most MAX_MINERS miners of at most MAX_TEMPLATES templates each.

import { TemplateMiner } from '../../analyzers/logs/miner';

const MAX_MINERS = 16;
const MAX_TEMPLATES = 20_000;

export class LogMiners {
  private readonly miners = new Map<string, TemplateMiner>();

  /** The miner for a log selector (the stream part of the query: line filters do not change templates). */
  for(logql: string): TemplateMiner {
    const key = streamSelector(logql);
    let miner = this.miners.get(key);
    if (miner) {
      this.miners.delete(key);
    } else {
      miner = new TemplateMiner({ maxTemplates: MAX_TEMPLATES });
      if (this.miners.size >= MAX_MINERS) this.miners.delete(this.miners.keys().next().value as string);
    }
    this.miners.set(key, miner);
    return miner;
  }
}

/** `{job="x"} |= "err" | json` → `{job="x"}`; a query that does not start with a selector is its own key. */
export function streamSelector(logql: string): string {
  const m = /^\s*(\{(?:[^{}"]|"(?:[^"\\]|\\.)*")*\})/.exec(logql);
  // Spaces outside quoted values do not change the selector.
  return m ? m[1].replace(/"(?:[^"\\]|\\.)*"|\s+/g, (x) => (x.startsWith('"') ? x : '')) : logql.trim();
}
