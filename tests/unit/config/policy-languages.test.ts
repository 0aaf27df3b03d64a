import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../main/config/load';
import { kioskLanguages } from '../../../main/config/policy-languages';
import { UsageEventSchema } from '../../../main/core/usage';
import { eventMetrics } from '../../../main/sync/figures';
import { BreakdownMetric } from '../../../preload/city-contract';
import { RESIDENT_LOCALES } from '../../../preload/contract';
import { problemsOf } from './support';

describe('the site\'s languages (policy "languages")', () => {
  it('default to each PC\'s own locales when the site sets none', () => {
    const config = parseConfig({}, 'k.json');
    expect(config.languages).toEqual({ offered: [] });
    expect(kioskLanguages(config.languages, config.locales)).toEqual({ default: 'fi', available: ['fi', 'sv', 'en', 'se'] });
  });

  it('offer the site\'s languages in its order, starting in its default', () => {
    const config = parseConfig({ languages: { default: 'uk', offered: ['fi', 'fi-x-selko', 'uk', 'ar'] } }, 'k.json');
    expect(kioskLanguages(config.languages, config.locales)).toEqual({ default: 'uk', available: ['fi', 'fi-x-selko', 'uk', 'ar'] });
  });

  it('keep the default among those offered (a PC\'s default the site does not offer: the site\'s first)', () => {
    const config = parseConfig({ locales: { default: 'se' }, languages: { offered: ['fi', 'so'] } }, 'k.json');
    expect(kioskLanguages(config.languages, config.locales)).toEqual({ default: 'fi', available: ['fi', 'so'] });
  });

  it('refuse a default not offered, a language twice and a language Tupa does not have, naming the field', () => {
    expect(problemsOf(() => parseConfig({ languages: { default: 'ru', offered: ['fi', 'uk'] } }, 'k.json'))).toEqual([
      { file: 'k.json', field: 'languages.default', reason: 'is not among the offered languages (found "ru")' },
    ]);
    expect(problemsOf(() => parseConfig({ languages: { offered: ['fi', 'fi'] } }, 'k.json'))[0]).toMatchObject({ field: 'languages.offered', reason: 'names a language twice (found ["fi","fi"])' });
    expect(problemsOf(() => parseConfig({ languages: { offered: ['fi', 'de'] } }, 'k.json'))[0]).toMatchObject({ field: 'languages.offered[1]' });
  });
});

describe('the new languages in the usage figures', () => {
  it('are accepted in usage events and counted apart in the city\'s breakdown (plain Finnish too)', () => {
    for (const language of RESIDENT_LOCALES) {
      expect(UsageEventSchema.safeParse({ type: 'session-started', kind: 'walk-in', language }).success, language).toBe(true);
      const metric = eventMetrics({ at: Date.UTC(2026, 11, 7, 10), type: 'session-started', data: { kind: 'walk-in', language } }, 'Europe/Helsinki').add[1]![0];
      expect(metric).toBe(`language.${language}`);
      expect(BreakdownMetric.safeParse(metric).success, metric).toBe(true);
    }
    expect(UsageEventSchema.safeParse({ type: 'session-started', kind: 'walk-in', language: 'fi-x-selko; DROP' }).success).toBe(false);
    expect(BreakdownMetric.safeParse('language.fi-x-' + 'a'.repeat(20)).success).toBe(false);
  });
});
