// Online template mining in the manner of Drain (He et al., ICWS 2017): lines of the same length
// go down a fixed-depth prefix tree keyed by their first tokens; in the leaf, the most similar
// template above a threshold absorbs the line (positions that differ become the placeholder),
// else the line founds a new template.
//
// Written here rather than taken from a library: npm has no maintained Drain, and the plugin needs
// what Drain3 does not give together: stable ids, merging, serialisation and hard memory bounds.
//
// Memory and time are bounded: a global cap on templates and a cap per leaf, each evicting the
// least recently used (counted in `stats.evicted`; the leaf cap also bounds the scan a line costs);
// at most `maxChildren` children per tree node (the rest share the wildcard child); a cache of masked
// tokens emptied when full; and lines cut to `maxLineChars` characters and `maxTokens` tokens before
// mining. Empty tree branches are pruned when their last template is evicted.

import { detach } from './detach';
import { maskTokens, PARAM, DEFAULT_MASKS, type MaskRule } from './mask';
import { hashRange, TokenCache } from './token-cache';

export interface MinerConfig {
  /** Tokens of the prefix used to route a line (after its length). */
  depth: number;
  /** Share of a template's tokens a line must match to join it, in (0, 1]. */
  similarity: number;
  maxChildren: number;
  /** Most templates in one leaf; the leaf's least recently used goes first (bounds the scan per line). */
  maxLeafTemplates: number;
  maxTemplates: number;
  maxLineChars: number;
  maxTokens: number;
}

export const DEFAULT_MINER_CONFIG: Readonly<MinerConfig> = {
  depth: 2,
  similarity: 0.7,
  maxChildren: 100,
  maxLeafTemplates: 256,
  maxTemplates: 50_000,
  maxLineChars: 8_192,
  maxTokens: 192,
};

export interface Template {
  /** Stable: kept when the template generalises, derived from the first line's masked form. */
  readonly id: string;
  tokens: string[];
  count: number;
}

export interface MinerStats {
  lines: number;
  templates: number;
  evicted: number;
  /** Lines cut to maxLineChars or maxTokens before mining. */
  truncated: number;
}

export interface SerializedMiner {
  format: 'foresight-miner';
  version: 1;
  config: MinerConfig;
  templates: Array<{ id: string; template: string; count: number }>;
  stats: MinerStats;
}

interface Node {
  parent?: Node;
  key: string;
  children: Map<string, Node>;
  templates: Entry[];
  // The child the last line routed through here took, by that line's token: lines of one event
  // come in runs, and this skips the route key and the map for them. Forgotten when a child goes.
  lastToken: string | undefined;
  lastChild: Node | undefined;
}

interface Entry extends Template {
  leaf: Node;
  /** The miner's use count when the template last took a line: recency in the leaf. */
  used: number;
  /** Neighbours in the miner's recency list (least recently used first). */
  older?: Entry;
  newer?: Entry;
}

const newNode = (key: string, parent?: Node): Node => ({ key, parent, children: new Map(), templates: [], lastToken: undefined, lastChild: undefined });

/** Tokens with digits or placeholders route to the wildcard child: their value is likely variable. */
function routeKey(token: string): string {
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    // A digit, or the '*' of a placeholder (masked tokens hold '*' only there or as themselves).
    if ((c >= 48 && c <= 57) || (c === 42 && token.startsWith(PARAM, i - 1))) return PARAM;
  }
  return token;
}

/** Where template and line differ, the template gets the placeholder; `key=` prefixes are kept. */
function generalise(template: string[], tokens: string[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const a = template[i];
    const b = tokens[i];
    if (a === b || a === PARAM) continue;
    const eq = a.indexOf('=');
    template[i] = eq > 0 && eq < a.length - 1 && b.startsWith(a.slice(0, eq + 1)) && b.length > eq + 1 ? a.slice(0, eq + 1) + PARAM : PARAM;
  }
}

/**
 * A field left empty and the same field with a value ("rhost=" and "rhost=<*>") are different
 * events (the value is missing, not varying), so such a pair is never generalised into one template.
 */
