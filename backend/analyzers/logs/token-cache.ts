// A bounded cache from a token's characters to its masked form, looked up by a range of the line
// and a hash the scanner computed while finding the token.
//
// Written by hand because a Map needs the token as a string: with one, slicing every token out of
// the line and hashing it again made mining Loghub a quarter slower than this. Most tokens repeat
// (the same words, hosts, statuses); here a token seen before costs one probe and one comparison of
// its characters, allocates nothing, and comes back as the same string object each time, so the
// tree's comparisons of tokens are mostly identity checks.
//
// A key is either exact, or a shape: the token with each digit read as 1, which stands for every
// token that differs from it only in which digits it holds ("blk_-3544583377289625738" and
// "blk_-6952295868487656571" are one shape). mask.ts says when a shape may serve.
//
// Keys are kept as characters in one typed array, not as strings: comparing against it is cheaper
// than against a string (which may be a view into another), and caching a token copies only its
// characters, never its line.
//
// Bounded: at most MAX_ENTRIES keys of at most MAX_TOKEN_CHARS characters each (their characters
// take at most 16 MB); when full it is emptied and refills with what is current.

export const MAX_ENTRIES = 65_536;
export const MAX_TOKEN_CHARS = 128;

/** FNV-1a step: the scanner folds each character of a token into its hash with this. */
export const hashStep = (h: number, c: number): number => Math.imul(h ^ c, 0x01000193);
export const HASH_SEED = 0x811c9dc5 | 0;

/** A character as a shape holds it: every digit is 1. */
export const shapeCode = (c: number): number => (c >= 48 && c <= 57 ? 49 : c);

/** The exact hash of text[start, end). */
export function hashRange(text: string, start: number, end: number): number {
  let h = HASH_SEED;
  for (let i = start; i < end; i++) h = hashStep(h, text.charCodeAt(i));
  return h;
}

export class TokenCache {
  // Open addressing with linear probing at a load of at most one half; it starts small (a miner
  // over a short stream should not pay for the largest table) and doubles up to MAX_ENTRIES.
  private mask = 1023;
  private hashes = new Int32Array(this.mask + 1);
  /** Where each slot's key starts in `chars`, and its length; a length of -1 is an empty slot. */
  private offsets = new Int32Array(this.mask + 1);
  private lengths = new Int32Array(this.mask + 1).fill(-1);
  /** 1 where the slot's key is a shape. */
  private shapes = new Uint8Array(this.mask + 1);
  private values: string[] = new Array<string>(this.mask + 1).fill('');
  private chars = new Uint16Array(16_384);
  private used = 0;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /**
   * What is cached for text[start, end) under its exact key, or under its shape if `byShape`;
   * `hash` is the hash of those characters as the key holds them. `hasDigits: false` says the
   * range holds no digit, so its shape is read as it is.
   */
  get(text: string, start: number, end: number, hash: number, byShape: boolean, hasDigits = true): string | undefined {
    const len = end - start;
    const kind = byShape ? 1 : 0;
    // A token without digits reads the same as its shape.
    const mapDigits = byShape && hasDigits;
    const { lengths, hashes, chars } = this;
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const l = lengths[slot];
      if (l < 0) return undefined;
      if (l === len && hashes[slot] === hash && this.shapes[slot] === kind) {
        const at = this.offsets[slot];
        let i = 0;
        if (mapDigits) while (i < len && chars[at + i] === shapeCode(text.charCodeAt(start + i))) i++;
        else while (i < len && chars[at + i] === text.charCodeAt(start + i)) i++;
        if (i === len) return this.values[slot];
      }
    }
  }

  /** Caches `value` for text[start, end) under its exact key or its shape; tokens too long to be worth it are not kept. */
  set(text: string, start: number, end: number, hash: number, byShape: boolean, value: string): void {
    const len = end - start;
    if (len > MAX_TOKEN_CHARS) return;
    if (this.count >= MAX_ENTRIES) this.clear();
    else if (this.count * 2 >= this.mask) this.grow();
    if (this.used + len > this.chars.length) {
      // Never past what MAX_ENTRIES keys of MAX_TOKEN_CHARS can fill: the store is emptied at MAX_ENTRIES.
      const chars = new Uint16Array(Math.min(this.chars.length * 2, MAX_ENTRIES * MAX_TOKEN_CHARS));
      chars.set(this.chars);
      this.chars = chars;
    }
    const at = this.used;
    for (let i = 0; i < len; i++) {
      const c = text.charCodeAt(start + i);
      this.chars[at + i] = byShape ? shapeCode(c) : c;
    }
    this.used += len;
    this.place(hash, at, len, byShape ? 1 : 0, value);
    this.count++;
  }

  clear(): void {
    this.lengths.fill(-1);
    this.values.fill('');
    this.used = 0;
    this.count = 0;
  }

  private place(hash: number, at: number, len: number, shape: number, value: string): void {
    let slot = hash & this.mask;
    while (this.lengths[slot] >= 0) slot = (slot + 1) & this.mask;
    this.hashes[slot] = hash;
    this.offsets[slot] = at;
    this.lengths[slot] = len;
    this.shapes[slot] = shape;
    this.values[slot] = value;
  }

  private grow(): void {
    const { hashes, offsets, lengths, shapes, values } = this;
    const size = (this.mask + 1) * 2;
    this.mask = size - 1;
    this.hashes = new Int32Array(size);
    this.offsets = new Int32Array(size);
    this.lengths = new Int32Array(size).fill(-1);
    this.shapes = new Uint8Array(size);
    this.values = new Array<string>(size).fill('');
    for (let i = 0; i < lengths.length; i++) {
      if (lengths[i] >= 0) this.place(hashes[i], offsets[i], lengths[i], shapes[i], values[i]);
    }
  }
}
