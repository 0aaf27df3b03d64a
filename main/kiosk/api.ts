import { kioskMethods } from '../../preload/contract';
import type { Handlers } from '../api/router';
import type { KioskController } from './controller';
import type { Maintenance } from './maintenance';

/** The kiosk contract's handlers: thin, since the router has already checked every input. */
export function kioskHandlers(kiosk: KioskController, maintenance: Maintenance | undefined): Handlers<typeof kioskMethods> {
  const ok = { ok: true as const };
  const locked = { result: 'error' as const, reason: 'locked' as const, message: 'This PC has no maintenance screen.' };
  return {
    'kiosk.getSnapshot': () => kiosk.snapshot(),
    'kiosk.checkIn': ({ code, locale }) => kiosk.checkIn(code, locale),
    'kiosk.startWalkIn': ({ locale }) => ({ result: kiosk.startWalkIn(locale) ? 'ok' : 'not-allowed' }),
    'kiosk.endSession': () => (kiosk.endSession('resident'), ok),
    'kiosk.extendSession': () => {
      const check = kiosk.extend();
      return check.allowed ? { result: 'ok', endsAt: check.endsAt } : { result: 'refused', reason: check.reason };
    },
    'kiosk.reportActivity': () => (kiosk.activity(), ok),
    'kiosk.confirmPresence': () => (kiosk.confirmPresence(), ok),
    'kiosk.setLanguage': ({ locale }) => (kiosk.setLanguage(locale), ok),
    'kiosk.zoom': ({ change }) => ({ percent: kiosk.zoom(change) }),
    'kiosk.openTile': ({ tileId }) => ({ ok: kiosk.openTile(tileId) }),
    'kiosk.goHome': () => (kiosk.goHome(), ok),
    'kiosk.setWebArea': ({ area }) => (kiosk.setWebArea(area), ok),
    'kiosk.navigate': ({ action }) => (kiosk.navigate(action), ok),
    'kiosk.chooseFiles': async ({ names }) => (await kiosk.chooseFiles(names), ok),
    'kiosk.dismissNotice': () => (kiosk.dismissNotice(), ok),
    'kiosk.submitFeedback': ({ score }) => (kiosk.submitFeedback(score), ok),
    'kiosk.skipFeedback': () => (kiosk.skipFeedback(), ok),
    'kiosk.queue.take': () => kiosk.takeNumber(),
    'kiosk.queue.start': ({ locale }) => ({ result: kiosk.startCalledNumber(locale) ? 'ok' : 'not-called' }),
    'kiosk.requestHelp': () => ({ result: kiosk.requestHelp() }),
    'kiosk.cancelHelp': () => (kiosk.cancelHelp(), ok),
    'kiosk.dismissHelp': () => (kiosk.dismissHelp(), ok),
    'kiosk.selfBooking': (request) => kiosk.askSelfBooking(request),
    'kiosk.print.prepare': ({ file }) => kiosk.print.prepare(file),
    'kiosk.print.check': ({ range, copies }) => kiosk.print.check(range, copies),
    'kiosk.print.confirm': ({ range, copies }) => kiosk.print.confirm(range, copies),
    'kiosk.print.cancel': () => (kiosk.print.cancel(), ok),
    'kiosk.print.dismiss': () => (kiosk.print.dismiss(), ok),
    'kiosk.print.readFile': ({ name }) => kiosk.print.readFile(name),
    'kiosk.remote.ask': () => ({ result: kiosk.remoteHelp.ask() }),
    'kiosk.remote.consent': ({ given }) => kiosk.remoteHelp.consent(given),
    'kiosk.remote.signal': ({ signal }) => (kiosk.remoteHelp.relay({ kind: 'signal', signal }), ok),
    'kiosk.remote.chat': ({ text }) => (kiosk.remoteHelp.relay({ kind: 'chat', text }), ok),
    'kiosk.remote.stop': ({ reason }) => (kiosk.remoteHelp.stop(reason), ok),
    'kiosk.remote.dismiss': () => (kiosk.remoteHelp.dismiss(), ok),
    'kiosk.maintenance.unlock': async ({ pin }) => (maintenance ? maintenance.unlock(pin) : { result: 'no-pin' }),
    'kiosk.maintenance.lock': () => (maintenance?.lock(), ok),
    'kiosk.maintenance.inspectHub': async ({ address }) => (maintenance ? maintenance.inspect(address) : locked),
    'kiosk.maintenance.pair': async ({ address, fingerprint, code }) => (maintenance ? maintenance.pair(address, fingerprint, code) : locked),
  };
}

export { kioskMethods };
