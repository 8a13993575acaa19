// Variable masking: spans that are values rather than words (numbers, IPs, UUIDs, hex ids,
// paths, durations, quoted strings, key=value values) become the placeholder before the line
// is tokenised, so lines of one event share tokens even on their first occurrence.
//
// One ordered list of general rules for every log source: the order matters (a UUID is hex, an IP
// is four numbers), and each rule only fires at token-like boundaries so words such as
// "jk2_init()" or "HTTP/1.1"'s neighbours keep their letters.

export const PARAM = '<*>';

export interface MaskRule {
  name: string;
  pattern: RegExp;
  /** Replacement; defaults to the placeholder. */
  replace?: string;
  /** What a token must contain for the rule to be tried: a digit, or one of these strings. */
  needs?: 'digit' | string[];
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
    needs: [':'],
  },
  { name: 'uuid', pattern: new RegExp(`${B}[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}${E}`, 'g'), needs: 'digit' },
  // The scheme is structure ("hdfs://…" and "spark://…" are different events); the rest is the value.
  { name: 'url', pattern: /(?<=\b[A-Za-z][A-Za-z0-9+.-]*:\/\/)[^\s"'<>()[\]{}]+/g, needs: ['://'] },
  { name: 'ipv6', pattern: new RegExp(`${B}(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}${E}`, 'g'), needs: ['::', ':'] },
  // A leading slash is Java's InetAddress.toString(): "/10.0.0.1".
  { name: 'ipv4', pattern: new RegExp(`(?<![A-Za-z0-9_.:/])/?\\d{1,3}(?:\\.\\d{1,3}){3}${E}`, 'g'), needs: 'digit' },
  { name: 'mac', pattern: new RegExp(`${B}[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5}${E}`, 'g'), needs: [':'] },
  // Absolute paths of two or more segments (one segment is too often a word: "/health", "and/or").
  { name: 'path', pattern: /(?<![\w.:/])(?:\/[\w.@~+-]+){2,}\/?/g, needs: ['/'] },
  { name: 'hex', pattern: new RegExp(`${B}0[xX][0-9a-fA-F]+${E}`, 'g'), needs: 'digit' },
  // Long hex ids (trace ids, hashes, container ids): letters and digits mixed, 8 characters or more.
  { name: 'hexid', pattern: new RegExp(`${B}(?=[0-9a-fA-F]*[0-9])(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{8,}${E}`, 'g'), needs: 'digit' },
  { name: 'duration', pattern: new RegExp(`${B}\\d+(?:\\.\\d+)?(?:ns|us|µs|ms|s|m|h|d)${E}`, 'g'), needs: 'digit' },
  { name: 'quoted', pattern: /"(?:[^"\\\n]|\\.){0,512}"/g, replace: `"${PARAM}"` },
  // Identifiers that are a prefix glued to a number (blk_-123, job_2017_0001, core.1234).
  { name: 'id', pattern: new RegExp(`${B}[A-Za-z]+[_-]+-?\\d[\\w-]*${E}`, 'g'), needs: 'digit' },
  // Anything that starts with a digit is a value, units and versions included: 42, 1.5, 16K, 80x25, v2.4.20-8.
  { name: 'number', pattern: new RegExp(`${B}(?:[vV]|[-+])?\\d(?:[\\w.-]*\\w)?`, 'g'), needs: 'digit' },
  { name: 'boolean', pattern: new RegExp(`${B}(?:true|false)${E}`, 'g'), needs: ['true', 'false'] },
  // key=value where the value carries a digit or a placeholder: keep "tty=ssh", mask "id=a1b2" and
  // "host=<*>.example.com". Applied after the others (it sees their placeholders).
  { name: 'kv', pattern: /(?<=[A-Za-z_][\w.]*=)(?=[^\s,;&"]*(?:\d|<\*>))[^\s,;&"]+/g, needs: ['='] },
];

const GLUED_RUN = /(?:<\*>){2,}/g;
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
// variables; for them the number rule alone gives what the whole list would.
const NUMERIC_ONLY = /^[^A-Za-z/=@"'\\]*$/;
const NUMBERS = /(?<![0-9_])[-+]?\d(?:[\d_.-]*[\d_])?/g;

// Tokens repeat (the same host, pid, path, status): a caller may keep their masked forms in a memo,
// which is emptied when full so it never grows past MEMO_SIZE entries.
export const MEMO_SIZE = 65_536;

function maskToken(token: string, rules: readonly MaskRule[], memo?: Map<string, string>): string {
  if (!memo) return maskTokenUncached(token, rules);
  let out = memo.get(token);
  if (out === undefined) {
    out = maskTokenUncached(token, rules);
    if (memo.size >= MEMO_SIZE) memo.clear();
    memo.set(token, out);
  }
  return out;
}

function maskTokenUncached(token: string, rules: readonly MaskRule[]): string {
  if (rules === DEFAULT_MASKS && NUMERIC_ONLY.test(token)) {
    const out = token.replace(NUMBERS, PARAM);
    return out.length > 6 && out.includes('<*><*>') ? out.replace(GLUED_RUN, PARAM) : out;
  }
  let out = token.replace(combinedPattern(rules), PARAM);
  if (rules.includes(KV) && out.includes('=')) out = out.replace(KV.pattern, PARAM);
  // Placeholders side by side are one value ("<*><*>" from a path glued to an id).
  return out.length > 6 && out.includes('<*><*>') ? out.replace(GLUED_RUN, PARAM) : out;
}

/**
 * The masked whitespace-separated tokens of a line. Only tokens that can hold a variable (a digit,
 * a slash, "=", ":", a boolean) go through the rules, so plain words cost one scan: this, not the
 * tree, is where most of the miner's time goes.
 */
export function maskTokens(line: string, rules: readonly MaskRule[] = DEFAULT_MASKS, memo?: Map<string, string>): string[] {
  // Quoted strings may hold spaces: applied to the whole line.
  let text = rules.includes(QUOTED) && line.includes('"') ? line.replace(QUOTED.pattern, QUOTED.replace ?? PARAM) : line;
  // Dates may hold spaces too.
  if (rules.includes(DATETIME) && text.includes(':')) text = text.replace(DATETIME.pattern, PARAM);
  const tokens: string[] = [];
  let start = -1;
  // Whether the current token holds a digit, '/', '=', ':' or a t/f that may start a boolean:
  // noted in the same pass that finds the token, so plain words are scanned once.
  let mayVary = false;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    if (c === 32 || (c >= 9 && c <= 13)) {
      if (start >= 0) {
        const token = text.slice(start, i);
        tokens.push(mayVary ? maskToken(token, rules, memo) : token);
        start = -1;
        mayVary = false;
      }
    } else {
      if (start < 0) start = i;
      if ((c >= 47 && c <= 58) || c === 61 || c === 116 || c === 102) mayVary = true;
    }
  }
  return tokens;
}

/** Replaces every variable span by the placeholder (whitespace collapsed to single spaces). */
export function maskLine(line: string, rules: readonly MaskRule[] = DEFAULT_MASKS): string {
  return maskTokens(line, rules).join(' ');
}
