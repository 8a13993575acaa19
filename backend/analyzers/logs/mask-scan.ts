// The default mask rules (mask.ts) for one token, as a hand-written scan instead of their regex.
//
// Why by hand: the rules as one alternation cost about a microsecond a token, because every rule
// is tried at every position behind its own lookbehind; tokens with letters and digits (ids,
// hashes, addresses with ports) are a sixth of all tokens, and the regex was most of the miner's
// time. The scan tries at a position only the rules whose first character and boundary fit, and
// each rule is a straight walk over characters.
//
// The regexes stay the definition: tests hold this scan to them on every Loghub token and on a
// few hundred thousand generated ones, so a rule changed in mask.ts must be changed here too.

import { foldPlaceholders, PARAM } from './placeholder';

const isDigit = (c: number) => c >= 48 && c <= 57;
const isLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isWord = (c: number) => isDigit(c) || isLetter(c) || c === 95;
const isHex = (c: number) => isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
// charCodeAt past either end is NaN, which no class admits: the walks need no length checks.

/** The E boundary: the end, or a character that is not a word character. */
const endsAt = (s: string, i: number) => !isWord(s.charCodeAt(i));

/**
 * Whitespace as the regexes' \s sees it. Tokens are split at ASCII whitespace only, so a token may
 * still hold a no-break space or another Unicode space, which the url and kv values stop at.
 */
function isSpace(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32 || (c >= 0xa0 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff));
}

/** Characters the url value stops at: the end, whitespace, quotes, brackets, angle brackets. */
function endsUrl(c: number): boolean {
  return c !== c || isSpace(c) || c === 34 || c === 39 || c === 60 || c === 62 || c === 40 || c === 41 || c === 91 || c === 93 || c === 123 || c === 125;
}

/** End of a run of hex characters from i. */
function hexRun(s: string, i: number): number {
  while (isHex(s.charCodeAt(i))) i++;
  return i;
}

/** `count` hex characters exactly from i (the next may be anything), else -1. */
function hexExactly(s: string, i: number, count: number): number {
  for (let k = 0; k < count; k++) if (!isHex(s.charCodeAt(i + k))) return -1;
  return i + count;
}

// Each rule below returns where its match from p ends, or -1; p is known to be at a boundary
// (not after a word character).

function uuid(s: string, p: number): number {
  let i = p;
  for (const len of [8, 4, 4, 4]) {
    i = hexExactly(s, i, len);
    if (i < 0 || s.charCodeAt(i) !== 45) return -1;
    i++;
  }
  i = hexExactly(s, i, 12);
  return i >= 0 && endsAt(s, i) ? i : -1;
}

/** After "scheme://". */
function url(s: string, p: number): number {
  if (p < 4 || s.charCodeAt(p - 1) !== 47 || s.charCodeAt(p - 2) !== 47 || s.charCodeAt(p - 3) !== 58) return -1;
  // Some start k of the scheme: a letter at a \b, followed by [A-Za-z0-9+.-] up to the colon.
  let schemeOk = false;
  for (let k = p - 4; k >= 0; k--) {
    const c = s.charCodeAt(k);
    if (!(isLetter(c) || isDigit(c) || c === 43 || c === 46 || c === 45)) break;
    if (isLetter(c) && (k === 0 || !isWord(s.charCodeAt(k - 1)))) schemeOk = true;
  }
  if (!schemeOk || endsUrl(s.charCodeAt(p))) return -1;
  let i = p + 1;
  while (!endsUrl(s.charCodeAt(i))) i++;
  return i;
}

function ipv6(s: string, p: number): number {
  let i = p;
  for (let g = 0; g < 7; g++) {
    const end = hexRun(s, i);
    if (end === i || end - i > 4 || s.charCodeAt(end) !== 58) return -1;
    i = end + 1;
  }
  const end = hexRun(s, i);
  return end > i && end - i <= 4 && endsAt(s, end) ? end : -1;
}

