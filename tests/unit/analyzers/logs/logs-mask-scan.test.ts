// The hand-written scan of the default mask rules (mask-scan.ts) against the rules' regexes
// (mask.ts), which define masking: on tokens of every kind a log holds, and on a few hundred
// thousand tokens built at random from the pieces the rules look at. Then the line tokenizer with
// and without its cache, and the cache's own bounds.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_MASKS, maskTokenByRules, maskTokens, PARAM, type MaskRule } from '../../../../backend/analyzers/logs/mask';
import { maskTokenByScan } from '../../../../backend/analyzers/logs/mask-scan';
import { HASH_SEED, hashStep, MAX_ENTRIES, MAX_TOKEN_CHARS, TokenCache } from '../../../../backend/analyzers/logs/token-cache';
import { seededRandom } from '../../../../demo/util/random';

// One or more of each rule's forms, near misses beside them.
const TOKENS = [
  // numbers, signs, versions, units
  '42', '-5', '+7', '(-5)', '1.5', '16K', '80x25', 'v2.4.20-8', 'V10', 'x-5', '_7', '7_', '1.-2', '5.', '10--5', '1,234,567',
  // ids glued to numbers
  'blk_-1608999687919862906', 'job_2017_0001', 'task_201706131212_0001_m_000004_0', 'core.1234', 'jk2_init()', 'mod_jk2', 'user123', 'a_1b',
  // addresses
  '10.0.0.1', '/10.250.10.6', '10.251.91.84:50010', '1.2.3.4.', '1.2.3.4567', '1.2.3', '256.1.1.1', 'x.1.2.3.4', ':1.2.3.4',
  'fe80:0000:0000:0000:0202:b3ff:fe1e:8329', 'fe80::1', '00:1b:44:11:3a:b7', 'aa:bb:cc:dd:ee:ff', '00:1b:44:11:3a',
  // hex and uuids
  '0x7ffd1234', '0XFF', '0x', '0xg', '4bf92f3577b34da6a3ce929d0e0e4736', 'deadbeef', 'deadbee1', 'abcdef12', '1234567',
  '3f2504e0-4f89-11d3-9a0c-0305e82c3301', 'abcdefab-abcd-abcd-abcd-abcdefabcdef', '3f2504e0-4f89-11d3-9a0c-0305e82c330',
  // durations
  '250ms', '1.5s', '3µs', '10ns', '7us', '2h', '5m', '4d', '5mss', '1.5', '1.x',
  // paths and urls
  '/var/log/app/server.log', '/health', 'and/or', '/a/b/', '/a/b//', 'x=/a/b/1234', 'hdfs://10.0.0.1:9000/data', 'spark://master',
  'http://example.com/a?b=1', '://x', '1http://x', 'a+b.c-d://e', '_x://y', 'http://', 'http://(x)', 'http://x\u00a0y',
  // booleans and key=value
  'true', 'false', 'obj=true', 'untrue', 'trueish', 'id=a1b2c3', 'tty=ssh', 'rhost=ns1.example.com', 'uid=0', 'a=b=1', '=5', '1=2', 'k.v=<*>',
  'x=<*>.example.com', 'a=1,b=2', 'a=1;b=x', 'a=x&b=2', 'k="1"', 'k=\u00a01', 'user=root@host1',
  // words and punctuation
  'Found', 'child', 'HTTP/1.1', 'workerEnv.init()', '[client', 'error:', '-----', ':::::', '<*>', '<*><*>', '"<*>"', 'é1', '\u00a0',
];

describe('the mask scan agrees with the rules', () => {
  it('on tokens of every kind the rules know', () => {
    for (const token of TOKENS) assert.equal(maskTokenByScan(token), maskTokenByRules(token), `token ${JSON.stringify(token)}`);
    // The list has both sides of each rule: masked and kept.
    const changed = TOKENS.filter((t) => maskTokenByScan(t) !== t).length;
    assert.ok(changed > 60 && changed < TOKENS.length - 20, `${changed} of ${TOKENS.length} tokens masked`);
  });

  it('on 300,000 tokens built at random from the pieces the rules look at', () => {
    const pieces = [
      'a', 'b', 'f', 'x', 'Z', 'v', 'V', 'blk', 'true', 'false', 'ms', 's', 'µs', 'ns', 'h', 'd', 'm', '0', '1', '7', '42', '255', '1234',
      '0x', '0X', 'dead', 'beef', 'cafe1234', '-', '_', '.', ':', '::', '/', '//', '://', 'http', 'hdfs', '=', '==', PARAM, '<', '>', '*',
      '"', "'", '@', '~', '+', '(', ')', '[', ']', '{', '}', ',', ';', '&', '\\', '\u00a0', '\u2028', 'é', '#', '%',
    ];
    const random = seededRandom(20261201);
    let differ = 0;
    let first = '';
    for (let k = 0; k < 300_000; k++) {
      let token = '';
      for (let n = 1 + Math.floor(random() * 10); n > 0; n--) token += pieces[Math.floor(random() * pieces.length)];
      if (maskTokenByScan(token) !== maskTokenByRules(token)) {
        differ++;
        first ||= `${JSON.stringify(token)}: scan ${JSON.stringify(maskTokenByScan(token))}, rules ${JSON.stringify(maskTokenByRules(token))}`;
      }
    }
    assert.equal(differ, 0, `first: ${first}`);
  });
});

describe('the line tokenizer', () => {
  const lines = [
    'Received block blk_-1608999687919862906 of size 91178 from /10.250.10.6',
    'Sat Jun 18 02:08:10 2005 session opened for user root by (uid=0)',
    'user "alice smith" logged in\tfrom 10.0.0.1:5000\u00a0ok',
    'Found child 6725 in scoreboard slot 10',
  ];

  it('gives the same tokens with a cache, cold and warm, as without one', () => {
    const cache = new TokenCache();
    for (const line of lines) {
      const plain = maskTokens(line);
      assert.deepEqual(maskTokens(line, DEFAULT_MASKS, cache), plain, line);
      assert.deepEqual(maskTokens(line, DEFAULT_MASKS, cache), plain, `${line} (warm)`);
    }
    assert.ok(cache.size > 0);
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
