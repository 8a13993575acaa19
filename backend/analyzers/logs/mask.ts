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
// token, and tokens of digits and punctuation take the number rule alone.

import { detach } from './detach';
import { HASH_SEED, hashStep, MAX_TOKEN_CHARS, type TokenCache } from './token-cache';

export const PARAM = '<*>';

export interface MaskRule {
  name: string;
  pattern: RegExp;
  /** Replacement; defaults to the placeholder. */
  replace?: string;
}

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
  { name: 'uuid', pattern: new RegExp(`${B}[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}${E}`, 'g') },
  // The scheme is structure ("hdfs://…" and "spark://…" are different events); the rest is the value.
  { name: 'url', pattern: /(?<=\b[A-Za-z][A-Za-z0-9+.-]*:\/\/)[^\s"'<>()[\]{}]+/g },
  { name: 'ipv6', pattern: new RegExp(`${B}(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}${E}`, 'g') },
  // A leading slash is Java's InetAddress.toString(): "/10.0.0.1".
  { name: 'ipv4', pattern: new RegExp(`(?<![A-Za-z0-9_.:/])/?\\d{1,3}(?:\\.\\d{1,3}){3}${E}`, 'g') },
  { name: 'mac', pattern: new RegExp(`${B}[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5}${E}`, 'g') },
  // Absolute paths of two or more segments (one segment is too often a word: "/health", "and/or").
  { name: 'path', pattern: /(?<![\w.:/])(?:\/[\w.@~+-]+){2,}\/?/g },
  { name: 'hex', pattern: new RegExp(`${B}0[xX][0-9a-fA-F]+${E}`, 'g') },
  // Long hex ids (trace ids, hashes, container ids): letters and digits mixed, 8 characters or more.
  { name: 'hexid', pattern: new RegExp(`${B}(?=[0-9a-fA-F]*[0-9])(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{8,}${E}`, 'g') },
  { name: 'duration', pattern: new RegExp(`${B}\\d+(?:\\.\\d+)?(?:ns|us|µs|ms|s|m|h|d)${E}`, 'g') },
  { name: 'quoted', pattern: /"(?:[^"\\\n]|\\.){0,512}"/g, replace: `"${PARAM}"` },
  // Identifiers that are a prefix glued to a number (blk_-123, job_2017_0001, core.1234).
  { name: 'id', pattern: new RegExp(`${B}[A-Za-z]+[_-]+-?\\d[\\w-]*${E}`, 'g') },
  // Anything that starts with a digit is a value, units and versions included: 42, 1.5, 16K, 80x25, v2.4.20-8.
  { name: 'number', pattern: new RegExp(`${B}(?:[vV]|[-+])?\\d(?:[\\w.-]*\\w)?`, 'g') },
  { name: 'boolean', pattern: new RegExp(`${B}(?:true|false)${E}`, 'g') },
  // key=value where the value carries a digit or a placeholder: keep "tty=ssh", mask "id=a1b2" and
  // "host=<*>.example.com". Applied after the others (it sees their placeholders).
  { name: 'kv', pattern: /(?<=[A-Za-z_][\w.]*=)(?=[^\s,;&"]*(?:\d|<\*>))[^\s,;&"]+/g },
];

const QUOTED = DEFAULT_MASKS.find((r) => r.name === 'quoted')!;
const KV = DEFAULT_MASKS.find((r) => r.name === 'kv')!;
const DATETIME = DEFAULT_MASKS.find((r) => r.name === 'datetime')!;

// All token rules as one alternation: one regex call per token instead of one per rule. At each
// position the rules are tried in list order, which is the precedence the list states.
const combined = new WeakMap<readonly MaskRule[], RegExp>();
function combinedPattern(rules: readonly MaskRule[]): RegExp {
  let re = combined.get(rules);
  if (!re) {
    re = new RegExp(rules.filter((r) => r !== QUOTED && r !== KV && r !== DATETIME && !r.replace).map((r) => `(?:${r.pattern.source})`).join('|'), 'g');
    combined.set(rules, re);
  }
  return re;
}

// Tokens of digits and punctuation only ("42", "10.0.0.1:80", "12:30:01,", "(-5)") are the most common
// variables; for them the number rule alone, without its letter prefixes, gives what the whole list
// would, and keeps the digits of "x_5"-like fragments apart.
const NUMERIC_ONLY = /^[^A-Za-z/=@"'\\]*$/;
const NUMBERS = /(?<![0-9_])[-+]?\d(?:[\d_.-]*[\d_])?/g;

const GLUED_RUN = /(?:<\*>){2,}/g;

/** Placeholders side by side are one value ("<*><*>" from a path glued to an id). */
function foldPlaceholders(masked: string): string {
  return masked.length > 6 && masked.includes('<*><*>') ? masked.replace(GLUED_RUN, PARAM) : masked;
}

/** Masks the digits of a token of digits and punctuation only. */
function maskNumbers(token: string): string {
  return foldPlaceholders(token.replace(NUMBERS, PARAM));
}

/** One token (no whitespace in it) through the rule list. */
export function maskToken(token: string, rules: readonly MaskRule[] = DEFAULT_MASKS): string {
  if (rules === DEFAULT_MASKS && NUMERIC_ONLY.test(token)) return maskNumbers(token);
  const out = token.replace(combinedPattern(rules), PARAM);
  return foldPlaceholders(rules.includes(KV) && out.includes('=') ? out.replace(KV.pattern, PARAM) : out);
}

// Character classes, one lookup per character: the scan needs only enough to send digits-and-
// punctuation tokens to the number rule and the rest to the cache.
const DIGIT = 1;
/** A letter or one of / = @ " ' \\: the token is more than a number. */
const WORDLIKE = 2;
const PUNCT = 4;
const SPACE = 8;
const CLASSES = new Uint8Array(128).map((_, c) =>
  c === 32 || (c >= 9 && c <= 13) ? SPACE : c >= 48 && c <= 57 ? DIGIT : (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || '/=@"\'\\'.includes(String.fromCharCode(c)) ? WORDLIKE : PUNCT,
);

const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * Whether a line is worth the date rule: every form it knows holds a time ("d:dd:dd") or a date
 * ("dddd-dd-dd"). Found with indexOf, which costs far less than a regex over every line.
 */
function mayHoldDate(text: string): boolean {
  const digits = (from: number, count: number) => {
    for (let k = 0; k < count; k++) if (!isDigit(text.charCodeAt(from + k))) return false;
    return true;
  };
  for (let i = text.indexOf(':'); i >= 0; i = text.indexOf(':', i + 1)) {
    if (digits(i - 1, 1) && digits(i + 1, 2) && text.charCodeAt(i + 3) === 58 && digits(i + 4, 2)) return true;
  }
  for (let i = text.indexOf('-'); i >= 0; i = text.indexOf('-', i + 1)) {
    if (digits(i - 4, 4) && digits(i + 1, 2) && text.charCodeAt(i + 3) === 45 && digits(i + 4, 2)) return true;
  }
  return false;
}

/**
 * The masked whitespace-separated tokens of a line, in one pass over its characters.
 *
 * Tokens of digits and punctuation take the number rule alone (they rarely repeat, and are never
 * cached); any other token is looked up in the cache, if one is given, by the hash taken in the same
 * pass, and masked by the rules only the first time it is met.
 */
export function maskTokens(line: string, rules: readonly MaskRule[] = DEFAULT_MASKS, cache?: TokenCache): string[] {
  // Quoted strings may hold spaces: applied to the whole line.
  let text = rules.includes(QUOTED) && line.includes('"') ? line.replace(QUOTED.pattern, QUOTED.replace ?? PARAM) : line;
  // Dates may hold spaces too.
  if (rules.includes(DATETIME) && mayHoldDate(text)) text = text.replace(DATETIME.pattern, PARAM);
  const byDefault = rules === DEFAULT_MASKS;
  const tokens: string[] = [];
  const n = text.length;
  let start = -1;
  let hash = 0;
  let classes = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 32;
    const k = c < 128 ? CLASSES[c] : PUNCT;
    if (k !== SPACE) {
      if (start < 0) {
        start = i;
        hash = HASH_SEED;
        classes = 0;
      }
      hash = hashStep(hash, c);
      classes |= k;
    } else if (start >= 0) {
      if (byDefault && (classes & (DIGIT | WORDLIKE)) === DIGIT) {
        tokens.push(classes === DIGIT ? PARAM : maskNumbers(text.slice(start, i)));
      } else {
        let out = cache?.get(text, start, i, hash);
        if (out === undefined) {
          // A cached token outlives its line: copied out of it (detach.ts).
          const token = cache && i - start <= MAX_TOKEN_CHARS ? detach(text.slice(start, i)) : text.slice(start, i);
          out = maskToken(token, rules);
          cache?.set(token, hash, out);
        }
        tokens.push(out);
      }
      start = -1;
    }
  }
  return tokens;
}

/** Replaces every variable span by the placeholder (whitespace collapsed to single spaces). */
export function maskLine(line: string, rules: readonly MaskRule[] = DEFAULT_MASKS): string {
  return maskTokens(line, rules).join(' ');
}