/** Its own lookbehind: not after a word character, '.', ':' or '/'. */
function ipv4(s: string, p: number): number {
  const before = s.charCodeAt(p - 1);
  if (before === 46 || before === 58 || before === 47) return -1;
  let i = s.charCodeAt(p) === 47 ? p + 1 : p;
  for (let g = 0; g < 4; g++) {
    if (g > 0) {
      if (s.charCodeAt(i) !== 46) return -1;
      i++;
    }
    const start = i;
    while (isDigit(s.charCodeAt(i)) && i - start < 3) i++;
    if (i === start) return -1;
  }
  return endsAt(s, i) ? i : -1;
}

function mac(s: string, p: number): number {
  let i = hexExactly(s, p, 2);
  for (let g = 0; g < 5 && i >= 0; g++) i = s.charCodeAt(i) === 58 ? hexExactly(s, i + 1, 2) : -1;
  return i >= 0 && endsAt(s, i) ? i : -1;
}

const isPathChar = (c: number) => isWord(c) || c === 46 || c === 64 || c === 126 || c === 43 || c === 45;

/** Its own lookbehind: not after a word character, '.', ':' or '/'. */
function path(s: string, p: number): number {
  const before = s.charCodeAt(p - 1);
  if (before === 46 || before === 58 || before === 47) return -1;
  let i = p;
  let segments = 0;
  while (s.charCodeAt(i) === 47 && isPathChar(s.charCodeAt(i + 1))) {
    i += 2;
    while (isPathChar(s.charCodeAt(i))) i++;
    segments++;
  }
  if (segments < 2) return -1;
  return s.charCodeAt(i) === 47 ? i + 1 : i;
}

function hex(s: string, p: number): number {
  if (s.charCodeAt(p) !== 48 || (s.charCodeAt(p + 1) | 32) !== 120) return -1;
  const end = hexRun(s, p + 2);
  return end > p + 2 && endsAt(s, end) ? end : -1;
}

function hexid(s: string, p: number): number {
  let digit = false;
  let letter = false;
  let i = p;
  for (let c = s.charCodeAt(i); isHex(c); c = s.charCodeAt(++i)) {
    if (isDigit(c)) digit = true;
    else letter = true;
  }
  return digit && letter && i - p >= 8 && endsAt(s, i) ? i : -1;
}

const UNITS = ['ns', 'us', 'µs', 'ms', 's', 'm', 'h', 'd'];

function duration(s: string, p: number): number {
  let i = p;
  while (isDigit(s.charCodeAt(i))) i++;
  if (s.charCodeAt(i) === 46 && isDigit(s.charCodeAt(i + 1))) {
    i += 2;
    while (isDigit(s.charCodeAt(i))) i++;
  }
  for (const unit of UNITS) {
    if (s.startsWith(unit, i) && endsAt(s, i + unit.length)) return i + unit.length;
  }
  return -1;
}

/** A prefix glued to a number: letters, then '_' or '-', then a digit, then word characters and '-'. */
function id(s: string, p: number): number {
  let i = p;
  while (isLetter(s.charCodeAt(i))) i++;
  const letters = i;
  while (s.charCodeAt(i) === 95 || s.charCodeAt(i) === 45) i++;
  if (i === letters || !isDigit(s.charCodeAt(i))) return -1;
  for (let c = s.charCodeAt(++i); isWord(c) || c === 45; c = s.charCodeAt(++i));
  return i;
}

/** A digit (after an optional v, V, + or -), then [\w.-]* ending on a word character. */
function number(s: string, p: number): number {
  const c = s.charCodeAt(p);
  const first = isDigit(c) ? p : (c === 118 || c === 86 || c === 43 || c === 45) && isDigit(s.charCodeAt(p + 1)) ? p + 1 : -1;
  if (first < 0) return -1;
  let end = first + 1;
  for (let i = end, d = s.charCodeAt(i); isWord(d) || d === 46 || d === 45; d = s.charCodeAt(++i)) {
    if (d !== 46 && d !== 45) end = i + 1;
  }
  return end;
}

function boolean(s: string, p: number): number {
  const end = s.startsWith('true', p) ? p + 4 : s.startsWith('false', p) ? p + 5 : -1;
  return end > 0 && endsAt(s, end) ? end : -1;
}

