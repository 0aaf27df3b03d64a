import { describe, expect, it } from 'vitest';
import { jsonNestingExceeds } from '../../../main/api/json-body';

describe('how deep a JSON body nests', () => {
  it('counts objects and arrays inside one another, not one after another', () => {
    expect(jsonNestingExceeds('{"a":[1,{"b":[2]}]}', 4)).toBe(false);
    expect(jsonNestingExceeds('{"a":[1,{"b":[2]}]}', 3)).toBe(true);
    expect(jsonNestingExceeds(`[${'[1],'.repeat(10_000)}[1]]`, 2)).toBe(false);
    expect(jsonNestingExceeds(`${'['.repeat(5000)}${']'.repeat(5000)}`, 32)).toBe(true);
    expect(jsonNestingExceeds('{"a":'.repeat(33) + '1' + '}'.repeat(33), 32)).toBe(true);
    expect(jsonNestingExceeds('{"a":'.repeat(32) + '1' + '}'.repeat(32), 32)).toBe(false);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(jsonNestingExceeds(JSON.stringify({ text: '[[[[[[{{{{{{' }), 1)).toBe(false);
    expect(jsonNestingExceeds(JSON.stringify({ text: 'a "quoted" [[[[ \\ [[[' }), 1)).toBe(false);
    expect(jsonNestingExceeds(JSON.stringify({ text: '\\' , list: [[1]] }), 2)).toBe(true);
  });
});
