import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { warningsSchema } from '../../main/config/policy';
import { DEMO_NOW_MINUTES } from '../../main/preview/demo';

const ROOT = resolve(import.meta.dirname, '../..');
const README = readFileSync(resolve(ROOT, 'README.md'), 'utf8');

describe('a newcomer reading the README', () => {
  it('finds every file it links to inside this repository', () => {
    const targets = [...README.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((t) => !/^[a-z]+:/i.test(t) && !t.startsWith('#'));
    expect(targets.length).toBeGreaterThan(3);
    for (const target of targets) {
      const file = resolve(ROOT, target.split('#')[0]!);
      expect(relative(ROOT, file).startsWith('..'), `${target} is outside the repository`).toBe(false);
      expect(existsSync(file), `${target} does not exist`).toBe(true);
    }
  });

  it('is told the warnings come at the minutes the site policy really uses', () => {
    const stated = /warnings come at ([\d,\s]+and\s+\d+) minutes/.exec(README)?.[1];
    expect(stated).toBeDefined();
    const minutes = stated!.split(/,|\band\b/).map((n) => Number(n.trim()));
    expect(minutes).toEqual(warningsSchema.parse({}).minutes);
  });

  it('sees the demo\'s "now" booking printed as long as the preview makes it', () => {
    const line = /^ {2}\d{6} {2}\d{4}-\d\d-\d\d (\d\d):(\d\d)–(\d\d):(\d\d) {2}\(now: ends in about (\d+) minutes\)$/m.exec(README);
    expect(line).not.toBeNull();
    const [, h1, m1, h2, m2, about] = line!.map(Number) as number[];
    expect(about).toBe(DEMO_NOW_MINUTES);
    // It began a minute before the preview started.
    expect(h2! * 60 + m2! - (h1! * 60 + m1!)).toBe(DEMO_NOW_MINUTES + 1);
  });
});
