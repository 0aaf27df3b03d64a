import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { scrubText } from '../core/redact';

/** Where a process's recent log lines are read from (the file logger's folder and file). */
export interface LogSource {
  recent(limits: { lines: number; bytes: number; lineChars: number }): { lines: string[]; truncated: boolean };
}

/**
 * The last lines of a log written by createFileLogger (tupa.log, then
 * tupa.log.1 when the current file holds too few), oldest first, within
 * the line and byte caps. Every line is scrubbed once more on the way
 * out: the logger scrubs what it writes, but a line in the file may have
 * come from elsewhere (an older release, a hand edit).
 */
export function fileLogSource(dir: string, file = 'tupa.log'): LogSource {
  return {
    recent(limits) {
      const collected: string[] = [];
      let bytes = 0;
      let truncated = false;
      for (const name of [file, `${file}.1`]) {
        const path = join(dir, name);
        if (!existsSync(path)) continue;
        const text = readTail(path, limits.bytes * 2);
        if (text.cut) truncated = true;
        const lines = text.content.split('\n').filter((l) => l.trim() !== '');
        // A tail cut mid-line starts with a piece of a line: drop it.
        if (text.cut) lines.shift();
        for (let i = lines.length - 1; i >= 0; i--) {
          const line = safeLine(lines[i]!, limits.lineChars);
          const size = Buffer.byteLength(line) + 1;
          if (collected.length >= limits.lines || bytes + size > limits.bytes) return { lines: collected.reverse(), truncated: true };
          collected.push(line);
          bytes += size;
        }
        if (text.cut) break;
      }
      return { lines: collected.reverse(), truncated };
    },
  };
}

/** A line as it may leave the machine: no addresses, no booking codes, no longer than the cap. */
export function safeLine(line: string, maxChars: number): string {
  const scrubbed = scrubText(line);
  return scrubbed.length > maxChars ? `${scrubbed.slice(0, maxChars - 1)}…` : scrubbed;
}

function readTail(path: string, maxBytes: number): { content: string; cut: boolean } {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, maxBytes);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    return { content: buffer.toString('utf8'), cut: length < size };
  } finally {
    closeSync(fd);
  }
}
