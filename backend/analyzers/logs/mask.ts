// Variable masking: spans that are values rather than words (numbers, IPs, UUIDs, hex ids,
// paths, durations, quoted strings, key=value values) become the placeholder before the line
// is tokenised, so lines of one event share tokens even on their first occurrence.
//
// One ordered list of general rules for every log source: the order matters (a UUID is hex, an IP
// is four numbers), and each rule only fires at token-like boundaries so words such as
// "jk2_init()" or "HTTP/1.1"'s neighbours keep their letters.
//
// Lines are masked in one pass over their characters that finds the tokens and their character
// classes, with a cache of tokens already masked (token-cache.ts): the rules run once per distinct
// token or shape of one, a token tries only the rules whose needed characters it holds, and tokens
// of digits and punctuation take the number rule alone (number-mask.ts).

import { detach } from './detach';
import { isDigit, maskNumberRange, maskNumbers, NUMERIC_ONLY } from './number-mask';
import { foldPlaceholders, PARAM } from './placeholder';
import { HASH_SEED, hashRange, hashStep, MAX_TOKEN_CHARS, shapeCode, type TokenCache } from './token-cache';

export { PARAM };

export interface MaskRule {
  name: string;
  pattern: RegExp;
  /** Replacement; defaults to the placeholder. */
  replace?: string;
  /**
   * Characters the rule cannot match without: for each string, the token must hold one of its
   * characters. With the default list, a token is tried only on the rules whose needs it meets
   * (a rule without needs is always tried); other lists try every rule.
   */
  needs?: readonly string[];
}

const DIGITS = '0123456789';

// Boundaries: a variable starts after a non-word character (or the line start) and ends before one.
const B = '(?<![A-Za-z0-9_])';
const E = '(?![A-Za-z0-9_])';

