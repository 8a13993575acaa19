// What of a log line the miner sees. Structured lines, JSON or logfmt, are mined on their message
// and their other fields as key=value (so {"msg":"charge failed","reason":"timeout"} and the same
// with "declined" stay apart only by a value); fields that identify a line rather than an event
// (time, trace and span ids) and the level (counted separately) are left out. Other lines are
// mined as they are.
//
// logfmt needs this as much as JSON: its message is a quoted value, which the mask rules would
// otherwise take for a variable, and every logfmt line of one level would share one template.

import { parseJsonObject } from './severity';

const MESSAGE_KEYS = ['msg', 'message', 'log', 'event', 'body'];
const SKIPPED_KEYS = new Set(['ts', 'time', 'timestamp', '@timestamp', 'level', 'lvl', 'severity', 'trace_id', 'traceid', 'traceId', 'span_id', 'spanid', 'spanId']);
const MAY_BE_LOGFMT = /(?:^|\s)(?:msg|message|log|event|body)=/;

/** Makes a line safe to mine: invalid UTF-8 was already replaced by the decoder; control bytes become spaces. */
export function cleanLine(line: string): string {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000b-\u001f\u007f]/.test(line) ? line.replace(/[\u0000-\u0008\u000b-\u001f\u007f]+/g, ' ') : line;
}

const isKeyChar = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45 || c === 64 || c === 47;
const isSpace = (c: number) => c === 32 || c === 9;

/**
 * A logfmt line's fields, or undefined if the line is not logfmt throughout: every item is
 * key=value, the value bare or double-quoted with backslash escapes. Strict on purpose, so prose
 * with an "=" in it stays prose.
 */
export function parseLogfmt(line: string): Record<string, string> | undefined {
  const fields: Record<string, string> = {};
  const n = line.length;
  let count = 0;
  for (let i = 0; ; ) {
    while (i < n && isSpace(line.charCodeAt(i))) i++;
    if (i >= n) break;
    const keyStart = i;
    while (i < n && isKeyChar(line.charCodeAt(i))) i++;
    if (i === keyStart || line.charCodeAt(i) !== 61) return undefined;
    const key = line.slice(keyStart, i++);
    let value = '';
    if (line.charCodeAt(i) === 34) {
      let from = ++i;
      for (;;) {
        if (i >= n) return undefined;
        const c = line.charCodeAt(i);
        if (c === 34) break;
        if (c === 92 && i + 1 < n) {
          const next = line[i + 1];
          value += line.slice(from, i) + (next === 'n' ? '\n' : next === 't' ? '\t' : next);
          from = i += 2;
        } else i++;
      }
      value += line.slice(from, i++);
    } else {
      const from = i;
      while (i < n && !isSpace(line.charCodeAt(i))) i++;
      value = line.slice(from, i);
    }
    if (i < n && !isSpace(line.charCodeAt(i))) return undefined;
    fields[key] = value;
    count++;
  }
  return count > 0 ? fields : undefined;
}

/** The mined text of a line; `json` is its parsed object when the caller has it already. */
export function minedContent(line: string, json = parseJsonObject(line)): string {
  const fields = json ?? (MAY_BE_LOGFMT.test(line) ? parseLogfmt(line) : undefined);
  if (!fields) return cleanLine(line);
  let message = '';
  const rest: string[] = [];
  for (const [k, v] of Object.entries(fields)) {
    if (SKIPPED_KEYS.has(k)) continue;
    if (!message && MESSAGE_KEYS.includes(k) && typeof v === 'string') {
      message = v;
      continue;
    }
    rest.push(`${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  }
  return cleanLine(message ? (rest.length ? `${message} ${rest.join(' ')}` : message) : rest.join(' '));
}
