import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { minedContent } from '../../../../backend/analyzers/logs/content';
import { TemplateMiner } from '../../../../backend/analyzers/logs/miner';
import { detectLevel } from '../../../../backend/analyzers/logs/severity';

describe('log severity', () => {
  it('reads the level from JSON and logfmt fields first', () => {
    assert.equal(detectLevel('{"level":"warn","msg":"an ERROR in the text"}'), 'warning');
    assert.equal(detectLevel('{"severity":"CRITICAL","msg":"x"}'), 'critical');
    assert.equal(detectLevel('{"level":50,"msg":"pino error"}'), 'error');
    assert.equal(detectLevel('ts=2024-01-01 level=debug msg="ERROR would be wrong"'), 'debug');
    assert.equal(detectLevel('time="now" lvl="info" msg=ok'), 'info');
  });

  it('falls back to a level word in the text', () => {
    assert.equal(detectLevel('2024-01-01 12:00:00 ERROR [main] db down'), 'error');
    assert.equal(detectLevel('[Sun Dec 04 04:47:44 2005] [error] mod_jk child workerEnv in error state 6'), 'error');
    assert.equal(detectLevel('Jun 14 15:16:01 combo sshd: WARNING: possible break-in'), 'warning');
    assert.equal(detectLevel('17/06/09 20:10:40 INFO executor.CoarseGrainedExecutorBackend: Registered'), 'info');
  });

  it('does not take prose for a level', () => {
    assert.equal(detectLevel('no error found while checking the disk'), 'unknown');
    assert.equal(detectLevel('{"msg":"fine"}'), 'unknown');
    assert.equal(detectLevel(''), 'unknown');
  });

  it('mines JSON lines on their message and fields, without time, level and trace ids', () => {
    const line = '{"ts":"2026-01-07T14:00:00Z","level":"error","service":"payments","msg":"charge failed","reason":"card network timeout","trace_id":"4bf92f35","attempt":2}';
    assert.equal(minedContent(line), 'charge failed service=payments reason=card network timeout attempt=2');
    assert.equal(minedContent('plain text line'), 'plain text line');
    assert.equal(minedContent('bell\u0007 and nul\u0000 bytes'), 'bell  and nul  bytes');
  });

  it('mines logfmt lines the same way, so their quoted message is not taken for a variable', () => {
    const line = 'ts=2026-01-07T14:00:00Z level=error service=payments msg="charge failed: \\"card\\" declined" reason="card network timeout" trace_id=4bf92f35 attempt=2';
    assert.equal(minedContent(line), 'charge failed: "card" declined service=payments reason=card network timeout attempt=2');
    assert.equal(minedContent('level=info msg=started'), 'started');
    // Not logfmt throughout: mined as it is.
    assert.equal(minedContent('GET /health msg=ok took 5ms'), 'GET /health msg=ok took 5ms');
    assert.equal(minedContent('level=info msg="never closed'), 'level=info msg="never closed');
  });

  it('keeps logfmt events with different messages apart', () => {
    const miner = new TemplateMiner();
    const a = miner.add(minedContent('level=info msg="charge failed" reason=timeout duration=5ms'));
    const b = miner.add(minedContent('level=info msg="user logged in" user=bob duration=7ms'));
    const c = miner.add(minedContent('ts=2026-01-07T14:00:01Z level=info msg="user logged in" user=alice duration=9ms'));
    assert.notEqual(a.id, b.id);
    assert.equal(b.id, c.id);
    assert.equal(c.tokens.join(' '), 'user logged in user=<*> duration=<*>');
  });
});