function fieldsConflict(a: string, b: string): boolean {
  const eq = a.indexOf('=');
  if (eq <= 0 || b.charCodeAt(eq) !== 61 || a.slice(0, eq) !== b.slice(0, eq)) return false;
  const va = a.slice(eq + 1);
  const vb = b.slice(eq + 1);
  return (va === '') !== (vb === '');
}

/** Variable-length lists ("delete blk_1 blk_2 …"): a run of MIN_RUN or more placeholders becomes one. */
const MIN_RUN = 4;
function collapseParamRuns(tokens: string[]): void {
  let run = 0;
  for (let i = 0; i < tokens.length && run < MIN_RUN; i++) run = tokens[i] === PARAM ? run + 1 : 0;
  if (run < MIN_RUN) return;
  let w = 0;
  for (let r = 0; r < tokens.length; ) {
    let end = r;
    while (end < tokens.length && tokens[end] === PARAM) end++;
    if (end - r >= MIN_RUN) {
      tokens[w++] = PARAM;
      r = end;
    } else if (end > r) {
      while (r < end) tokens[w++] = tokens[r++];
    } else {
      tokens[w++] = tokens[r++];
    }
  }
  tokens.length = w;
}

/** FNV-1a over the string: a short id that is the same in every process for the same founding line. */
function hashId(text: string): string {
  return (hashRange(text, 0, text.length) >>> 0).toString(16).padStart(8, '0');
}

export class TemplateMiner {
  readonly config: MinerConfig;
  /** Tree tops by line length in tokens. */
  private readonly root: Array<Node | undefined> = [];
  private readonly byId = new Map<string, Entry>();
  // Recency as a list threaded through the templates: moving one to the front costs a few pointer
  // writes, where re-inserting into a Map would hash its id twice for every line.
  private oldest: Entry | undefined;
  /** The template used last: lines of one event often come in runs, and it is already in place. */
  private latest: Entry | undefined;
  private uses = 0;
  private bestSim = -1;
  private bestMisses = 0;
  private readonly statsValue: MinerStats = { lines: 0, templates: 0, evicted: 0, truncated: 0 };
  /** Masked forms of recently seen tokens (bounded: see token-cache.ts). */
  private readonly tokenCache = new TokenCache();

  constructor(
    config: Partial<MinerConfig> = {},
    private readonly masks: readonly MaskRule[] = DEFAULT_MASKS,
  ) {
    this.config = { ...DEFAULT_MINER_CONFIG, ...config };
    const c = this.config;
    if (!(c.similarity > 0 && c.similarity <= 1)) throw new RangeError(`similarity must be in (0, 1], got ${c.similarity}`);
    for (const k of ['depth', 'maxChildren', 'maxLeafTemplates', 'maxTemplates', 'maxLineChars', 'maxTokens'] as const) {
      if (!(Number.isInteger(c[k]) && c[k] >= 1)) throw new RangeError(`${k} must be a positive integer, got ${c[k]}`);
    }
  }

  get stats(): MinerStats {
    return { ...this.statsValue, templates: this.byId.size };
  }

  /** The masked tokens of a line, cut to the configured bounds. */
  tokenize(line: string): string[] {
    let text = line;
    let cut = false;
    if (text.length > this.config.maxLineChars) {
      text = text.slice(0, this.config.maxLineChars);
      cut = true;
    }
    const tokens = maskTokens(text, this.masks, this.tokenCache);
    if (tokens.length > this.config.maxTokens) {
      tokens.length = this.config.maxTokens;
      cut = true;
    }
    collapseParamRuns(tokens);
    if (cut) {
      // The cut-off rest is one variable tail, so long lines of one event still group.
      tokens.push(PARAM);
      this.statsValue.truncated++;
    }
    return tokens;
  }

  /** Learns from one line; returns the template it now belongs to. */
  add(line: string): Template {
    this.statsValue.lines++;
    return this.addTokens(this.tokenize(line), 1);
  }

  /** The template a line would join, without learning from it. */
  match(line: string): Template | undefined {
    const tokens = this.tokenize(line);
    const leaf = this.findLeaf(tokens, false);
    const hit = leaf && this.best(leaf, tokens);
    return hit && this.bestSim >= 1 ? hit : undefined;
  }

