import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { APP_CATALOGUES, appText } from '../../../main/i18n/app-text';

// The advisor app's own dialog texts (main process), in every language the kiosk offers.

describe('the main process\'s texts', () => {
  it('has every key in every language, none empty', () => {
    const keys = Object.keys(APP_CATALOGUES.en).sort();
    for (const [locale, texts] of Object.entries(APP_CATALOGUES)) {
      expect(Object.keys(texts).sort(), locale).toEqual(keys);
      for (const [key, text] of Object.entries(texts)) expect(text.trim(), `${locale}.${key}`).not.toBe('');
    }
  });

  it('speaks the site\'s language, Finnish by default, and English for the test locales', () => {
    expect(appText('fi')('closeTitle')).toBe('Suljetaanko Tupa?');
    expect(appText('sv')('close')).toBe('Stäng');
    expect(appText('en-XA')('cancel')).toBe('Keep open');
  });

  it('uses every key it has', () => {
    const source = readFileSync(resolve(import.meta.dirname, '../../../main/index.ts'), 'utf8');
    for (const key of Object.keys(APP_CATALOGUES.en)) expect(source, key).toContain(`t('${key}')`);
  });
});
