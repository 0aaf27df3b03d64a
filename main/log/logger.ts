import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../core/clock';
import { scrubText } from '../core/redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogValue = string | number | boolean | null | undefined;
export type LogFields = Record<string, LogValue>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(bindings: LogFields): Logger;
}

/** Field names that could carry what a log must never hold (exact, or as a suffix: userName, targetUrl). */
const FORBIDDEN_KEYS = /^(code|bookingcode|pin|password|token|secret|email|phone|address|link)$|(^|[a-z_])(name|url|uri|href|password|token|secret|email|phone)$/i;
/** Numeric fields that measure something; any other six-digit number could be a booking code. */
const MEASURE_KEYS = /(ms|bytes|minutes|seconds|at|count|rev|seq|size)$/i;

/**
 * Makes a line safe to keep: no URLs (an origin at most, and only when a
 * field is named `origin`), no booking codes, no names. Applied to every
 * field of every line as a last line of defence; callers log ids and counts.
 */
export function sanitize(message: string, fields: LogFields = {}): { msg: string; fields: Record<string, string | number | boolean | null> } {
  const clean: Record<string, string | number | boolean | null> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (FORBIDDEN_KEYS.test(key)) {
      clean[key] = '[redacted]';
    } else if (typeof value === 'string') {
      clean[key] = key === 'origin' ? originOnly(value) : scrub(value);
    } else if (typeof value === 'number' && Number.isInteger(value) && value >= 100_000 && value <= 999_999 && !MEASURE_KEYS.test(key)) {
      clean[key] = '[code]';
    } else {
      clean[key] = value;
    }
  }
  return { msg: scrub(message), fields: clean };
}

const scrub = scrubText;

function originOnly(value: string): string {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : '[url]';
  } catch {
    return scrub(value);
  }
}

export interface FileLoggerOptions {
  dir: string;
  clock: Clock;
  file?: string;
  maxBytes: number;
  keep: number;
  /** Also write lines to stderr (for the preview and the CLI). */
  echo?: boolean;
  minLevel?: LogLevel;
}

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** JSON lines, one file, rotated by size: tupa.log, tupa.log.1 … tupa.log.<keep>. */
export function createFileLogger(options: FileLoggerOptions): Logger {
  const file = join(options.dir, options.file ?? 'tupa.log');
  try {
    mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    // The kiosk still runs; its lines go to stderr only.
    process.stderr.write(`tupa: cannot create the log folder ${options.dir}: ${(error as Error).message}\n`);
  }
  const minLevel = LEVELS[options.minLevel ?? 'info'];

  const rotate = () => {
    rmSync(`${file}.${options.keep}`, { force: true });
    for (let i = options.keep - 1; i >= 1; i--) {
      if (existsSync(`${file}.${i}`)) renameSync(`${file}.${i}`, `${file}.${i + 1}`);
    }
    if (existsSync(file)) renameSync(file, `${file}.1`);
  };

  const write = (level: LogLevel, bindings: LogFields, message: string, fields?: LogFields) => {
    if (LEVELS[level] < minLevel) return;
    const safe = sanitize(message, { ...bindings, ...fields });
    const line = `${JSON.stringify({ ts: new Date(options.clock.now()).toISOString(), level, msg: safe.msg, ...safe.fields })}\n`;
    try {
      const size = existsSync(file) ? statSync(file).size : 0;
      if (size > 0 && size + Buffer.byteLength(line) > options.maxBytes) rotate();
      appendFileSync(file, line, { mode: 0o600 });
    } catch {
      // A full or read-only disk must not stop the kiosk; the line is lost.
    }
    if (options.echo) process.stderr.write(line);
  };

  const make = (bindings: LogFields): Logger => ({
    debug: (m, f) => write('debug', bindings, m, f),
    info: (m, f) => write('info', bindings, m, f),
    warn: (m, f) => write('warn', bindings, m, f),
    error: (m, f) => write('error', bindings, m, f),
    child: (more) => make({ ...bindings, ...more }),
  });
  return make({});
}

/** Collects sanitized lines in memory (tests). */
export function createMemoryLogger(): Logger & { lines: Array<{ level: LogLevel; msg: string } & Record<string, unknown>> } {
  const lines: Array<{ level: LogLevel; msg: string } & Record<string, unknown>> = [];
  const make = (bindings: LogFields): Logger => {
    const write = (level: LogLevel) => (m: string, f?: LogFields) => {
      const safe = sanitize(m, { ...bindings, ...f });
      lines.push({ level, msg: safe.msg, ...safe.fields });
    };
    return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error'), child: (more) => make({ ...bindings, ...more }) };
  };
  return Object.assign(make({}), { lines });
}

export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
