import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maskLine } from '../../../../backend/analyzers/logs/mask';

describe('log variable masking', () => {
  const cases: Array<[string, string]> = [
    ['Received block blk_-1608999687919862906 of size 91178 from /10.250.10.6', 'Received block <*> of size <*> from <*>'],
    ['10.251.91.84:50010 Served block to /10.251.91.229', '<*>:<*> Served block to <*>'],
    ['request 3f2504e0-4f89-11d3-9a0c-0305e82c3301 done', 'request <*> done'],
    ['trace 4bf92f3577b34da6a3ce929d0e0e4736 span 00f067aa0ba902b7', 'trace <*> span <*>'],
    ['read /var/log/app/server.log at 0x7ffd1234', 'read <*> at <*>'],
    ['took 250ms then 1.5s', 'took <*> then <*>'],
    ['user "alice smith" logged in', 'user "<*>" logged in'],
    ['id=a1b2c3 tty=ssh rhost=ns1.example.com', 'id=<*> tty=ssh rhost=<*>'],
    ['connect to hdfs://10.0.0.1:9000/data failed', 'connect to hdfs://<*> failed'],
    ['Linux version 2.6.5-1.358 (gcc 16K) obj=true', 'Linux version <*> (gcc <*>) obj=<*>'],
    ['fe80:0000:0000:0000:0202:b3ff:fe1e:8329 and 00:1b:44:11:3a:b7', '<*> and <*>'],
  ];
  for (const [line, masked] of cases) {
    it(`masks ${JSON.stringify(line)}`, () => assert.equal(maskLine(line), masked));
  }

  it('keeps words that merely contain digits inside identifiers', () => {
    assert.equal(maskLine('jk2_init() Found child 6725 in scoreboard slot 10'), 'jk2_init() Found child <*> in scoreboard slot <*>');
    assert.equal(maskLine('workerEnv.init() ok'), 'workerEnv.init() ok');
  });

  it('collapses whitespace and glued placeholders', () => {
    assert.equal(maskLine('  a\t\tb  '), 'a b');
    assert.equal(maskLine('x=/a/b/1234 done'), 'x=<*> done');
  });

  it('sends a token to the rules for any character a variable may hold, digit or not', () => {
    // '/', ':' and 't'/'f' without a digit: a path, a URL and a boolean are still found; every
    // whitespace character splits tokens.
    assert.equal(maskLine('open /var/log/app\vfailed\ffor spark://master\rflag true'), 'open <*> failed for spark://<*> flag <*>');
  });
});
