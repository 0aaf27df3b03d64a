import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fileLogSource, safeLine } from '../../../main/log/tail';

const LIMITS = { lines: 500, bytes: 128 * 1024, lineChars: 2000 };
const dir = () => {
  const d = mkdtempSync(join(tmpdir(), 'tupa-tail-'));
  mkdirSync(d, { recursive: true });
  return d;
};

describe('recent log lines', () => {
  it('reads the newest lines, oldest first, going on into the rotated file when the current one holds too few', () => {
    const d = dir();
    writeFileSync(join(d, 'tupa.log.1'), 'a1\na2\na3\n');
    writeFileSync(join(d, 'tupa.log'), 'b1\nb2\n');
    expect(fileLogSource(d).recent({ ...LIMITS, lines: 4 })).toEqual({ lines: ['a2', 'a3', 'b1', 'b2'], truncated: true });
    expect(fileLogSource(d).recent(LIMITS)).toEqual({ lines: ['a1', 'a2', 'a3', 'b1', 'b2'], truncated: false });
  });

  it('keeps to the byte cap, never sends a line cut in half, and has nothing to say without a log', () => {
    const d = dir();
    const lines = Array.from({ length: 100 }, (_, i) => `line ${String(i).padStart(3, '0')} ${'x'.repeat(40)}`);
    writeFileSync(join(d, 'tupa.log'), `${lines.join('\n')}\n`);
    const got = fileLogSource(d).recent({ ...LIMITS, bytes: 500 });
    expect(got.truncated).toBe(true);
    expect(got.lines.join('\n').length).toBeLessThanOrEqual(500);
    expect(got.lines).toEqual(lines.slice(lines.length - got.lines.length));
    expect(fileLogSource(dir()).recent(LIMITS)).toEqual({ lines: [], truncated: false });
  });

  it('scrubs codes and addresses, and shortens very long lines', () => {
    expect(safeLine('typed 654321 at https://example.org/a?b=1 and www.x.fi', 2000)).toBe('typed [code] at [url] and [url]');
    expect(safeLine('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
