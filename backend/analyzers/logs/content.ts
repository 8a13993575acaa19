// What of a log line the miner sees. JSON lines are mined on their message and their other
// fields as key=value (so {"msg":"charge failed","reason":"timeout"} and the same with "declined"
// stay apart only by a value); fields that identify a line rather than an event (time, trace and
// span ids) and the level (counted separately) are left out. Other lines are mined as they are.

import { parseJsonObject } from './severity';

const MESSAGE_KEYS = ['msg', 'message', 'log', 'event', 'body'];
const SKIPPED_KEYS = new Set(['ts', 'time', 'timestamp', '@timestamp', 'level', 'lvl', 'severity', 'trace_id', 'traceid', 'traceId', 'span_id', 'spanid', 'spanId']);

/** Makes a line safe to mine: invalid UTF-8 was already replaced by the decoder; control bytes become spaces. */
export function cleanLine(line: string): string {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000b-\u001f\u007f]/.test(line) ? line.replace(/[\u0000-\u0008\u000b-\u001f\u007f]+/g, ' ') : line;
}

export function minedContent(line: string, json = parseJsonObject(line)): string {
  if (!json) return cleanLine(line);
  let message = '';
  const rest: string[] = [];
  for (const [k, v] of Object.entries(json)) {
    if (SKIPPED_KEYS.has(k)) continue;
    if (!message && MESSAGE_KEYS.includes(k) && typeof v === 'string') {
      message = v;
      continue;
    }
    rest.push(`${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  }
  return cleanLine(message ? (rest.length ? `${message} ${rest.join(' ')}` : message) : rest.join(' '));
}
