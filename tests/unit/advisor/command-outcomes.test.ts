import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { CommandReason } from '../../../preload/hub-contract';
import { describeOutcome } from '../../../renderer/advisor/commands';
import type { Tr } from '../../../renderer/advisor/i18n';

const LOCALE_DIR = resolve(import.meta.dirname, '../../../resources/locales/advisor');
const translator = (lng: string): Tr => {
  const i18n = i18next.createInstance();
  void i18n.init({
    lng,
    resources: { [lng]: { translation: JSON.parse(readFileSync(join(LOCALE_DIR, `${lng}.json`), 'utf8')) as object } },
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  return (key, values) => i18n.t(key, values ?? {});
};

describe('a command\'s outcome, as the advisor reads it', () => {
  const fi = translator('fi');

  it('says in Finnish what the PC did, from its reason code and the minutes it really added', () => {
    expect(describeOutcome('extend', { outcome: 'done', minutes: 15 }, fi)).toEqual({ tone: 'success', text: 'Lisäaikaa annettiin 15 minuuttia.' });
    expect(describeOutcome('extend', { outcome: 'done', minutes: 1 }, fi).text).toBe('Lisäaikaa annettiin 1 minuutti.');
    expect(describeOutcome('extend', { outcome: 'done', reason: 'shortened', minutes: 8 }, fi)).toEqual({
      tone: 'warning',
      text: 'Lisäaikaa annettiin vain 8 minuuttia, koska seuraava varaus alkaa pian.',
    });
    expect(describeOutcome('extend', { outcome: 'failed', reason: 'next-booking' }, fi)).toEqual({ tone: 'warning', text: 'Lisäaikaa ei voitu antaa: seuraava varaus alkaa pian.' });
    expect(describeOutcome('end', { outcome: 'done' }, fi).text).toBe('Istunto lopetettiin. Tietokonetta tyhjennetään.');
    expect(describeOutcome('reset', { outcome: 'done', reason: 'recovered' }, fi).text).toBe('Tietokone tyhjennettiin, ja se on taas käytössä.');
    expect(describeOutcome('end', { outcome: 'no-answer' }, fi)).toEqual({ tone: 'error', text: 'Tietokone ei vastannut. Tarkista se paikan päällä.' });    // "Check in for them" (issue 12): started, or why not.
    expect(describeOutcome('check-in', { outcome: 'done' }, fi)).toEqual({ tone: 'success', text: 'Kirjattu sisään: istunto alkoi koneella.' });
    expect(describeOutcome('check-in', { outcome: 'failed', reason: 'not-yet' }, fi).text).toBe('Ei vielä: varauksen sisäänkirjautumisaika ei ole alkanut.');
  });

  it('has its own text for every reason a PC can give, in every language', () => {
    for (const lng of ['fi', 'sv', 'en', 'se']) {
      const tr = translator(lng);
      const texts = CommandReason.options.map((reason) => {
        const ok = reason === 'shortened' || reason === 'nothing-to-reset' || reason === 'recovered';
        return describeOutcome('extend', { outcome: ok ? 'done' : 'failed', reason, minutes: 5 }, tr).text;
      });
      // Each reason is told apart ("error" has the general failure text).
      expect(new Set(texts).size, lng).toBe(CommandReason.options.length);
      for (const text of texts) expect(text, lng).not.toMatch(/^command\./);
    }
  });
});
