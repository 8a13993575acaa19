// Masking of tokens of digits and punctuation only ("42", "10.0.0.1:80", "12:30:01,", "(-5)"), the
// most common variables. For them the number rule alone, without its letter prefixes, gives what
// the whole rule list would, and keeps the digits of "x_5"-like fragments apart.
//
// The rule exists twice on purpose: as a regex (NUMBERS), which states it, and as a scan
// (maskNumberRange), which the line tokenizer runs. Tests hold the scan to the regex.

import { foldPlaceholders, PARAM } from './placeholder';

/** A token that is digits and punctuation only: none of the characters that make it more than a number. */
export const NUMERIC_ONLY = /^[^A-Za-z/=@"'\\]*$/;
const NUMBERS = /(?<![0-9_])[-+]?\d(?:[\d_.-]*[\d_])?/g;

export const isDigit = (c: number) => c >= 48 && c <= 57;
const isNumberTail = (c: number) => isDigit(c) || c === 95 || c === 46 || c === 45;

/** Masks the digits of a token of digits and punctuation only. */
export function maskNumbers(token: string): string {
  return foldPlaceholders(token.replace(NUMBERS, PARAM));
}

/**
 * maskNumbers on text[start, end), without slicing it out or calling the regex: the NUMBERS rule
 * read as a scan. Written by hand because these tokens rarely repeat, so each costs a regex
 * replace otherwise, the largest cost left per token.
 */
export function maskNumberRange(text: string, start: number, end: number): string {
  let out = '';
  let copied = start;
  for (let i = start; i < end; ) {
    const c = text.charCodeAt(i);
    // A match starts at a digit, or at a sign before one, where the character before (within the
    // token) is not a digit or an underscore.
    const digitAt = isDigit(c) ? i : (c === 45 || c === 43) && i + 1 < end && isDigit(text.charCodeAt(i + 1)) ? i + 1 : -1;
    if (digitAt < 0 || (i > start && (isDigit(text.charCodeAt(i - 1)) || text.charCodeAt(i - 1) === 95))) {
      i++;
      continue;
    }
    // Then digits, underscores, dots and hyphens, ending at the last digit or underscore.
    let matchEnd = digitAt + 1;
    for (let j = matchEnd; j < end && isNumberTail(text.charCodeAt(j)); j++) {
      const d = text.charCodeAt(j);
      if (d !== 46 && d !== 45) matchEnd = j + 1;
    }
    out += text.slice(copied, i) + PARAM;
    copied = i = matchEnd;
  }
  return foldPlaceholders(copied === start ? text.slice(start, end) : out + text.slice(copied, end));
}