export const DEFAULT_MASKS: readonly MaskRule[] = [
  // Dates and times are one value even across spaces ("Sat Jun 18 02:08:10 2005"); month and day
  // names would otherwise be words that split one event by the day it happened.
  {
    name: 'datetime',
    pattern: new RegExp(
      [
        `${B}(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\\s+\\d{1,2}(?:,?\\s+\\d{4})?\\s+\\d{1,2}:\\d{2}:\\d{2}(?:[.,]\\d+)?(?:\\s+[A-Z]{3,4})?(?:\\s+\\d{4})?${E}`,
        `${B}\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?${E}`,
        `${B}\\d{2,4}[/.]\\d{2}[/.]\\d{2,4}[ T,:-]+\\d{1,2}:\\d{2}:\\d{2}(?:[.,]\\d+)?${E}`,
      ].join('|'),
      'g',
    ),
  },
  { name: 'uuid', needs: ['-'], pattern: new RegExp(`${B}[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}${E}`, 'g') },
  // The scheme is structure ("hdfs://…" and "spark://…" are different events); the rest is the value.
  { name: 'url', needs: [':', '/'], pattern: /(?<=\b[A-Za-z][A-Za-z0-9+.-]*:\/\/)[^\s"'<>()[\]{}]+/g },
  { name: 'ipv6', needs: [':'], pattern: new RegExp(`${B}(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}${E}`, 'g') },
  // A leading slash is Java's InetAddress.toString(): "/10.0.0.1".
  { name: 'ipv4', needs: ['.', DIGITS], pattern: new RegExp(`(?<![A-Za-z0-9_.:/])/?\\d{1,3}(?:\\.\\d{1,3}){3}${E}`, 'g') },
  { name: 'mac', needs: [':'], pattern: new RegExp(`${B}[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5}${E}`, 'g') },
  // Absolute paths of two or more segments (one segment is too often a word: "/health", "and/or").
  { name: 'path', needs: ['/'], pattern: /(?<![\w.:/])(?:\/[\w.@~+-]+){2,}\/?/g },
  { name: 'hex', needs: ['xX', DIGITS], pattern: new RegExp(`${B}0[xX][0-9a-fA-F]+${E}`, 'g') },
  // Long hex ids (trace ids, hashes, container ids): letters and digits mixed, 8 characters or more.
  { name: 'hexid', needs: [DIGITS], pattern: new RegExp(`${B}(?=[0-9a-fA-F]*[0-9])(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{8,}${E}`, 'g') },
  { name: 'duration', needs: [DIGITS], pattern: new RegExp(`${B}\\d+(?:\\.\\d+)?(?:ns|us|µs|ms|s|m|h|d)${E}`, 'g') },
  { name: 'quoted', pattern: /"(?:[^"\\\n]|\\.){0,512}"/g, replace: `"${PARAM}"` },
  // Identifiers that are a prefix glued to a number (blk_-123, job_2017_0001, core.1234).
  { name: 'id', needs: ['_-', DIGITS], pattern: new RegExp(`${B}[A-Za-z]+[_-]+-?\\d[\\w-]*${E}`, 'g') },
  // Anything that starts with a digit is a value, units and versions included: 42, 1.5, 16K, 80x25, v2.4.20-8.
  { name: 'number', needs: [DIGITS], pattern: new RegExp(`${B}(?:[vV]|[-+])?\\d(?:[\\w.-]*\\w)?`, 'g') },
  { name: 'boolean', needs: ['e'], pattern: new RegExp(`${B}(?:true|false)${E}`, 'g') },
  // key=value where the value carries a digit or a placeholder: keep "tty=ssh", mask "id=a1b2" and
  // "host=<*>.example.com". Applied after the others (it sees their placeholders).
  { name: 'kv', pattern: /(?<=[A-Za-z_][\w.]*=)(?=[^\s,;&"]*(?:\d|<\*>))[^\s,;&"]+/g },
];

const QUOTED = DEFAULT_MASKS.find((r) => r.name === 'quoted')!;
const KV = DEFAULT_MASKS.find((r) => r.name === 'kv')!;
const DATETIME = DEFAULT_MASKS.find((r) => r.name === 'datetime')!;

// Character classes and marks: the scan needs enough to send digits-and-punctuation tokens to the
// number rule, and to know which rules' needed characters a token holds.
const DIGIT = 1;
/** A letter or one of / = @ " ' \\: the token is more than a number. */
const WORDLIKE = 2;
const PUNCT = 4;
const SPACE = 8;
/** Then one bit for each character some rule needs (digits are DIGIT). */
const MARKED = [...new Set(DEFAULT_MASKS.flatMap((r) => r.needs ?? []).join('').replace(/[0-9]/g, ''))];
const markOf = (ch: string) => (DIGITS.includes(ch) ? DIGIT : 16 << MARKED.indexOf(ch));
function classesOf(c: number): number {
  if (c >= 128) return PUNCT;
  const ch = String.fromCharCode(c);
  const cls = c === 32 || (c >= 9 && c <= 13) ? SPACE : c >= 48 && c <= 57 ? DIGIT : /[A-Za-z]/.test(ch) || '/=@"\'\\'.includes(ch) ? WORDLIKE : PUNCT;
  return cls | (MARKED.includes(ch) ? markOf(ch) : 0);
}
const CLASS_BITS = 0xffff;
const HEX_MARKS = markOf('x') | markOf('X');
/**
 * For every UTF-16 code unit, its classes below and its shape code (token-cache.ts) above: the
 * scan takes both with one load per character, with no branch on the character's range.
 */
const SCAN = new Uint32Array(65536).map((_, c) => (shapeCode(c) << 16) | classesOf(c));

const TOKEN_RULES = DEFAULT_MASKS.filter((r) => r !== QUOTED && r !== KV && r !== DATETIME && !r.replace);
/** For each token rule, its needs as masks of class bits: each must meet the token's bits. */
const NEEDS = TOKEN_RULES.map((r) => (r.needs ?? []).map((group) => [...group].reduce((m, ch) => m | markOf(ch), 0)));
const NEED_BITS = NEEDS.flat().reduce((m, b) => m | b, 0);

const alternation = (rules: readonly MaskRule[]) => (rules.length === 0 ? undefined : new RegExp(rules.map((r) => `(?:${r.pattern.source})`).join('|'), 'g'));

// All token rules as one alternation: one regex call per token instead of one per rule. At each
// position the rules are tried in list order, which is the precedence the list states.
const combined = new WeakMap<readonly MaskRule[], RegExp | undefined>();
function combinedPattern(rules: readonly MaskRule[]): RegExp | undefined {
  if (!combined.has(rules)) combined.set(rules, alternation(rules.filter((r) => r !== QUOTED && r !== KV && r !== DATETIME && !r.replace)));
  return combined.get(rules);
}

// The default rules a token can meet, by the needed characters it holds: a rule that cannot match
// anywhere in the token is left out of its alternation, which gives the same result sooner.
const byNeeds: Array<RegExp | null | undefined> = new Array(NEED_BITS + 1).fill(undefined);
function defaultPattern(bits: number): RegExp | null {
  const key = bits & NEED_BITS;
  let re = byNeeds[key];
  if (re === undefined) {
    re = alternation(TOKEN_RULES.filter((_, i) => NEEDS[i].every((need) => (key & need) !== 0))) ?? null;
    byNeeds[key] = re;
  }
  return re;
}

/** A token that is more than digits and punctuation through the rules; `pattern` is theirs for it. */
function maskByRules(token: string, pattern: RegExp | null | undefined, kv: boolean): string {
  const out = pattern ? token.replace(pattern, PARAM) : token;
  return foldPlaceholders(kv && out.includes('=') ? out.replace(KV.pattern, PARAM) : out);
}

function tokenClasses(token: string): number {
  let bits = 0;
  for (let i = 0; i < token.length; i++) bits |= SCAN[token.charCodeAt(i)];
  return bits & CLASS_BITS;
}

/** One token (no whitespace in it) through the rule list. */
export function maskToken(token: string, rules: readonly MaskRule[] = DEFAULT_MASKS): string {
  if (rules !== DEFAULT_MASKS) return maskByRules(token, combinedPattern(rules), rules.includes(KV));
  if (NUMERIC_ONLY.test(token)) return maskNumbers(token);
  return maskByRules(token, defaultPattern(tokenClasses(token)), true);
}

/**
 * Whether a line is worth the date rule: every form it knows holds a time ("d:dd:dd") or a date
 * ("dddd-dd-dd"). Found with indexOf, which costs far less than a regex over every line.
 */
function mayHoldDate(text: string): boolean {
  for (let i = text.indexOf(':'); i >= 0; i = text.indexOf(':', i + 1)) {
    if (text.charCodeAt(i + 3) === 58 && digitsAt(text, i - 1, 1) && digitsAt(text, i + 1, 2) && digitsAt(text, i + 4, 2)) return true;
  }
  for (let i = text.indexOf('-'); i >= 0; i = text.indexOf('-', i + 1)) {
    if (text.charCodeAt(i + 3) === 45 && digitsAt(text, i - 4, 4) && digitsAt(text, i + 1, 2) && digitsAt(text, i + 4, 2)) return true;
  }
  return false;
}

/** Whether text holds `count` digits from `from` on. */
function digitsAt(text: string, from: number, count: number): boolean {
  for (let k = 0; k < count; k++) if (!isDigit(text.charCodeAt(from + k))) return false;
  return true;
}

function maskByList(token: string, classes: number, rules: readonly MaskRule[]): string {
  return rules === DEFAULT_MASKS ? maskByRules(token, defaultPattern(classes), true) : maskToken(token, rules);
}

/** Cached under a shape whose tokens' masked forms keep some of their digits: look each up exactly. */
const DIGITS_KEPT = 'digits kept'; // holds a space, so no masked token is ever this

/** Whether text[start, end) holds "0x" or "0X", where the hex rule reads a digit by its value. */
function holdsHexPrefix(text: string, start: number, end: number): boolean {
  for (let i = text.indexOf('0', start); i >= 0 && i < end - 1; i = text.indexOf('0', i + 1)) {
    const next = text.charCodeAt(i + 1);
    if (next === 120 || next === 88) return true;
  }
  return false;
}

function holdsDigit(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (isDigit(s.charCodeAt(i))) return true;
  return false;
}

/**
 * The masked form of text[start, end), through the cache; `shapeHash` is its hash as a shape.
 *
 * The default rules test digits only as a class, except for the 0 of "0x": tokens without "0x"
 * that differ only in which digits they hold are masked at the same places. When the masked form
 * keeps no digit it is the same for all of them, and one entry under the shape serves every such
 * token (ids and addresses that are each met once); when it keeps some ("ssh2", "jk2_init()"), the
 * shape says so and each token is cached exactly. Other rule lists promise nothing of the kind, so
 * their tokens with digits are cached exactly.
 */
function cachedMask(text: string, start: number, end: number, shapeHash: number, classes: number, rules: readonly MaskRule[], cache: TokenCache): string {
  const digits = (classes & DIGIT) !== 0;
  const hexPrefix = digits && (classes & HEX_MARKS) !== 0 && holdsHexPrefix(text, start, end);
  const byShape = !digits || (rules === DEFAULT_MASKS && !hexPrefix);
  let out = byShape ? cache.get(text, start, end, shapeHash, true, digits) : undefined;
  let exactHash: number | undefined;
  if (out === DIGITS_KEPT || !byShape) {
    exactHash = hashRange(text, start, end);
    out = cache.get(text, start, end, exactHash, false);
  }
  if (out !== undefined) return out;
  const token = text.slice(start, end);
  out = maskByList(token, classes, rules);
  if (end - start <= MAX_TOKEN_CHARS) {
    // A cached form outlives its line: a token left as it was is copied out of it (detach.ts).
    if (out === token) out = detach(token);
    if (exactHash === undefined && digits && holdsDigit(out)) {
      cache.set(text, start, end, shapeHash, true, DIGITS_KEPT);
      exactHash = hashRange(text, start, end);
    }
    if (exactHash === undefined) cache.set(text, start, end, shapeHash, true, out);
    else cache.set(text, start, end, exactHash, false, out);
  }
  return out;
}

/**
 * The masked whitespace-separated tokens of a line, in one pass over its characters.
 *
 * Tokens of digits and punctuation take the number rule alone (they rarely repeat, and are never
 * cached); any other token is looked up in the cache, if one is given, by the hash of its shape
 * taken in the same pass, and masked by the rules only the first time its shape (or, where digits
 * stay, the token) is met.
 */
export function maskTokens(line: string, rules: readonly MaskRule[] = DEFAULT_MASKS, cache?: TokenCache): string[] {
  const byDefault = rules === DEFAULT_MASKS;
  // Quoted strings may hold spaces: applied to the whole line.
  let text = (byDefault || rules.includes(QUOTED)) && line.includes('"') ? line.replace(QUOTED.pattern, QUOTED.replace ?? PARAM) : line;
  // Dates may hold spaces too.
  if ((byDefault || rules.includes(DATETIME)) && mayHoldDate(text)) text = text.replace(DATETIME.pattern, PARAM);
  const tokens: string[] = [];
  const n = text.length;
  for (let i = 0; i < n; ) {
    let k = SCAN[text.charCodeAt(i)];
    if (k & SPACE) {
      i++;
      continue;
    }
    const start = i;
    let shapeHash = HASH_SEED;
    let classes = 0;
    for (;;) {
      shapeHash = hashStep(shapeHash, k >>> 16);
      classes |= k;
      if (++i === n) break;
      k = SCAN[text.charCodeAt(i)];
      if (k & SPACE) break;
    }
    classes &= CLASS_BITS;
    if (byDefault && (classes & (DIGIT | WORDLIKE)) === DIGIT) {
      tokens.push((classes & (DIGIT | WORDLIKE | PUNCT)) === DIGIT ? PARAM : maskNumberRange(text, start, i));
    } else {
      tokens.push(cache ? cachedMask(text, start, i, shapeHash, classes, rules, cache) : maskByList(text.slice(start, i), classes, rules));
    }
  }
  return tokens;
}

/** Replaces every variable span by the placeholder (whitespace collapsed to single spaces). */
export function maskLine(line: string, rules: readonly MaskRule[] = DEFAULT_MASKS): string {
  return maskTokens(line, rules).join(' ');
}