  get(id: string): Template | undefined {
    return this.byId.get(id);
  }

  /** Least recently used first. */
  templates(): Template[] {
    const list: Template[] = [];
    for (let e = this.oldest; e; e = e.newer) list.push(e);
    return list;
  }

  private addTokens(tokens: string[], count: number, id?: string): Entry {
    const leaf = this.findLeaf(tokens, true)!;
    const entry = this.best(leaf, tokens);
    if (entry && this.bestSim >= this.config.similarity) {
      // A line that differs from its template nowhere leaves it as it is.
      if (this.bestMisses > 0) generalise(entry.tokens, tokens);
      entry.count += count;
      this.touch(entry);
      return entry;
    }
    const created: Entry = { id: this.freshId(id ?? hashId(`${tokens.length}:${tokens.join(' ')}`)), tokens: tokens.map(detach), count, leaf, used: ++this.uses, older: undefined, newer: undefined };
    leaf.templates.push(created);
    this.byId.set(created.id, created);
    this.append(created);
    if (leaf.templates.length > this.config.maxLeafTemplates) this.evict(leastUsed(leaf.templates));
    while (this.byId.size > this.config.maxTemplates) this.evict(this.oldest!);
    return created;
  }

  /** Marks a template most recently used. */
  private touch(entry: Entry): void {
    entry.used = ++this.uses;
    if (this.latest === entry) return;
    this.unlink(entry);
    this.append(entry);
  }

  private append(entry: Entry): void {
    entry.older = this.latest;
    entry.newer = undefined;
    if (this.latest) this.latest.newer = entry;
    else this.oldest = entry;
    this.latest = entry;
  }

  private unlink(entry: Entry): void {
    if (entry.older) entry.older.newer = entry.newer;
    else this.oldest = entry.newer;
    if (entry.newer) entry.newer.older = entry.older;
    else this.latest = entry.older;
    entry.older = entry.newer = undefined;
  }

  private freshId(base: string): string {
    let id = base;
    for (let n = 2; this.byId.has(id); n++) id = `${base}-${n}`;
    return id;
  }

  private evict(oldest: Entry): void {
    this.unlink(oldest);
    this.byId.delete(oldest.id);
    const list = oldest.leaf.templates;
    list.splice(list.indexOf(oldest), 1);
    this.statsValue.evicted++;
    // Prune branches left without templates, so the tree shrinks with the cap.
    for (let node: Node | undefined = oldest.leaf; node && node.templates.length === 0 && node.children.size === 0; node = node.parent) {
      if (node.parent) {
        node.parent.children.delete(node.key);
        node.parent.lastToken = node.parent.lastChild = undefined;
      } else {
        this.root[Number(node.key)] = undefined;
      }
    }
  }

  private findLeaf(tokens: string[], create: boolean): Node | undefined {
    const len = tokens.length;
    let top = this.root[len];
    if (!top) {
      if (!create) return undefined;
      top = newNode(String(len));
      this.root[len] = top;
    }
    let node: Node = top;
    const depth = Math.min(this.config.depth, len);
    for (let i = 0; i < depth; i++) {
      const token = tokens[i];
      if (token === node.lastToken) {
        node = node.lastChild!;
        continue;
      }
      const key = routeKey(token);
      let next: Node | undefined = node.children.get(key);
      if (!next && key !== PARAM) {
        if (create && node.children.size < this.config.maxChildren - (node.children.has(PARAM) ? 0 : 1)) {
          next = newNode(key, node);
          node.children.set(key, next);
        } else {
          next = node.children.get(PARAM);
        }
      }
      if (!next) {
        if (!create) return undefined;
        next = newNode(PARAM, node);
        node.children.set(PARAM, next);
      }
      // Only where a line may add children: elsewhere a token without its own child takes the
      // wildcard, which it would not once it has one.
      if (create) {
        node.lastToken = token;
        node.lastChild = next;
      }
      node = next;
    }
    return node;
  }

