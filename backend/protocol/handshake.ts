// The go-plugin handshake: the environment check before serving, and the one stdout line after.

/** Grafana's magic cookie; go-plugin sets it for every plugin it starts. It guards against running the binary by hand. */
export const MAGIC_COOKIE_KEY = 'grafana_plugin_type';
export const MAGIC_COOKIE_VALUE = 'datasource';
export const CORE_PROTOCOL_VERSION = 1;
export const APP_PROTOCOL_VERSION = 2;

export class HandshakeError extends Error {}

/** Throws when the process was not started by a go-plugin host that speaks protocol version 2. */
export function checkHandshakeEnvironment(env: NodeJS.ProcessEnv = process.env): void {
  if (env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) {
    throw new HandshakeError(
      'This binary is a Grafana backend plugin: Grafana starts it. To run it by hand, set ' +
        `${MAGIC_COOKIE_KEY}=${MAGIC_COOKIE_VALUE}.`,
    );
  }
  const offered = (env.PLUGIN_PROTOCOL_VERSIONS ?? String(APP_PROTOCOL_VERSION)).split(',').map((v) => v.trim());
  if (!offered.includes(String(APP_PROTOCOL_VERSION))) {
    throw new HandshakeError(
      `The host offers plugin protocol versions ${offered.join(',')}; this plugin speaks ${APP_PROTOCOL_VERSION}.`,
    );
  }
}

/**
 * The line go-plugin reads from stdout. Exactly five fields: a sixth would be taken for an AutoMTLS
 * certificate, which Grafana does not configure (its client would dereference a nil TLS config).
 */
export function handshakeLine(host: string, port: number): string {
  return `${CORE_PROTOCOL_VERSION}|${APP_PROTOCOL_VERSION}|tcp|${host}:${port}|grpc\n`;
}