/** The first rule, in the list's order, that matches at p: where its match ends, or -1. */
function matchAt(s: string, p: number): number {
  // Every rule needs a boundary before it, url included (it follows a '/').
  if (p > 0 && isWord(s.charCodeAt(p - 1))) return -1;
  const c = s.charCodeAt(p);
  const h = isHex(c);
  const d = isDigit(c);
  let end = h ? uuid(s, p) : -1;
  if (end < 0) end = url(s, p);
  if (end < 0 && h) end = ipv6(s, p);
  if (end < 0 && (d || c === 47)) end = ipv4(s, p);
  if (end < 0 && h) end = mac(s, p);
  if (end < 0 && c === 47) end = path(s, p);
  if (end < 0 && c === 48) end = hex(s, p);
  if (end < 0 && h) end = hexid(s, p);
  if (end < 0 && d) end = duration(s, p);
  if (end < 0 && isLetter(c)) end = id(s, p);
  if (end < 0) end = number(s, p);
  if (end < 0 && (c === 116 || c === 102)) end = boolean(s, p);
  return end;
}

/** key=value values carrying a digit or a placeholder (the kv rule), in the rules' output. */
function maskValues(s: string): string {
  let out = '';
  let copied = 0;
  for (let eq = s.indexOf('='); eq >= 0; eq = s.indexOf('=', eq + 1)) {
    const p = eq + 1;
    if (p < copied) continue;
    // A key before '=': a run of [\w.] holding a letter or '_'.
    let key = false;
    for (let k = eq - 1, c = s.charCodeAt(k); isWord(c) || c === 46; c = s.charCodeAt(--k)) {
      if (isLetter(c) || c === 95) key = true;
    }
    if (!key) continue;
    let end = p;
    let variable = false;
    for (let c = s.charCodeAt(end); c === c && !isSpace(c) && c !== 44 && c !== 59 && c !== 38 && c !== 34; c = s.charCodeAt(++end)) {
      if (isDigit(c) || (c === 60 && s.startsWith(PARAM, end))) variable = true;
    }
    if (!variable || end === p) continue;
    out += s.slice(copied, p) + PARAM;
    copied = end;
    eq = end - 1;
  }
  return copied === 0 ? s : out + s.slice(copied);
}

/**
 * The number rule for tokens of digits and punctuation, as a scan rather than a regex: the same
 * spans as /(?<![0-9_])[-+]?\d(?:[\d_.-]*[\d_])?/g (a sign, a digit, then digits, '_', '.' and '-'
 * ending on a digit or '_'), replaced by the placeholder. mask.ts's NUMBERS.
 */
export function maskNumbers(token: string): string {
  const n = token.length;
  let out = '';
  let copied = 0;
  for (let i = 0; i < n; ) {
    const c = token.charCodeAt(i);
    const prev = i > 0 ? token.charCodeAt(i - 1) : 32;
    const signed = (c === 45 || c === 43) && i + 1 < n && isDigit(token.charCodeAt(i + 1));
    if ((!isDigit(c) && !signed) || isDigit(prev) || prev === 95) {
      i++;
      continue;
    }
    let j = signed ? i + 2 : i + 1;
    let end = j;
    while (j < n) {
      const d = token.charCodeAt(j);
      if (isDigit(d) || d === 95) end = ++j;
      else if (d === 46 || d === 45) j++;
      else break;
    }
    out += token.slice(copied, i) + PARAM;
    copied = i = end;
  }
  return foldPlaceholders(copied === 0 ? token : out + token.slice(copied));
}

/** Letters or one of / = @ " ' \\: what makes a token more than digits and punctuation. */
function numericOnly(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isLetter(c) || c === 47 || c === 61 || c === 64 || c === 34 || c === 39 || c === 92) return false;
  }
  return true;
}

/** What the default rules make of one token (no ASCII whitespace in it). */
export function maskTokenByScan(token: string): string {
  if (numericOnly(token)) return maskNumbers(token);
  let out = '';
  let copied = 0;
  for (let p = 0; p < token.length; ) {
    const end = matchAt(token, p);
    if (end < 0) {
      p++;
      continue;
    }
    out += token.slice(copied, p) + PARAM;
    copied = p = end;
  }
  if (copied > 0) out += token.slice(copied);
  else out = token;
  return foldPlaceholders(out.includes('=') ? maskValues(out) : out);
}
