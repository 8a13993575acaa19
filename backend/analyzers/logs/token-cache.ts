// A bounded cache from a token's characters to its masked form, looked up by a range of the line
// and a hash the scanner computed while finding the token.
//
// Written by hand because a Map needs the token as a string: with one, slicing every token out of
// the line and hashing it again made mining Loghub a quarter slower than this. Most tokens repeat
// (the same words, hosts, statuses); here a token seen before costs one probe and one character
// comparison, allocates nothing, and comes back as the same string object each time, so the tree's
// comparisons of tokens are mostly identity checks.
//
// Bounded: at most MAX_ENTRIES tokens of at most MAX_TOKEN_CHARS characters each, about 16 MB in
// the worst case, given keys copied out of their lines (detach.ts); when full it is emptied and
// refills with what is current.

export const MAX_ENTRIES = 65_536;
export const MAX_TOKEN_CHARS = 128;

/** FNV-1a step: the scanner folds each character of a token into its hash with this. */
export const hashStep = (h: number, c: number): number => Math.imul(h ^ c, 0x01000193);
export const HASH_SEED = 0x811c9dc5 | 0;

export class TokenCache {
  // Open addressing with linear probing at a load of at most one half; it starts small (a miner
  // over a short stream should not pay for the largest table) and doubles up to MAX_ENTRIES.
  private mask = 1023;
  private hashes = new Int32Array(this.mask + 1);
  private keys: Array<string | undefined> = new Array<string | undefined>(this.mask + 1).fill(undefined);
  private values: string[] = new Array<string>(this.mask + 1).fill('');
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The masked form cached for text[start, end), whose hash is `hash`. */
  get(text: string, start: number, end: number, hash: number): string | undefined {
    const len = end - start;
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const key = this.keys[slot];
      if (key === undefined) return undefined;
      if (this.hashes[slot] === hash && key.length === len && sameChars(key, text, start, len)) return this.values[slot];
    }
  }

  /** Caches the masked form of `token` (whose hash is `hash`); tokens too long to be worth it are not kept. */
  set(token: string, hash: number, masked: string): void {
    if (token.length > MAX_TOKEN_CHARS) return;
    if (this.count >= MAX_ENTRIES) this.clear();
    else if (this.count * 2 >= this.mask) this.grow();
    this.place(token, hash, masked);
    this.count++;
  }

  clear(): void {
    this.keys.fill(undefined);
    this.values.fill('');
    this.count = 0;
  }

  private place(token: string, hash: number, masked: string): void {
    let slot = hash & this.mask;
    while (this.keys[slot] !== undefined) slot = (slot + 1) & this.mask;
    this.keys[slot] = token;
    this.hashes[slot] = hash;
    this.values[slot] = masked;
  }

  private grow(): void {
    const { keys, hashes, values } = this;
    const size = (this.mask + 1) * 2;
    this.mask = size - 1;
    this.hashes = new Int32Array(size);
    this.keys = new Array<string | undefined>(size).fill(undefined);
    this.values = new Array<string>(size).fill('');
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (key !== undefined) this.place(key, hashes[i], values[i]);
    }
  }
}

function sameChars(key: string, text: string, start: number, len: number): boolean {
  for (let i = 0; i < len; i++) {
    if (key.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  }
  return true;
}
