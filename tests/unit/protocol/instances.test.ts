import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InstanceManager } from '../../../backend/protocol/instances';
import type { DataSourceInstanceSettings } from '../../../backend/protocol/types';

const settings = (uid: string, lastUpdatedMS: number): DataSourceInstanceSettings => ({
  id: 1, uid, name: uid, url: '', user: '', database: '', basicAuthEnabled: false, basicAuthUser: '',
  jsonData: Buffer.from('{}'), decryptedSecureJsonData: {}, lastUpdatedMS, apiVersion: '',
});

describe('InstanceManager', () => {
  it('reuses an instance until its settings change, then disposes the old one', () => {
    const disposed: number[] = [];
    let created = 0;
    const m = new InstanceManager((s) => {
      const n = ++created;
      return { n, updated: s.lastUpdatedMS, dispose: () => disposed.push(n) };
    });
    const a = m.get(settings('x', 1));
    assert.equal(m.get(settings('x', 1)), a);
    const b = m.get(settings('x', 2));
    assert.notEqual(b, a);
    assert.deepEqual(disposed, [1]);
    m.get(settings('y', 1));
    assert.equal(m.size, 2);
  });

  it('keeps the previous instance when the new settings fail to build', () => {
    const m = new InstanceManager((s) => {
      if (s.lastUpdatedMS === 2) {
        throw new Error('bad settings');
      }
      return { v: s.lastUpdatedMS };
    });
    const a = m.get(settings('x', 1));
    assert.throws(() => m.get(settings('x', 2)), /bad settings/);
    assert.equal(m.get(settings('x', 1)), a);
  });
});
