import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CITY_CATALOGUES, remoteSharedMinutes, remoteWaitMinutes, renderCsv } from '../../../main/city/csv';
import { defuse, oneDecimal, quote } from '../../../main/sync/csv';
import type { Dashboard } from '../../../preload/city-contract';

describe('the CSV export', () => {
  it('quotes per RFC 4180 only what needs it', () => {
    expect(quote('Kemijärvi', ',')).toBe('Kemijärvi');
    expect(quote('Rovaniemi, keskusta', ',')).toBe('"Rovaniemi, keskusta"');
    expect(quote('Rovaniemi, keskusta', ';')).toBe('Rovaniemi, keskusta');
    expect(quote('Pirtti; Itä', ';')).toBe('"Pirtti; Itä"');
    expect(quote('"Pirtti"', ',')).toBe('"""Pirtti"""');
    expect(quote('two\nlines', ',')).toBe('"two\nlines"');
  });

  it('defuses what a spreadsheet would run as a formula', () => {
    for (const text of ['=1+1', '+358 40', '-2', '@SUM(A1)', '\tx', '\rx']) expect(defuse(text)).toBe(`'${text}`);
    for (const text of ['Kemijärvi', '<5', "'quoted", '1=1']) expect(defuse(text)).toBe(text);
  });

  it('rounds the average to one decimal, halves up, without binary surprises', () => {
    expect(oneDecimal(901, 20)).toBe('45.1');
    expect(oneDecimal(0, 3)).toBe('0.0');
    expect(oneDecimal(10, 3)).toBe('3.3');
    expect(oneDecimal(20, 3)).toBe('6.7');
    expect(oneDecimal(7, 1)).toBe('7.0');
  });

  it('keeps every row one line that splits back into its fields, whatever the site is called', () => {
    const parse = (line: string, sep: string) => {
      const fields: string[] = [];
      let field = '';
      let quoted = false;
      for (let i = 0; i < line.length; i++) {
        const c = line[i]!;
        if (quoted && c === '"' && line[i + 1] === '"') {
          field += '"';
          i++;
        } else if (c === '"') {
          quoted = !quoted;
        } else if (!quoted && c === sep) {
          fields.push(field);
          field = '';
        } else {
          field += c;
        }
      }
      fields.push(field);
      return fields;
    };
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 30, unit: fc.constantFrom('a', 'ä', ',', ';', '"', '=', '+', '-', '@', ' ', '\n', '\r') }), fc.constantFrom('point' as const, 'comma' as const), (name, decimal) => {
        const dashboard: Dashboard = {
          sites: [{ id: 'kemi', name }],
          months: ['2026-05'],
          rows: [
            {
              site: 'kemi',
              month: '2026-05',
              sessions: 3,
              minutes: 10,
              helpCalls: 0,
              noShows: 0,
              pages: 0,
              remoteCalls: 7,
              breakdown: { 'feedback.good': '<5', 'remote-answered': 6, 'remote-wait-seconds': 500, 'remote-shared-seconds': '<5' },
              updatedAt: 0,
            },
          ],
        };
        const csv = renderCsv(dashboard, { decimal, lang: 'en' });
        const sep = decimal === 'comma' ? ';' : ',';
        const body = csv.slice(1, -2);
        const [, row] = body.split(/\r\n(?=kemi)/);
        const fields = parse(row!, sep);
        expect(fields).toHaveLength(15);
        expect(fields[1]).toBe(defuse(name));
        expect(fields[7]).toBe('0');
        // Help on the screen: 7 calls, 6 answered after 500 s in all (1.4 min on average), the time shown suppressed.
        expect(fields.slice(8, 11)).toEqual(['7', decimal === 'comma' ? '1,4' : '1.4', '<5']);
        expect(fields[11]).toBe(decimal === 'comma' ? '3,3' : '3.3');
        expect(fields[12]).toBe('<5');
      }),
    );
  });

  it('writes remote help\'s wait and shown time as averages and totals only where the site sent them as numbers', () => {
    expect(remoteWaitMinutes({})).toBe('');
    expect(remoteWaitMinutes({ 'remote-answered': '<5', 'remote-wait-seconds': '<5' })).toBe('<5');
    // Answered within the second: no seconds to send, an average of nothing.
    expect(remoteWaitMinutes({ 'remote-answered': 5 })).toBe('0.0');
    expect(remoteWaitMinutes({ 'remote-answered': 5, 'remote-wait-seconds': '<5' })).toBe('<5');
    expect(remoteWaitMinutes({ 'remote-answered': 8, 'remote-wait-seconds': 1200 })).toBe('2.5');
    expect(remoteSharedMinutes({})).toBe('0.0');
    expect(remoteSharedMinutes({ 'remote-shared-seconds': '<5' })).toBe('<5');
    expect(remoteSharedMinutes({ 'remote-shared-seconds': 5430 })).toBe('90.5');
  });

  it('has the same header keys in Finnish, English and Swedish', () => {
    const keys = Object.keys(CITY_CATALOGUES.en.csv).sort();
    expect(Object.keys(CITY_CATALOGUES.fi.csv).sort()).toEqual(keys);
    expect(Object.keys(CITY_CATALOGUES.sv.csv).sort()).toEqual(keys);
    for (const lang of ['fi', 'sv'] as const) for (const key of keys) expect(CITY_CATALOGUES[lang].csv[key as keyof typeof CITY_CATALOGUES.en.csv]).not.toBe('');
  });
});