  /** Share of positions where template and line agree; a template placeholder agrees with a placeholder only. */
  /** The leaf's template most like the line; its similarity and misses are left in bestSim and bestMisses. */
  private best(leaf: Node, tokens: string[]): Entry | undefined {
    let best: Entry | undefined;
    let bestSim = -1;
    let bestParams = -1;
    let bestMisses = 0;
    const similarity = this.config.similarity;
    for (const entry of leaf.templates) {
      let same = 0;
      let params = 0;
      let bothParam = 0;
      let misses = 0;
      const t = entry.tokens;
      // More misses than this and the template cannot reach the threshold: stop comparing early.
      const maxMisses = (1 - similarity) * t.length;
      for (let i = 0; i < t.length; i++) {
        if (t[i] === PARAM) {
          params++;
          if (tokens[i] === PARAM) bothParam++;
          else same++; // the template already varies here
        } else if (t[i] === tokens[i]) same++;
        else if (++misses > maxMisses || fieldsConflict(t[i], tokens[i])) {
          misses = Infinity;
          break;
        }
      }
      if (misses > maxMisses) continue;
      // Positions where both hold a placeholder say nothing about the event: they count on neither side.
      const sim = t.length === bothParam ? 1 : same / (t.length - bothParam);
      // Ties go to the template used least recently.
      if (sim > bestSim || (sim === bestSim && (params > bestParams || (params === bestParams && entry.used < best!.used)))) {
        best = entry;
        bestSim = sim;
        bestParams = params;
        bestMisses = misses;
      }
    }
    this.bestSim = bestSim;
    this.bestMisses = bestMisses;
    return best;
  }

  /** Folds another miner's templates into this one; returns how the other's ids map to ours. */
  merge(other: TemplateMiner | SerializedMiner): Map<string, string> {
    const list = other instanceof TemplateMiner ? other.templates().map((t) => ({ id: t.id, tokens: t.tokens, count: t.count })) : other.templates.map(fromSerialized);
    const ids = new Map<string, string>();
    for (const t of list) {
      const mine = this.byId.get(t.id);
      const entry = mine && mine.tokens.length === t.tokens.length ? this.absorb(mine, t.tokens, t.count) : this.addTokens(t.tokens, t.count, t.id);
      ids.set(t.id, entry.id);
    }
    this.statsValue.lines += other.stats.lines;
    return ids;
  }

  private absorb(entry: Entry, tokens: string[], count: number): Entry {
    generalise(entry.tokens, tokens);
    entry.count += count;
    return entry;
  }

  toJSON(): SerializedMiner {
    return {
      format: 'foresight-miner',
      version: 1,
      config: { ...this.config },
      templates: this.templates().map((t) => ({ id: t.id, template: t.tokens.join(' '), count: t.count })),
      stats: this.stats,
    };
  }

  static fromJSON(data: unknown, masks?: readonly MaskRule[]): TemplateMiner {
    const d = data as Partial<SerializedMiner> | null;
    if (!d || d.format !== 'foresight-miner' || d.version !== 1 || !Array.isArray(d.templates)) {
      throw new RangeError('not a serialised template miner (expected format "foresight-miner", version 1)');
    }
    const miner = new TemplateMiner(d.config ?? {}, masks);
    miner.merge(d as SerializedMiner);
    miner.statsValue.lines = d.stats?.lines ?? 0;
    miner.statsValue.evicted = d.stats?.evicted ?? 0;
    miner.statsValue.truncated = d.stats?.truncated ?? 0;
    return miner;
  }
}

function leastUsed(list: Entry[]): Entry {
  let least = list[0];
  for (const e of list) if (e.used < least.used) least = e;
  return least;
}

function fromSerialized(t: { id: unknown; template: unknown; count: unknown }): { id: string; tokens: string[]; count: number } {
  if (typeof t.id !== 'string' || typeof t.template !== 'string' || !(Number(t.count) >= 0)) {
    throw new RangeError(`a serialised template is malformed: ${JSON.stringify(t).slice(0, 200)}`);
  }
  return { id: t.id, tokens: t.template.split(' ').filter((s) => s !== ''), count: Number(t.count) };
}
