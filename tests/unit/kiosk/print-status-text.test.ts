import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import en from '../../../resources/locales/en.json';
import fi from '../../../resources/locales/fi.json';
import { statusText } from '../../../renderer/kiosk/print/status-text';
import type { PrintView } from '../../../preload/contract';

const i18n = i18next.createInstance();
await i18n.init({ resources: { en: { translation: en }, fi: { translation: fi } }, lng: 'en', interpolation: { escapeValue: false } });

const view = (job: PrintView['job']): PrintView => ({ left: 10, leftToday: 10, files: [], preparing: false, ...(job ? { job } : {}) });

describe('the print dialog says who was told of a printer fault', () => {
  it('with a hub, the advisor has been told (the hub raised a printer alert); without one, the resident is asked to tell the staff', () => {
    const outOfPaper = view({ state: 'failed', sheets: 2, failure: 'media-empty', seq: 1 });
    expect(statusText(outOfPaper, i18n.t, true)).toBe('The printer is out of paper. The advisor has been told.');
    expect(statusText(outOfPaper, i18n.t, false)).toBe('The printer is out of paper. Please tell the staff.');
    const jammed = view({ state: 'printing', sheets: 3, failure: 'media-jam', seq: 2 });
    expect(statusText(jammed, i18n.t, false)).toMatch(/paper jam\. Please tell the staff\.$/);
    expect(statusText(jammed, i18n.t, false)).not.toMatch(/advisor has been told/);
    // A fault nobody is told of reads the same either way.
    const unreachable = view({ state: 'failed', sheets: 1, failure: 'unreachable', seq: 3 });
    expect(statusText(unreachable, i18n.t, false)).toBe(statusText(unreachable, i18n.t, true));
  });

  it('in Finnish too', async () => {
    const fiT = i18n.getFixedT('fi');
    expect(statusText(view({ state: 'failed', sheets: 1, failure: 'stopped', seq: 1 }), fiT, false)).toBe('Tulostin on pysähtynyt. Kerro siitä henkilökunnalle.');
  });
});
