// Deterministic synthetic log lines: a fixed set of event types, each a sentence with variable
// slots (numbers, durations, IPs, UUIDs, hex ids, paths, user names), written as plain text,
// logfmt or JSON, the way services write them.

import { seededRandom } from '../../demo/util/random';

const WORDS = 'request response cache session worker queue disk socket token order payment cart stock user node shard replica lease job batch index stream buffer client server route'.split(' ');
const VERBS = 'started finished failed retried dropped accepted rejected opened closed expired evicted flushed loaded saved'.split(' ');
const USERS = 'alice bob carol dave erin frank grace heidi ivan judy mallory oscar peggy trent victor walter'.split(' ');

type Slot = (r: () => number) => string;
const SLOTS: Slot[] = [
  (r) => String(Math.floor(r() * 100_000)),
  (r) => `${(r() * 900).toFixed(1)}ms`,
  (r) => `10.${Math.floor(r() * 255)}.${Math.floor(r() * 255)}.${Math.floor(r() * 255)}`,
  (r) => `${Math.floor(r() * 2 ** 32).toString(16).padStart(8, '0')}-${Math.floor(r() * 65536).toString(16).padStart(4, '0')}-4${Math.floor(r() * 4096).toString(16).padStart(3, '0')}-a${Math.floor(r() * 4096).toString(16).padStart(3, '0')}-${Math.floor(r() * 2 ** 48).toString(16).padStart(12, '0')}`,
  (r) => `0x${Math.floor(r() * 2 ** 32).toString(16)}`,
  (r) => `/var/lib/app/${WORDS[Math.floor(r() * WORDS.length)]}/${Math.floor(r() * 1000)}.dat`,
  (r) => USERS[Math.floor(r() * USERS.length)],
];

interface EventType {
  words: string[];
  slots: number[];
  format: 'plain' | 'logfmt' | 'json';
  level: string;
}

export function eventTypes(count: number, seed = 7): EventType[] {
  const r = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const n = 3 + Math.floor(r() * 6);
    // The type's index spelt in letters keeps every type distinct even past the vocabulary's reach.
    const tag = `e${i.toString(26).replace(/[0-9a-p]/g, (c) => 'abcdefghijklmnopqrstuvwxyz'[parseInt(c, 26)])}`;
    const words = [tag, ...Array.from({ length: n }, () => (r() < 0.3 ? VERBS : WORDS)[Math.floor(r() * (r() < 0.3 ? VERBS.length : WORDS.length))])];
    const slots = Array.from({ length: 1 + Math.floor(r() * 4) }, () => Math.floor(r() * SLOTS.length));
    const f = r();
    return { words, slots, format: f < 0.5 ? 'plain' : f < 0.8 ? 'logfmt' : 'json', level: r() < 0.1 ? 'error' : r() < 0.3 ? 'warn' : 'info' };
  });
}

/** `count` lines drawn from the event types with a skewed (Zipf-like) frequency, as real logs are. */
export function* generateLines(types: EventType[], count: number, seed = 11): Generator<string> {
  const r = seededRandom(seed);
  for (let i = 0; i < count; i++) {
    const t = types[Math.min(types.length - 1, Math.floor(types.length * r() ** 3))];
    const values = t.slots.map((s) => SLOTS[s](r));
    const msg = `${t.words.join(' ')} ${values.map((v, k) => `${['id', 'took', 'from', 'req', 'addr', 'file', 'user'][t.slots[k]]} ${v}`).join(' ')}`;
    if (t.format === 'plain') yield `${t.level.toUpperCase()} ${msg}`;
    else if (t.format === 'logfmt') yield `level=${t.level} msg="${t.words.join(' ')}" ${values.map((v, k) => `k${k}=${v}`).join(' ')}`;
    else yield JSON.stringify({ level: t.level, msg: t.words.join(' '), ...Object.fromEntries(values.map((v, k) => [`k${k}`, v])) });
  }
}
