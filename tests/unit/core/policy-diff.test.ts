import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyChanges, diffPolicy } from '../../../main/core/policy-diff';
import { summarize } from '../../../main/hub/policy-versions';
import { sitePolicySchema } from '../../../main/config/policy';

const policy = sitePolicySchema.parse({});

/** JSON as a policy holds it: objects of lists of objects, strings, numbers, booleans. */
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.string({ maxLength: 6 }), fc.integer(), fc.boolean(), tie('list'), tie('object')),
  list: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), tie('value'), { maxKeys: 4 }),
})).object;

describe('what changed between two policies', () => {
  it('names each changed leaf with its value before and after', () => {
    const after = structuredClone(policy);
    after.tiles[1]!.label.en = 'Kela services';
    after.idle.timeoutMinutes = 9;
    expect(diffPolicy(policy, after)).toEqual([
      { path: ['idle', 'timeoutMinutes'], before: 5, after: 9 },
      { path: ['tiles', 1, 'label', 'en'], before: 'Kela', after: 'Kela services' },
    ]);
  });

  it('says a list that grew or shrank as one change of the whole list, and a field added or removed without the missing side', () => {
    const after = structuredClone(policy) as Record<string, unknown> & typeof policy;
    after.web.allow = ['kela.fi'];
    delete (after.tiles[0] as { description?: unknown }).description;
    const changes = diffPolicy(policy, after);
    expect(changes).toContainEqual({ path: ['web', 'allow'], before: [], after: ['kela.fi'] });
    expect(changes).toContainEqual({ path: ['tiles', 0, 'description'], before: policy.tiles[0]!.description });
    expect(diffPolicy(policy, structuredClone(policy))).toEqual([]);
  });

  it('its changes applied to the first give the second, for any two', () => {
    fc.assert(
      fc.property(json, json, (a, b) => {
        expect(applyChanges(a, diffPolicy(a, b))).toEqual(b);
      }),
    );
  });

  it('changes applied on top of a third policy keep the third where the changes say nothing', () => {
    const mine = structuredClone(policy);
    mine.idle.timeoutMinutes = 9;
    const theirs = structuredClone(policy);
    theirs.help.phone = '09 310 1';
    const merged = applyChanges(theirs, diffPolicy(policy, mine));
    expect([merged.idle.timeoutMinutes, merged.help.phone]).toEqual([9, '09 310 1']);
    expect(theirs.idle.timeoutMinutes).toBe(5);
  });

  it('sums a version up in one line: the fields, at most four named', () => {
    const path = (n: number) => ({ path: ['tiles', n, 'url'] as Array<string | number> });
    expect(summarize([])).toBe('no changes');
    expect(summarize([path(0), { path: ['help', 'phone'] }])).toBe('tiles[0].url, help.phone');
    expect(summarize([0, 1, 2, 3, 4, 5].map(path))).toBe('tiles[0].url, tiles[1].url, tiles[2].url, tiles[3].url and 2 more');
  });
});
