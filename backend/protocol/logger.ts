// Logs for the plugin host: one hclog JSON object per line on stderr.
// go-plugin parses `@level` and `@message` and turns the other keys into fields; `@timestamp`
// is left out because hclog only parses it with exactly six fractional digits, and Grafana
// stamps every line itself. Stdout is reserved for the handshake line.

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

const ORDER: Record<LogLevel, number> = { trace: 0, debug: 1, info: 2, warn: 3, error: 4 };

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  with(fields: Record<string, unknown>): Logger;
}

function serialise(value: unknown): unknown {
  if (value instanceof Error) {
    return value.message;
  }
  if (typeof value === 'bigint') {
    return value.toString();
  }
  return value;
}

export function createLogger(
  options: { level?: LogLevel; write?: (line: string) => void; fields?: Record<string, unknown> } = {},
): Logger {
  const threshold = ORDER[options.level ?? (process.env.FORESIGHT_LOG_LEVEL as LogLevel) ?? 'info'] ?? ORDER.info;
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const base = options.fields ?? {};
  const log = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (ORDER[level] < threshold) {
      return;
    }
    const entry: Record<string, unknown> = { '@level': level, '@message': message };
    for (const [k, v] of Object.entries({ ...base, ...fields })) {
      entry[k] = serialise(v);
    }
    write(JSON.stringify(entry) + '\n');
  };
  return {
    debug: (m, f) => log('debug', m, f),
    info: (m, f) => log('info', m, f),
    warn: (m, f) => log('warn', m, f),
    error: (m, f) => log('error', m, f),
    with: (fields) => createLogger({ ...options, fields: { ...base, ...fields } }),
  };
}
