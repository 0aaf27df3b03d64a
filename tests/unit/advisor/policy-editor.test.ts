import { describe, expect, it } from 'vitest';
import type { PolicyProblem } from '../../../preload/policy-editor-contract';
import { sitePolicySchema } from '../../../main/config/policy';
import { policyProblems } from '../../../main/hub/policy-versions';
import { assignProblems, fieldDomId, fieldFor, problemMessage } from '../../../renderer/advisor/policy/problems';
import { formatRanges, getAt, move, parseLines, parseNumber, parseNumbers, parseRanges, setAt } from '../../../renderer/advisor/policy/draft';

/** The problems the hub finds in a policy, as the form receives them. */
function problemsOf(input: unknown): PolicyProblem[] {
  const parsed = sitePolicySchema.safeParse(input);
  if (parsed.success) throw new Error('expected the policy to be refused');
  return policyProblems(parsed.error);
}

const base = sitePolicySchema.parse({});

describe('a refused policy, field by field in the form', () => {
  // The form's fields: one box a tile's address, one a weekday, one for a whole list of hosts.
  const fields = new Set(['tiles', 'tiles.0', 'tiles.0.url', 'help.hours.mon', 'web.allow', 'web.deny', 'idle.promptSeconds', 'openingHours.exceptions.0.date']);
  const has = (key: string) => fields.has(key);

  it('puts each problem at its field, or at the nearest field above it, else at the form', () => {
    expect(fieldFor(['tiles', 0, 'url'], has)).toBe('tiles.0.url');
    expect(fieldFor(['help', 'hours', 'mon', 0, 'to'], has)).toBe('help.hours.mon');
    expect(fieldFor(['web', 'allow', 3], has)).toBe('web.allow');
    expect(fieldFor(['tiles', 0, 'label'], has)).toBe('tiles.0');
    expect(fieldFor(['sources', 'syncMinutes'], has)).toBe('');
    expect(fieldFor([], has)).toBe('');
  });

  it("maps the hub's problems with a policy to the form's fields and translated messages", () => {
    const bad = structuredClone(base) as Record<string, unknown> & typeof base;
    bad.tiles[0]!.url = 'http://www.suomi.fi/';
    bad.help.hours.mon = [{ from: '15:00', to: '09:00' }];
    bad.web.deny = ['kela.fi', 'https://bad/'];
    bad.idle.promptSeconds = 1;
    (bad as Record<string, unknown>).walkin = {};
    const problems = problemsOf(bad);
    const byField = assignProblems(problems, has);
    expect([...byField.keys()].sort()).toEqual(['', 'help.hours.mon', 'idle.promptSeconds', 'tiles.0.url', 'web.deny']);
    const message = (key: string) => byField.get(key)!.map(problemMessage);
    expect(message('tiles.0.url')).toEqual([{ key: 'policyEditor.problem.url' }]);
    expect(message('idle.promptSeconds')).toEqual([{ key: 'policyEditor.problem.min', values: { min: 20 } }]);
    expect(message('help.hours.mon')).toEqual([{ key: 'policyEditor.problem.rule' }]);
    expect(message('web.deny')).toEqual([{ key: 'policyEditor.problem.format' }]);
    expect(message('')).toEqual([{ key: 'policyEditor.problem.unknownField' }]);
    // The precise English reason and the path as IT reads it go along.
    expect(byField.get('help.hours.mon')![0]).toMatchObject({ field: 'help.hours.mon[0].to', reason: expect.stringContaining('must be later than "from" (15:00)') });
  });

  it('says bounds of lists, texts and numbers each in their own words', () => {
    const bounds = (problem: Partial<PolicyProblem>) => problemMessage({ path: [], field: '', code: '', reason: '', ...problem });
    expect(bounds({ code: 'too_small', origin: 'array', minimum: 1 })).toEqual({ key: 'policyEditor.problem.minItems', values: { count: 1 } });
    expect(bounds({ code: 'too_big', origin: 'array', maximum: 24 })).toEqual({ key: 'policyEditor.problem.maxItems', values: { count: 24 } });
    expect(bounds({ code: 'too_small', origin: 'string', minimum: 1 })).toEqual({ key: 'policyEditor.problem.required' });
    expect(bounds({ code: 'too_big', origin: 'string', maximum: 60 })).toEqual({ key: 'policyEditor.problem.maxLength', values: { count: 60 } });
    expect(bounds({ code: 'too_big', origin: 'number', maximum: 120 })).toEqual({ key: 'policyEditor.problem.max', values: { max: 120 } });
    expect(bounds({ code: 'invalid_type' })).toEqual({ key: 'policyEditor.problem.type' });
    expect(bounds({ code: 'something_new' })).toEqual({ key: 'policyEditor.problem.other' });
  });

  it('gives every field key an element id of letters, digits and dashes', () => {
    expect(fieldDomId('tiles.0.label.en-XA')).toBe('policy-tiles-0-label-en-XA');
  });
});

describe('the draft as the form writes it', () => {
  it('sets and reads a field by path, copying only what is on the way, and removes a field set to nothing', () => {
    const next = setAt(base, ['tiles', 1, 'label', 'en'], 'Kela services') as typeof base;
    expect(getAt(next, ['tiles', 1, 'label', 'en'])).toBe('Kela services');
    expect(base.tiles[1]!.label.en).toBe('Kela');
    expect(next.help).toBe(base.help);
    const without = getAt(setAt(next, ['tiles', 1, 'label', 'en'], undefined), ['tiles', 1, 'label']) as Record<string, string>;
    expect(without).not.toHaveProperty('en');
    expect(without).toMatchObject({ fi: 'Kela', sv: 'FPA', se: 'Kela' });
  });

  it('moves a tile up and down, and not past either end', () => {
    expect(move(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(move(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
    expect(move(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
  });

  it('reads hours, lists and numbers as written, leaving what it cannot read for the hub to name', () => {
    expect(parseRanges('09:00–15:00, 16:00 - 18:00')).toEqual([
      { from: '09:00', to: '15:00' },
      { from: '16:00', to: '18:00' },
    ]);
    expect(parseRanges('')).toEqual([]);
    expect(parseRanges('9')).toEqual([{ from: '9', to: '' }]);
    expect(formatRanges(parseRanges('09:00-15:00,16:00-18:00'))).toBe('09:00–15:00, 16:00–18:00');
    expect(parseLines(' kela.fi \n\n*.suomi.fi\n')).toEqual(['kela.fi', '*.suomi.fi']);
    expect(parseNumber(' 15 ')).toBe(15);
    expect(parseNumber('15 min')).toBe('15 min');
    expect(parseNumbers('10, 5 1')).toEqual([10, 5, 1]);
    expect(sitePolicySchema.safeParse({ warnings: { minutes: parseNumbers('10, x') } }).error?.issues[0]?.path).toEqual(['warnings', 'minutes', 1]);
  });
});
