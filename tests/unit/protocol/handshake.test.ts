import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkHandshakeEnvironment, handshakeLine, HandshakeError } from '../../../backend/protocol/handshake';

describe('go-plugin handshake', () => {
  it('prints exactly five fields ending in grpc', () => {
    const line = handshakeLine('127.0.0.1', 1234);
    assert.equal(line, '1|2|tcp|127.0.0.1:1234|grpc\n');
    assert.equal(line.trim().split('|').length, 5);
  });

  it('refuses to run without the magic cookie', () => {
    assert.throws(() => checkHandshakeEnvironment({}), HandshakeError);
    assert.throws(() => checkHandshakeEnvironment({ grafana_plugin_type: 'panel' }), /Grafana starts it/);
  });

  it('requires protocol version 2 among those offered', () => {
    assert.doesNotThrow(() => checkHandshakeEnvironment({ grafana_plugin_type: 'datasource', PLUGIN_PROTOCOL_VERSIONS: '1,2' }));
    assert.throws(
      () => checkHandshakeEnvironment({ grafana_plugin_type: 'datasource', PLUGIN_PROTOCOL_VERSIONS: '1' }),
      /speaks 2/,
    );
  });
});
