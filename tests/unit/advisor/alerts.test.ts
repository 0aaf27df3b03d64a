/**
 * What the console alerts for, and how often it reminds: the pure parts of
 * renderer/advisor/alerts/ and the board's handling of alert events.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { sitePolicySchema } from '../../../main/config/policy';
import { OUT_OF_SERVICE_CAUSES } from '../../../main/core/pc-alert';
import type { Board, HelpCallView, PcAlertView } from '../../../preload/hub-contract';
import { CAUSE_TEXT, openAlerts, openCount, reminderEveryMs, unanswered } from '../../../renderer/advisor/alerts/attention';
import { applyEvent } from '../../../renderer/advisor/board-state';

const T0 = Date.parse('2026-11-23T10:00:00Z');

function board(parts: { help?: HelpCallView[]; alerts?: PcAlertView[]; repeat?: number } = {}): Board {
  return {
    site: { name: 'Raatipirtti', timeZone: 'Europe/Helsinki', caFingerprint: 'AA', alertRepeatSeconds: parts.repeat ?? 30 },
    advisor: { name: 'maija', admin: true },
    pcs: [{ id: 'pc-1', name: 'Tietokone 1', room: 'Raatipirtti', paired: true, revoked: false, online: true }],
    help: parts.help ?? [],
    alerts: parts.alerts ?? [],
    bookings: [],
    counts: { sessions: 0, walkIns: 0, booked: 0, helpCalls: 0 },
    serverTime: T0,
  };
}

const call = (state: HelpCallView['state'], id = '11111111-1111-4111-8111-111111111111'): HelpCallView => ({ id, pcId: 'pc-1', state, requestedAt: T0 });
const alert = (state: PcAlertView['state'], pcId = 'pc-1', id = '22222222-2222-4222-8222-222222222222'): PcAlertView => ({
  id,
  pcId,
  kind: 'out-of-service',
  cause: 'probe',
  state,
  raisedAt: T0,
  detail: 'probe: simulated failure',
});

describe('what rings in the console', () => {
  it('a call nobody has acknowledged, or a PC out of service nobody has taken, rings again every policy interval', () => {
    expect(reminderEveryMs(board())).toBeUndefined();
    expect(reminderEveryMs(board({ help: [call('requested')] }))).toBe(30_000);
    expect(reminderEveryMs(board({ alerts: [alert('raised')], repeat: 5 }))).toBe(5_000);
    // Answered ("I'm coming", "I'll see to it"): quiet.
    expect(reminderEveryMs(board({ help: [call('acknowledged')], alerts: [alert('acknowledged')] }))).toBeUndefined();
    // The site chose one sound per alert.
    expect(reminderEveryMs(board({ help: [call('requested')], repeat: 0 }))).toBeUndefined();
  });

  it('counts open calls and PCs out of service on the badge; cleared alerts and revoked PCs\' alerts count for nothing', () => {
    const b = board({
      help: [call('requested'), call('acknowledged', '33333333-3333-4333-8333-333333333333'), call('resolved', '44444444-4444-4444-8444-444444444444')],
      alerts: [alert('acknowledged'), alert('cleared', 'pc-1', '55555555-5555-4555-8555-555555555555'), alert('raised', 'pc-gone', '66666666-6666-4666-8666-666666666666')],
    });
    expect(openCount(b)).toBe(3);
    expect(openAlerts(b).map((a) => a.state)).toEqual(['acknowledged']);
    expect(unanswered(board({ alerts: [alert('raised', 'pc-gone')] }))).toBe(false);
  });

  it('an alert event adds the alert to the board, and its later states replace it', () => {
    const raised = applyEvent(board(), { type: 'alert', alert: alert('raised') })!;
    expect(raised.alerts).toEqual([alert('raised')]);
    const taken = applyEvent(raised, { type: 'alert', alert: { ...alert('acknowledged'), advisor: 'maija', acknowledgedAt: T0 + 1 } })!;
    expect(taken.alerts).toHaveLength(1);
    expect(taken.alerts[0]).toMatchObject({ state: 'acknowledged', advisor: 'maija' });
  });
});

describe('what the advisor reads about a PC out of service', () => {
  const dir = resolve(import.meta.dirname, '../../../resources/locales/advisor');
  for (const lng of ['fi', 'sv', 'en', 'se']) {
    it(`has plain words for every cause, and what to do, in ${lng}`, () => {
      const i18n = i18next.createInstance();
      void i18n.init({ lng, resources: { [lng]: { translation: JSON.parse(readFileSync(join(dir, `${lng}.json`), 'utf8')) as object } }, initAsync: false });
      const texts = OUT_OF_SERVICE_CAUSES.map((cause) => i18n.t(CAUSE_TEXT[cause]));
      expect(new Set(texts).size).toBe(OUT_OF_SERVICE_CAUSES.length);
      for (const text of [...texts, i18n.t('pcAlert.todo')]) {
        expect(text).not.toMatch(/^pcAlert\.|probe|wipe|simulated/i);
        expect(text.length).toBeGreaterThan(20);
      }
    });
  }
  it('says in English what to do, as the phone does', () => {
    const en = JSON.parse(readFileSync(join(dir, 'en.json'), 'utf8')) as { pcAlert: { todo: string } };
    expect(en.pcAlert.todo).toBe('What to do: restart the computer. If it fails again, call IT.');
  });
});

describe('the site policy\'s alert repeat', () => {
  it('defaults to 30 s; 0 turns it off; under 5 s (other than 0) is refused with the field named', () => {
    expect(sitePolicySchema.parse({}).help.alertRepeatSeconds).toBe(30);
    expect(sitePolicySchema.parse({ help: { alertRepeatSeconds: 0 } }).help.alertRepeatSeconds).toBe(0);
    const refused = sitePolicySchema.safeParse({ help: { alertRepeatSeconds: 3 } });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]).toMatchObject({ path: ['help', 'alertRepeatSeconds'], message: 'must be 0 (sound once) or 5 to 600 seconds' });
  });
});
