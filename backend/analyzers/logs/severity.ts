// The level of a log line: from a structured field when the line has one (JSON, logfmt), else
// from a level word in the text. Loki's own `detected_level` works the same way; the
// vocabulary here covers syslog, log4j/logback, Go, Python and Android single-letter levels.

export const LEVELS = ['critical', 'error', 'warning', 'info', 'debug', 'trace', 'unknown'] as const;
export type LogLevel = (typeof LEVELS)[number];

const WORDS: Record<string, LogLevel> = {
  emerg: 'critical',
  emergency: 'critical',
  alert: 'critical',
  crit: 'critical',
  critical: 'critical',
  fatal: 'critical',
  panic: 'critical',
  severe: 'critical',
  err: 'error',
  error: 'error',
  eror: 'error',
  warn: 'warning',
  warning: 'warning',
  notice: 'info',
  info: 'info',
  information: 'info',
  informational: 'info',
  debug: 'debug',
  dbug: 'debug',
  trace: 'trace',
  verbose: 'trace',
};
const LETTERS: Record<string, LogLevel> = { F: 'critical', E: 'error', W: 'warning', I: 'info', D: 'debug', V: 'trace' };

const LEVEL_KEYS = ['level', 'lvl', 'severity', 'loglevel', 'log_level', 'levelname', 'severity_text', 'detected_level'];

export function normaliseLevel(value: unknown): LogLevel | undefined {
  if (typeof value === 'number') {
    // Syslog numeric severities 0-7, and pino/bunyan's 10-60.
    if (value >= 10) return value >= 60 ? 'critical' : value >= 50 ? 'error' : value >= 40 ? 'warning' : value >= 30 ? 'info' : value >= 20 ? 'debug' : 'trace';
    return value <= 2 ? 'critical' : value === 3 ? 'error' : value === 4 ? 'warning' : value <= 6 ? 'info' : 'debug';
  }
  if (typeof value !== 'string') return undefined;
  const v = value.trim();
  return WORDS[v.toLowerCase()] ?? (v.length === 1 ? LETTERS[v.toUpperCase()] : undefined);
}

const LOGFMT_LEVEL = /(?:^|\s)(?:level|lvl|severity|loglevel)=("?)([A-Za-z]+)\1(?=\s|$)/i;
// A level word standing as a word: "ERROR", "[warn]", "level: info", "<E>". Upper or title case only,
// so that prose ("no error found") does not count; the bracketed forms accept any case.
const TEXT_LEVEL = /(?:^|[\s[(<:|])(EMERG|ALERT|CRIT(?:ICAL)?|FATAL|PANIC|SEVERE|ERR(?:OR)?|WARN(?:ING)?|NOTICE|INFO|DEBUG|TRACE|Fatal|Error|Warn(?:ing)?|Info|Debug|Trace)(?=$|[\s\]):>|,])/;
const BRACKET_LEVEL = /[[<(](emerg|alert|crit|critical|fatal|error|err|warn|warning|notice|info|debug|trace)[\]>)]/i;

/** The line's level and, for JSON lines, the parsed object (so callers need not parse twice). */
export function detectLevel(line: string, json?: Record<string, unknown>): LogLevel {
  const obj = json ?? (line.charCodeAt(0) === 123 /* { */ ? parseJsonObject(line) : undefined);
  if (obj) {
    for (const k of LEVEL_KEYS) {
      const level = normaliseLevel(obj[k]);
      if (level) return level;
    }
  }
  const kv = LOGFMT_LEVEL.exec(line);
  if (kv) {
    const level = normaliseLevel(kv[2]);
    if (level) return level;
  }
  const text = TEXT_LEVEL.exec(line.length > 2048 ? line.slice(0, 2048) : line) ?? BRACKET_LEVEL.exec(line.length > 2048 ? line.slice(0, 2048) : line);
  return (text && normaliseLevel(text[1])) || 'unknown';
}

export function isErrorLevel(level: LogLevel): boolean {
  return level === 'error' || level === 'critical';
}

/** A JSON object line, or undefined for anything else (arrays, scalars, broken JSON). */
export function parseJsonObject(line: string): Record<string, unknown> | undefined {
  if (line.charCodeAt(0) !== 123) return undefined;
  try {
    const v = JSON.parse(line) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
