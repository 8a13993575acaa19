// The line tokenizer with and without its cache of masked tokens, and the cache's own bounds.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_MASKS, maskToken, maskTokens, PARAM, type MaskRule } from '../../../../backend/analyzers/logs/mask';
import { HASH_SEED, hashRange, hashStep, MAX_ENTRIES, MAX_TOKEN_CHARS, shapeCode, TokenCache } from '../../../../backend/analyzers/logs/token-cache';
import { randomBelow } from './random';

describe('the line tokenizer', () => {
  const lines = [
    'Received block blk_-1608999687919862906 of size 91178 from /10.250.10.6',
    'Sat Jun 18 02:08:10 2005 session opened for user root by (uid=0)',
    'user "alice smith" logged in\tfrom 10.0.0.1:5000\u00a0ok',
    'Found child 6725 in scoreboard slot 10',
  ];

  it('gives the same tokens with a cache, cold and warm, as without one, and as the rules token by token', () => {
    const cache = new TokenCache();
    for (const line of lines) {
      const plain = maskTokens(line);
      assert.deepEqual(maskTokens(line, DEFAULT_MASKS, cache), plain, line);
      assert.deepEqual(maskTokens(line, DEFAULT_MASKS, cache), plain, `${line} (warm)`);
    }
    assert.ok(cache.size > 0);
    // Lines without quotes or dates: each token is what the rules make of it alone.
    const line = lines[0];
    assert.deepEqual(maskTokens(line), line.split(' ').map((t) => maskToken(t)));
    assert.deepEqual(maskTokens(line), ['Received', 'block', PARAM, 'of', 'size', PARAM, 'from', PARAM]);
  });

  it('gives every token, by the characters its rules need, what the whole rule list gives', () => {
    // maskToken with the default list tries only the rules a token holds the needed characters
    // for; a copy of the list is not the default list, so it takes every rule on every token.
    const everyRule = [...DEFAULT_MASKS];
    const alphabet = 'aeEfbkxX0123456789-_.:/=@",;#()[]+µ';
    const next = randomBelow(7);
    let compared = 0;
    for (let i = 0; i < 100_000; i++) {
      let token = '';
      for (let k = 1 + next(20); k > 0; k--) token += alphabet[next(alphabet.length)];
      // Tokens of digits and punctuation alone take the number rule on either path.
      if (!/[A-Za-z/=@"]/.test(token)) continue;
      assert.equal(maskToken(token), maskToken(token, everyRule), token);
      compared++;
    }
    assert.ok(compared > 50_000, `${compared} tokens compared`);
    for (const token of ['blk_-1608999687919862906', '/10.251.75.228:50010', 'hdfs://10.0.0.1:9000/a', '3f2504e0-4f89-11d3-9a0c-0305e82c3301', 'flag=true', '00:1b:44:11:3a:b7']) {
      assert.equal(maskToken(token), maskToken(token, everyRule), token);
    }
  });

  it('masks the numbers of a digits-and-punctuation token as the number rule does', () => {
    // maskTokens reads these tokens with a scan of their characters; maskToken applies the rule's regex.
    const alphabet = '0123456789-+_.:,;#()[]<*>%|~!?';
    const next = randomBelow(11);
    for (let i = 0; i < 100_000; i++) {
      let token = '';
      for (let k = 1 + next(16); k > 0; k--) token += alphabet[next(alphabet.length)];
      assert.deepEqual(maskTokens(`at ${token} ok`).slice(1, -1), [maskToken(token)], token);
    }
    for (const [token, masked] of [
      ['10.0.0.1:80', `${PARAM}:${PARAM}`],
      ['(-5)', `(${PARAM})`],
      ['_55', '_55'],
      ['1+5', `${PARAM}+${PARAM}`],
      ['1.5.', `${PARAM}.`],
      ['12:30:01,', `${PARAM}:${PARAM}:${PARAM},`],
    ]) {
      assert.equal(maskTokens(token)[0], masked, token);
    }
  });

  it('serves tokens that differ only in their digits from one entry when their masked form keeps none', () => {
    const cache = new TokenCache();
    const ids = Array.from({ length: 500 }, (_, i) => `blk_-${(7_000_000_019 * (i + 3)) % 9_999_999_967}`);
    for (const id of ids) assert.deepEqual(maskTokens(`Deleting block ${id} file`, DEFAULT_MASKS, cache), ['Deleting', 'block', PARAM, 'file'], id);
    // Deleting, block, file, and one entry for each length of id.
    const lengths = new Set(ids.map((id) => id.length));
    assert.equal(cache.size, 3 + lengths.size);
    // Where digits stay, each token keeps its own.
    const words = ['ssh2', 'ssh1', 'ssh3', 'jk2_init()', 'jk7_init()', 'ssh2'];
    assert.deepEqual(maskTokens(words.join(' '), DEFAULT_MASKS, cache), words);
    assert.deepEqual(maskTokens(words.join(' '), DEFAULT_MASKS, cache), words);
    // The hex rule reads the 0 of "0x": such tokens are cached exactly.
    const hex = ['1x19-1', '0x19-1', '2x19-1', '0x19-1'];
    const masked = [PARAM, `${PARAM}-${PARAM}`, PARAM, `${PARAM}-${PARAM}`];
    assert.deepEqual(hex.map((t) => maskToken(t)), masked);
    assert.deepEqual(maskTokens(hex.join(' '), DEFAULT_MASKS, cache), masked);
  });

  it('gives the same tokens through a shared cache as without one, for tokens that differ only in their digits', () => {
    const cache = new TokenCache();
    const alphabet = 'aeEfbkxXv0123456789-_.:/=@",;#()[]+g';
    const next = randomBelow(5);
    for (let i = 0; i < 20_000; i++) {
      let shape = '';
      for (let k = 1 + next(14); k > 0; k--) shape += alphabet[next(alphabet.length)];
      for (let v = 0; v < 4; v++) {
        const line = `x ${shape.replace(/[0-9]/g, () => String(next(10)))} y`;
        assert.deepEqual(maskTokens(line, DEFAULT_MASKS, cache), maskTokens(line), line);
      }
    }
  });

  it('caches exactly the tokens with digits of another rule list', () => {
    const rules: MaskRule[] = [{ name: 'two', pattern: /2/g }];
    const cache = new TokenCache();
    assert.deepEqual(maskTokens('a2 a3 a2 a3', rules, cache), [`a${PARAM}`, 'a3', `a${PARAM}`, 'a3']);
  });

  it('sends every token through another rule list', () => {
    const rules: MaskRule[] = [{ name: 'user', pattern: /\broot\b/g }];
    assert.deepEqual(maskTokens('login root ok', rules, new TokenCache()), ['login', PARAM, 'ok']);
  });
});

describe('the token cache', () => {
  const hashOf = (s: string) => hashRange(s, 0, s.length);

  it('finds a token by a range of a line, and tells tokens with one hash apart', () => {
    const cache = new TokenCache();
    cache.set('alpha', 0, 5, 7, false, 'A');
    cache.set('a bravo', 2, 7, 7, false, 'B');
    assert.equal(cache.get('x alpha y', 2, 7, 7, false), 'A');
    assert.equal(cache.get('x bravo y', 2, 7, 7, false), 'B');
    assert.equal(cache.get('x delta y', 2, 7, 7, false), undefined);
    assert.equal(cache.get('x alph y', 2, 6, 7, false), undefined);
  });

  it('keeps exact keys and shapes apart, and reads a shape with every digit as 1', () => {
    const cache = new TokenCache();
    const shapeOf = (s: string) => [...s].reduce((h, c) => hashStep(h, shapeCode(c.charCodeAt(0))), HASH_SEED);
    cache.set('id_1507', 0, 7, shapeOf('id_1507'), true, 'SHAPE');
    cache.set('id_1107', 0, 7, hashOf('id_1107'), false, 'EXACT');
    assert.equal(cache.get('id_9903', 0, 7, shapeOf('id_9903'), true), 'SHAPE');
    assert.equal(cache.get('id_1111', 0, 7, shapeOf('id_1111'), true), 'SHAPE');
    assert.equal(cache.get('id_11111', 0, 8, shapeOf('id_11111'), true), undefined);
    // id_1107 is its own shape, but its exact entry is found only exactly, and the other way round.
    assert.equal(cache.get('id_1107', 0, 7, hashOf('id_1107'), false), 'EXACT');
    assert.equal(cache.get('id_1107', 0, 7, shapeOf('id_1107'), true), 'SHAPE');
    assert.equal(cache.get('id_9903', 0, 7, hashOf('id_9903'), false), undefined);
  });

  it('stays at MAX_ENTRIES tokens and keeps no token longer than MAX_TOKEN_CHARS', () => {
    const cache = new TokenCache();
    for (let i = 0; i < MAX_ENTRIES * 2 + 10; i++) {
      const token = `t${i}`;
      cache.set(token, 0, token.length, hashOf(token), false, token);
      assert.ok(cache.size <= MAX_ENTRIES);
    }
    const recent = `t${MAX_ENTRIES * 2 + 9}`;
    assert.equal(cache.get(recent, 0, recent.length, hashOf(recent), false), recent);
    const size = cache.size;
    const long = 'x'.repeat(MAX_TOKEN_CHARS + 1);
    cache.set(long, 0, long.length, hashOf(long), false, long);
    assert.equal(cache.size, size);
    assert.equal(cache.get(long, 0, long.length, hashOf(long), false), undefined);
  });

  it('keeps the characters of its keys, not their lines, as its key store grows', () => {
    const cache = new TokenCache();
    const tokens = Array.from({ length: 2_000 }, (_, i) => `${'k'.repeat(100)}${i}`);
    for (const token of tokens) {
      const line = `[${token}]`;
      cache.set(line, 1, line.length - 1, hashOf(token), false, token.toUpperCase());
    }
    // 200,000 characters of keys: well past the store's first size.
    for (const token of tokens) assert.equal(cache.get(` ${token} `, 1, token.length + 1, hashOf(token), false), token.toUpperCase(), token);
    cache.clear();
    assert.equal(cache.size, 0);
    assert.equal(cache.get(tokens[0], 0, tokens[0].length, hashOf(tokens[0]), false), undefined);
  });
});
