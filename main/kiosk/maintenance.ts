import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../core/clock';
import { CodeThrottle } from '../core/throttle';
import type { Logger } from '../log/logger';
import { saveCodeKey } from '../store/code-key';
import { writePrivateFile } from '../store/private-file';
import { keepThrottle, type KeptThrottle } from '../store/throttle-file';
import { hashPassword, verifyPassword } from '../hub/auth';
import type { MaintenanceView } from './snapshot';
import type { HubAttachment } from './hub-attachment';
import { errorCode, hubAddress, inspectHub, pairWithHub, PairingError, writePairing } from './pairing';

const PIN_FILE = 'maintenance-pin';
const THROTTLE_FILE = 'maintenance-throttle.json';
/** Residents can reach the PIN prompt: at least six digits (a million tries, five every five minutes). */
export const MIN_PIN_DIGITS = 6;
const PIN_PATTERN = new RegExp(`^\\d{${MIN_PIN_DIGITS},12}$`);
const UNLOCKED_FOR_MS = 5 * 60_000;

/** Sets the PC's admin PIN (IT, from the command line). */
export async function setMaintenancePin(dataDir: string, pin: string): Promise<void> {
  if (!PIN_PATTERN.test(pin)) throw new Error(`the PIN must be ${MIN_PIN_DIGITS} to 12 digits`);
  writePrivateFile(join(dataDir, PIN_FILE), await hashPassword(pin));
}

type InspectResult = { result: 'ok'; address: string; fingerprint: string } | { result: 'error'; reason: 'locked' | PairingError['reason']; message: string; code?: string };
type PairResult = { result: 'ok'; siteName: string } | { result: 'error'; reason: 'locked' | 'fingerprint-changed' | PairingError['reason']; message: string; code?: string };

/** A failure as the screen gets it: the reason and code it words in the PC's language, and the detail for IT. */
function failure(error: unknown): { result: 'error'; reason: PairingError['reason']; message: string; code?: string } {
  const e = error instanceof PairingError ? error : new PairingError('unreachable', (error as Error).message, errorCode(error));
  return { result: 'error', reason: e.reason, message: e.message, ...(e.code ? { code: e.code } : {}) };
}

/**
 * The PC's maintenance screen for IT: behind an admin PIN (wrong PINs
 * throttled like booking codes), it shows the hub connection and pairs the
 * PC with a hub, after IT has compared the site CA's fingerprint.
 */
export class Maintenance {
  private unlockedUntil = 0;
  private readonly throttle = new CodeThrottle({ maxWrong: 5, windowSeconds: 300, lockSeconds: 300 });
  private attempts: Promise<unknown> = Promise.resolve();
  private readonly inspected = new Map<string, { caPem: string; fingerprint: string }>();
  private readonly kept: KeptThrottle;

  constructor(
    private readonly deps: {
      dataDir: string;
      clock: Clock;
      logger: Logger;
      hub: HubAttachment;
      pc: { pcId: string; name: string; room: string };
      /** After pairing: the key the hub gave this PC replaces the one it had. */
      onPaired: (codeKey: Buffer) => void;
      changed: () => void;
    },
  ) {
    this.kept = keepThrottle(this.throttle, join(deps.dataDir, THROTTLE_FILE), (error) =>
      deps.logger.warn('maintenance throttle not saved', { error: error.message }),
    );
  }

  view(): MaintenanceView {
    const info = this.deps.hub.status();
    const hub: MaintenanceView['hub'] = { mode: info.mode, state: info.state };
    if (info.address) hub.address = info.address;
    if (info.siteName) hub.siteName = info.siteName;
    if (info.caFingerprint) hub.caFingerprint = info.caFingerprint;
    if (info.detail) hub.detail = info.detail;
    return { unlocked: this.unlocked(), pinSet: existsSync(join(this.deps.dataDir, PIN_FILE)), hub };
  }

