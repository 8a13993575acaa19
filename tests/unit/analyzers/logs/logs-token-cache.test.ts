// The line tokenizer with and without its cache of masked tokens, and the cache's own bounds.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_MASKS, maskToken, maskTokens, PARAM, type MaskRule } from '../../../../backend/analyzers/logs/mask';
import { HASH_SEED, hashStep, MAX_ENTRIES, MAX_TOKEN_CHARS, TokenCache } from '../../../../backend/analyzers/logs/token-cache';

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

  it('sends every token through another rule list', () => {
    const rules: MaskRule[] = [{ name: 'user', pattern: /\broot\b/g }];
    assert.deepEqual(maskTokens('login root ok', rules, new TokenCache()), ['login', PARAM, 'ok']);
  });
});

describe('the token cache', () => {
  const hashOf = (s: string) => [...s].reduce((h, c) => hashStep(h, c.charCodeAt(0)), HASH_SEED);

  it('finds a token by a range of a line, and tells tokens with one hash apart', () => {
    const cache = new TokenCache();
    cache.set('alpha', 7, 'A');
    cache.set('bravo', 7, 'B');
    assert.equal(cache.get('x alpha y', 2, 7, 7), 'A');
    assert.equal(cache.get('x bravo y', 2, 7, 7), 'B');
    assert.equal(cache.get('x delta y', 2, 7, 7), undefined);
    assert.equal(cache.get('x alph y', 2, 6, 7), undefined);
  });

  it('stays at MAX_ENTRIES tokens and keeps no token longer than MAX_TOKEN_CHARS', () => {
    const cache = new TokenCache();
    for (let i = 0; i < MAX_ENTRIES * 2 + 10; i++) {
      const token = `t${i}`;
      cache.set(token, hashOf(token), token);
      assert.ok(cache.size <= MAX_ENTRIES);
    }
    const recent = `t${MAX_ENTRIES * 2 + 9}`;
    assert.equal(cache.get(recent, 0, recent.length, hashOf(recent)), recent);
    const size = cache.size;
    const long = 'x'.repeat(MAX_TOKEN_CHARS + 1);
    cache.set(long, hashOf(long), long);
    assert.equal(cache.size, size);
    assert.equal(cache.get(long, 0, long.length, hashOf(long)), undefined);
  });
});
