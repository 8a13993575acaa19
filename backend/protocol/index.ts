// The plugin protocol layer: reusable by any Node backend plugin, and unaware of what the plugin computes.
export { frameToArrowFile } from './arrow';
export * from './frames';
export { checkHandshakeEnvironment, handshakeLine, HandshakeError } from './handshake';
export { InstanceManager } from './instances';
export { createLogger, type Logger, type LogLevel } from './logger';
export { servePlugin } from './serve';
export { createPluginServer, toQueryDataRequest } from './server';
export * from './types';
