import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ConfigError, parseConfig, parseConfigText, parseJsonText } from '../../../main/config/load';
import { problemsOf } from './support';

const RESERVED_REASON = 'is not a setting: "__proto__", "constructor" and "prototype" are reserved names';

describe('a field named __proto__, constructor or prototype', () => {
  // Regression: jsonc-parser made {"__proto__": {"id": "evil"}} the prototype of "pc", so pc.id became "evil".
  it('IT (or someone else) writes "__proto__" inside pc: refused with its line, and pc.id never becomes "evil"', () => {
    const text = '{\n  "pc": {\n    "__proto__": { "id": "evil" }\n  }\n}';
    expect(problemsOf(() => parseConfigText(text, '/etc/tupa/kiosk.json'))).toEqual([
      { file: '/etc/tupa/kiosk.json', field: 'pc.__proto__', reason: `${RESERVED_REASON} (line 3)` },
    ]);
  });

  it('a "__proto__" spelt with escapes (\\u005f) is the same name and refused the same way', () => {
    expect(problemsOf(() => parseConfigText('{"pc": {"\\u005f\\u005fproto\\u005f\\u005f": {"id": "evil"}}}', 'k.json'))).toEqual([
      { file: 'k.json', field: 'pc.__proto__', reason: `${RESERVED_REASON} (line 1)` },
    ]);
  });

  it('a "__proto__" at the top level is refused and named at the top level', () => {
    expect(problemsOf(() => parseConfigText('{"__proto__": {"role": "advisor"}}', 'k.json'))).toEqual([
      { file: 'k.json', field: '__proto__', reason: `${RESERVED_REASON} (line 1)` },
    ]);
  });

  it('"constructor" and "prototype" are refused the same way, inside lists too', () => {
    const text = '{\n  "tiles": [\n    { "id": "a", "url": "https://a.fi/", "label": { "fi": "A", "constructor": "x" } }\n  ],\n  "prototype": 1\n}';
    expect(problemsOf(() => parseConfigText(text, 'k.json'))).toEqual([
      { file: 'k.json', field: 'tiles[0].label.constructor', reason: `${RESERVED_REASON} (line 3)` },
      { file: 'k.json', field: 'prototype', reason: `${RESERVED_REASON} (line 5)` },
    ]);
  });

  it('the reserved name is reported together with the file\'s other mistakes, in one message', () => {
    const problems = problemsOf(() => parseConfigText('{"pc": {"__proto__": {}, "id": "PC 1"}}', 'k.json'));
    expect(problems.map((p) => p.field)).toEqual(['pc.__proto__', 'pc.id']);
  });

  it('a policy file read by "hub policy set" refuses it too (the same reader)', () => {
    const problems = problemsOf(() => parseJsonText('{"web": {"__proto__": {"allow": ["evil.example"]}}}', 'policy.json', 'The policy file', 'nothing was changed'));
    expect(problems).toEqual([{ file: 'policy.json', field: 'web.__proto__', reason: `${RESERVED_REASON} (line 1)` }]);
  });

  it('any reserved name anywhere in a valid configuration is refused, named exactly, and changes nothing', () => {
    const base = { pc: { id: 'pc-2', name: 'Kone 2' }, room: { name: 'Tupa' }, web: { allow: [], mediaOrigins: [] }, help: { hours: { mon: [{ from: '09:00', to: '12:00' }] } } };
    const objectPaths: string[][] = [[], ['pc'], ['room'], ['web'], ['help'], ['help', 'hours'], ['help', 'hours', 'mon', '0']];
    fc.assert(
      fc.property(fc.constantFrom(...objectPaths), fc.constantFrom('__proto__', 'constructor', 'prototype'), fc.jsonValue({ maxDepth: 2 }), (path, name, value) => {
        const input = structuredClone(base) as Record<string, unknown>;
        const target = path.reduce<Record<string, unknown>>((at, key) => at[key] as Record<string, unknown>, input);
        Object.defineProperty(target, name, { value, enumerable: true, configurable: true, writable: true });
        const text = JSON.stringify(input, null, 2);
        const field = [...path.map((k) => (/^\d+$/.test(k) ? `[${k}]` : k)), name].join('.').replace(/\.\[/g, '[');
        const problems = problemsOf(() => parseConfigText(text, 'k.json'));
        expect(problems.filter((p) => p.reason.startsWith(RESERVED_REASON)).map((p) => p.field)).toEqual([field]);
        // As a value already parsed (JSON.parse keeps it an own property): refused as an unknown field.
        expect(() => parseConfig(JSON.parse(text), 'k.json')).toThrow(ConfigError);
        expect(Object.keys(Object.prototype)).toEqual([]);
        expect(({} as Record<string, unknown>).id).toBeUndefined();
      }),
    );
  });
});

describe('a field given twice', () => {
  it('IT sets pc.id twice: refused with both lines, not the last one silently taken', () => {
    const text = '{\n  "pc": {\n    "id": "pc-1",\n    "name": "Kone 1",\n    "id": "pc-2"\n  }\n}';
    expect(problemsOf(() => parseConfigText(text, 'k.json'))).toEqual([
      { file: 'k.json', field: 'pc.id', reason: 'is given twice (lines 3 and 5): keep one' },
    ]);
  });

  it('a whole section given three times lists every line', () => {
    const text = '{\n"idle": {},\n"idle": {},\n"room": {},\n"idle": {}\n}';
    expect(problemsOf(() => parseConfigText(text, 'k.json'))).toEqual([
      { file: 'k.json', field: 'idle', reason: 'is given 3 times (lines 2, 3 and 5): keep one' },
    ]);
  });

  it('twice on one line: the columns tell them apart', () => {
    expect(problemsOf(() => parseConfigText('{"pc": {"id": "a", "id": "b"}}', 'k.json'))).toEqual([
      { file: 'k.json', field: 'pc.id', reason: 'is given twice (line 1 column 9 and line 1 column 20): keep one' },
    ]);
  });

  it('the same name in two different sections is not a repeat', () => {
    const config = parseConfigText('{"pc": {"name": "Kone 1"}, "room": {"name": "Tupa"}}', 'k.json');
    expect([config.pc.name, config.room.name]).toEqual(['Kone 1', 'Tupa']);
  });

  it('a repeat inside a tile\'s labels is found too', () => {
    const text = '{"tiles": [{"id": "a", "url": "https://a.fi/",\n "label": {"fi": "A",\n "fi": "B"}}]}';
    expect(problemsOf(() => parseConfigText(text, 'k.json'))).toEqual([
      { file: 'k.json', field: 'tiles[0].label.fi', reason: 'is given twice (lines 2 and 3): keep one' },
    ]);
  });

  it('a repeat in a policy file stops "hub policy set" with the policy file\'s own wording', () => {
    let error: unknown;
    try {
      parseJsonText('{"idle": {"timeoutMinutes": 5,\n"timeoutMinutes": 50}}', 'policy.json', 'The policy file', 'nothing was changed');
    } catch (e) {
      error = e;
    }
    expect((error as Error).message).toBe(
      'The policy file has 1 problem; nothing was changed.\n  policy.json: idle.timeoutMinutes: is given twice (lines 1 and 2): keep one',
    );
  });
});

describe('comments', () => {
  it('a // comment is refused with its line, as the deployment guide says ("plain JSON, no comments")', () => {
    const [problem, ...rest] = problemsOf(() => parseConfigText('{\n  // the PC by the window\n  "pc": {"id": "pc-1"}\n}', 'k.json'));
    expect(rest).toEqual([]);
    expect(problem).toEqual({ file: 'k.json', field: '(file)', reason: 'is not valid JSON: line 2, column 3: comments are not allowed in JSON' });
  });
});
