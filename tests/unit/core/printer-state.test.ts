import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRINTER_CAUSES, PRINTER_REASONS, printerLabel, printerProblem, printerReasons, printerReport } from '../../../main/core/printer-state';

describe('the printer state as the advisor reads it', () => {
  it('keeps the known reasons whatever their suffix, each once, and names the rest "other"', () => {
    expect(printerReasons(['media-empty-error', 'toner-low-report', 'media-needed-warning', 'none', 'paused'])).toEqual(['media-empty', 'toner-low']);
    expect(printerReasons(['cover-open-error', 'marker-supply-empty-error', 'fuser-over-temp-error'])).toEqual(['toner-empty', 'door-open', 'other']);
    expect(printerReasons(['MEDIA-JAM-ERROR'])).toEqual(['media-jam']);
    expect(printerReasons([])).toEqual([]);
  });

  it('any reasons at all: the result is a subset of the closed set, in its order, without repeats', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom('media-empty', 'toner-low', 'door-open', 'none', 'offline', 'cover-open'), fc.string({ maxLength: 30 }))), fc.constantFrom('', '-report', '-warning', '-error'), (raw, suffix) => {
        const out = printerReasons(raw.map((r) => r + suffix));
        expect(new Set(out).size).toBe(out.length);
        expect(out.every((r) => (PRINTER_REASONS as readonly string[]).includes(r))).toBe(true);
        expect([...out].sort((a, b) => PRINTER_REASONS.indexOf(a) - PRINTER_REASONS.indexOf(b))).toEqual(out);
      }),
    );
  });

  it('a problem is what someone must fix: errors and stops, never a warning', () => {
    expect(printerProblem(printerReport('unreachable'))).toBe('unreachable');
    expect(printerProblem(printerReport({ state: 'idle', reasons: ['toner-low-report', 'media-low-warning'] }))).toBeUndefined();
    expect(printerProblem(printerReport({ state: 'processing', reasons: ['media-empty-error'] }))).toBe('media-empty');
    expect(printerProblem(printerReport({ state: 'stopped', reasons: ['media-jam-error', 'media-empty-error'] }))).toBe('media-jam');
    expect(printerProblem(printerReport({ state: 'stopped', reasons: ['fuser-over-temp-error'] }))).toBe('stopped');
    expect(printerProblem(printerReport({ state: 'idle', reasons: [] }))).toBeUndefined();
    fc.assert(
      fc.property(fc.constantFrom('idle', 'processing', 'stopped' as const), fc.subarray([...PRINTER_REASONS]), (state, reasons) => {
        const cause = printerProblem({ state, reasons });
        if (cause !== undefined) expect(PRINTER_CAUSES).toContain(cause);
        // A stopped printer is always a problem; a working one only for a reason that stops printing.
        if (state === 'stopped') expect(cause).toBeDefined();
        else expect(cause !== undefined).toBe(reasons.some((r) => ['media-empty', 'media-jam', 'toner-empty', 'door-open'].includes(r)));
      }),
    );
  });

  it('names a printer by host, port and path, never by a user name or password in its address', () => {
    expect(printerLabel('ipp://10.1.2.3:631/printers/aula')).toBe('10.1.2.3:631/printers/aula');
    expect(printerLabel('ipps://tulostin.example/ipp/print')).toBe('tulostin.example/ipp/print');
    expect(printerLabel('ipp://it:salainen@10.1.2.3/ipp/print')).toBe('10.1.2.3/ipp/print');
    expect(printerLabel('ipp://10.1.2.3/')).toBe('10.1.2.3');
    expect(printerLabel('not a url')).toBe('printer');
  });
});