  /**
   * Checks the PIN. Attempts run one after another, so many at once cannot
   * all pass the throttle before the first is counted; the count is kept on
   * disk, so a restart does not reset it.
   */
  unlock(pin: string): Promise<{ result: 'ok' } | { result: 'wrong' } | { result: 'throttled'; until: number } | { result: 'no-pin' }> {
    const run = this.attempts.then(() => this.checkPin(pin));
    this.attempts = run.catch(() => undefined);
    return run;
  }

  private async checkPin(pin: string): Promise<{ result: 'ok' } | { result: 'wrong' } | { result: 'throttled'; until: number } | { result: 'no-pin' }> {
    this.kept.load();
    const now = this.deps.clock.now();
    const file = join(this.deps.dataDir, PIN_FILE);
    if (!existsSync(file)) return { result: 'no-pin' };
    const status = this.throttle.status(now);
    if (status.locked) return { result: 'throttled', until: status.until };
    if (!(await verifyPassword(readFileSync(file, 'utf8').trim(), pin))) {
      const after = this.throttle.recordWrong(now);
      this.kept.save();
      this.deps.logger.warn('maintenance PIN refused');
      return after.locked ? { result: 'throttled', until: after.until } : { result: 'wrong' };
    }
    this.throttle.recordRight();
    this.kept.save();
    this.unlockedUntil = now + UNLOCKED_FOR_MS;
    this.deps.logger.info('maintenance screen opened');
    this.deps.changed();
    return { result: 'ok' };
  }

  lock(): void {
    this.unlockedUntil = 0;
    this.inspected.clear();
    this.deps.changed();
  }

  async inspect(typed: string): Promise<InspectResult> {
    if (!this.touch()) return { result: 'error', reason: 'locked', message: 'Enter the admin PIN first.' };
    let address: string;
    try {
      address = hubAddress(typed);
    } catch {
      return { result: 'error', reason: 'unreachable', message: `"${typed}" is not an address`, code: 'invalid-address' };
    }
    try {
      const found = await inspectHub(address);
      this.inspected.set(address, found);
      return { result: 'ok', address, fingerprint: found.fingerprint };
    } catch (error) {
      return failure(error);
    }
  }

  async pair(typed: string, fingerprint: string, code: string): Promise<PairResult> {
    if (!this.touch()) return { result: 'error', reason: 'locked', message: 'Enter the admin PIN first.' };
    const address = hubAddress(typed);
    const seen = this.inspected.get(address);
    // Pins exactly the CA whose fingerprint IT compared, not whatever answers now.
    if (!seen || seen.fingerprint !== fingerprint) {
      return { result: 'error', reason: 'fingerprint-changed', message: 'Check the hub again: the fingerprint compared is not the one the hub offers now.' };
    }
    try {
      const paired = await pairWithHub(address, seen.caPem, code, this.deps.pc);
      const pairing = {
        address,
        caPem: seen.caPem,
        caFingerprint: seen.fingerprint,
        deviceToken: paired.deviceToken,
        pcId: this.deps.pc.pcId,
        siteName: paired.siteName,
        pairedAt: this.deps.clock.now(),
      };
      writePairing(this.deps.dataDir, pairing);
      saveCodeKey(this.deps.dataDir, paired.codeKey);
      this.deps.onPaired(paired.codeKey);
      await this.deps.hub.stopEmbedded();
      this.deps.hub.connect('paired', pairing);
      this.deps.logger.info('paired with a hub', { site: paired.siteName });
      this.deps.changed();
      return { result: 'ok', siteName: paired.siteName };
    } catch (error) {
      return failure(error);
    }
  }

  private unlocked(): boolean {
    return this.deps.clock.now() < this.unlockedUntil;
  }

  /** Every action keeps the screen open for another five minutes. */
  private touch(): boolean {
    if (!this.unlocked()) return false;
    this.unlockedUntil = this.deps.clock.now() + UNLOCKED_FOR_MS;
    return true;
  }
}
