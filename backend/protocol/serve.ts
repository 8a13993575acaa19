// Runs a backend plugin as go-plugin expects of a process: check the handshake environment,
// bind a loopback port, print the handshake line, stay up whatever a request does, and exit
// promptly when the host says so.

import * as grpc from '@grpc/grpc-js';
import { checkHandshakeEnvironment, handshakeLine } from './handshake';
import { createLogger, type Logger } from './logger';
import { createPluginServer } from './server';
import type { PluginHandlers } from './types';

const HOST = '127.0.0.1';
/** How long in-flight calls get to finish after Shutdown before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 1500;
/** How often the process checks that the host that started it is still there. */
const HOST_WATCH_MS = 2000;

export interface ServeOptions {
  logger?: Logger;
  /** Skip the magic-cookie check (tests that start the server in-process). */
  skipHandshakeCheck?: boolean;
}

export async function servePlugin(handlers: PluginHandlers, options: ServeOptions = {}): Promise<void> {
  const logger = options.logger ?? createLogger();
  if (!options.skipHandshakeCheck) {
    try {
      checkHandshakeEnvironment();
    } catch (err) {
      process.stderr.write(`${(err as Error).message}\n`);
      process.exit(1);
    }
  }

  // A Go plugin ignores SIGINT so that Ctrl-C on a terminal running Grafana leaves the orderly
  // shutdown to Grafana; do the same. SIGTERM still ends the process.
  process.on('SIGINT', () => logger.debug('SIGINT ignored; the host stops plugins through Shutdown'));
  process.on('uncaughtException', (err) => logger.error('uncaught exception (process kept alive)', { error: err, stack: err.stack }));
  process.on('unhandledRejection', (reason) => logger.error('unhandled rejection (process kept alive)', { error: reason }));

  let stopping = false;
  const shutdown = () => {
    if (stopping) {
      return;
    }
    stopping = true;
    const exit = () => process.exit(0);
    setTimeout(exit, SHUTDOWN_GRACE_MS).unref();
    void (async () => {
      try {
        await handlers.dispose?.();
      } catch (err) {
        logger.warn('dispose failed', { error: err });
      }
      server.tryShutdown(exit);
    })();
  };
  process.on('SIGTERM', shutdown);

  // A host that dies without calling Shutdown (killed, crashed) leaves us re-parented: go-plugin
  // has no other signal for that, and a plugin left behind would hold its port and memory forever.
  const host = process.ppid;
  setInterval(() => {
    if (process.ppid !== host) {
      logger.warn('the host process is gone; exiting', { host });
      shutdown();
    }
  }, HOST_WATCH_MS).unref();

  const { server } = createPluginServer(handlers, { logger, onShutdown: shutdown });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${HOST}:0`, grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  // The handshake goes out only once the port accepts connections; nothing else is ever written to stdout.
  process.stdout.write(handshakeLine(HOST, port));
  logger.info('plugin serving', { address: `${HOST}:${port}`, pid: process.pid, node: process.version });
}
