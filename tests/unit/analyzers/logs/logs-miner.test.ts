import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TemplateMiner } from '../../../../backend/analyzers/logs/miner';

/** A distinct word of letters for every integer. */
const letters = (i: number) => i.toString(26).replace(/[0-9a-p]/g, (c) => 'abcdefghijklmnopqrstuvwxyz'[parseInt(c, 26)]);
const join = (t: { tokens: string[] }) => t.tokens.join(' ');

describe('template miner', () => {
  it('groups lines of one event and generalises the positions that differ', () => {
    const m = new TemplateMiner();
    const a = m.add('Invalid user webmaster from 173.234.31.186');
    const b = m.add('Invalid user test9 from 52.80.34.196');
    const c = m.add('Invalid user admin from 10.0.0.1');
    assert.equal(a.id, b.id);
    assert.equal(b.id, c.id);
    assert.equal(join(c), 'Invalid user <*> from <*>');
    assert.equal(c.count, 3);
    const other = m.add('Connection closed by 10.0.0.1 [preauth]');
    assert.notEqual(other.id, a.id);
    assert.equal(m.stats.templates, 2);
  });

  it('keeps events with different words apart', () => {
    const m = new TemplateMiner();
    const up = m.add('service payments is up after 3 retries');
    const down = m.add('disk quota exceeded for tenant 42 on volume 7');
    assert.notEqual(up.id, down.id);
  });

  it('keeps a field left empty apart from the same field with a value, and still varies the value', () => {
    const m = new TemplateMiner();
    const withHost = m.add('auth failure; uid=0 tty=ssh ruser= rhost=10.0.0.1');
    const again = m.add('auth failure; uid=0 tty=ssh ruser= rhost=host-7.example.com');
    const noHost = m.add('auth failure; uid=0 tty=ssh ruser= rhost=');
    assert.equal(again.id, withHost.id);
    assert.notEqual(noHost.id, withHost.id);
    assert.equal(join(withHost), 'auth failure; uid=<*> tty=ssh ruser= rhost=<*>');
    assert.equal(join(noHost), 'auth failure; uid=<*> tty=ssh ruser= rhost=');
  });

  it('gives the same ids to the same lines in another process (ids derive from the founding line)', () => {
    const lines = ['GET /api/cart 200 12ms', 'GET /api/cart 200 15ms', 'payment declined for order 8812'];
    const ids = (m: TemplateMiner) => lines.map((l) => m.add(l).id);
    assert.deepEqual(ids(new TemplateMiner()), ids(new TemplateMiner()));
  });

  it('keeps a template id when the template generalises', () => {
    const m = new TemplateMiner();
    const first = m.add('worker started in pool main with alpha');
    const id = first.id;
    const later = m.add('worker started in pool main with beta');
    assert.equal(later.id, id);
    assert.equal(join(later), 'worker started in pool main with <*>');
  });

  it('serialises and restores, matching new lines to the restored templates', () => {
    const m = new TemplateMiner();
    m.add('cache miss for key 17 in region eu');
    m.add('cache miss for key 99 in region us');
    const restored = TemplateMiner.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    assert.equal(restored.stats.templates, 1);
    const t = restored.add('cache miss for key 5 in region ap');
    assert.equal(t.id, m.templates()[0].id);
    assert.equal(t.count, 3);
    assert.throws(() => TemplateMiner.fromJSON({ format: 'other' }), /not a serialised template miner/);
  });

  it('merges another miner: shared events add up, new ones are added with their ids', () => {
    const a = new TemplateMiner();
    const b = new TemplateMiner();
    a.add('job 1 finished in 20s');
    b.add('job 2 finished in 31s');
    const onlyB = b.add('queue full, dropping message 7');
    const ids = a.merge(b);
    assert.equal(a.stats.templates, 2);
    const finished = a.templates().find((t) => t.tokens[0] === 'job')!;
    assert.equal(finished.count, 2);
    assert.equal(ids.get(onlyB.id), onlyB.id);
    assert.equal(a.stats.lines, 3);
  });

  it('stays within maxTemplates, evicting the least recently used and counting evictions', () => {
    const m = new TemplateMiner({ maxTemplates: 100 });
    const keep = m.add('heartbeat ok from node');
    for (let i = 0; i < 1000; i++) {
      // Distinct words, so each line founds its own template.
      m.add(`event ${letters(i)} happened`);
      if (i % 10 === 0) m.add('heartbeat ok from node');
    }
    assert.equal(m.stats.templates, 100, JSON.stringify(m.stats));
    assert.equal(m.stats.evicted, 901, JSON.stringify(m.stats));
    assert.ok(m.get(keep.id), 'a template in use is not evicted');
  });

  it('lists templates least recently used first, and evicts in that order', () => {
    const m = new TemplateMiner({ maxTemplates: 3 });
    const a = m.add('alpha one done');
    const b = m.add('bravo two done');
    const c = m.add('charlie three done');
    m.add('alpha one done');
    assert.deepEqual(m.templates().map((t) => t.id), [b.id, c.id, a.id]);
    const d = m.add('delta four done');
    assert.equal(m.get(b.id), undefined, 'the least recently used went first');
    assert.deepEqual(m.templates().map((t) => t.id), [c.id, a.id, d.id]);
    // A serialised miner keeps that order.
    assert.deepEqual(TemplateMiner.fromJSON(m.toJSON()).templates().map((t) => t.id), [c.id, a.id, d.id]);
  });

  it('rejects a bad configuration with a clear error', () => {
    assert.throws(() => new TemplateMiner({ similarity: 0 }), /similarity must be in \(0, 1\]/);
    assert.throws(() => new TemplateMiner({ maxTemplates: 0 }), /maxTemplates must be a positive integer/);
  });
});
