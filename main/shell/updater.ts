import { X509Certificate } from 'node:crypto';
import { app } from 'electron';
import { autoUpdater } from 'electron-updater';
import type { Clock } from '../core/clock';
import type { Logger } from '../log/logger';
import { signedBy } from '../hub/tls';
import type { UpdateFeed, UpdaterPort } from '../kiosk/updates';

/**
 * The kiosk's UpdaterPort on a room PC: electron-updater's generic provider
 * pointed at the site hub's /updates/ (main/hub/updates.ts), the device
 * token in every request's Authorization header, and the site CA pinned.
 *
 * Pinning: electron-updater makes its requests with Electron's `net` in a
 * session of its own (partition "electron-updater", `autoUpdater.netSession`),
 * so Chromium verifies the hub's certificate, and the OS does not trust the
 * site CA. That session's certificate verify proc accepts exactly what the
 * kiosk's own hub link accepts (main/kiosk/hub-link.ts): a server
 * certificate, valid now, signed by the site CA the PC pinned at pairing —
 * whatever name IT reaches the hub by. Everything else is refused (-2), so
 * the updater can talk to no other server. Not verified here (no Electron
 * binary on the build machines): that `request.certificate.data` is the
 * leaf's PEM as documented, and that Chromium's cache of the proc's answer
 * (per certificate) does not outlive a new pairing — the proc is set again
 * on every new feed. docs/deployment.md lists what was tried only on real PCs.
 */
export class ElectronUpdater implements UpdaterPort {
  private configuredFor: string | undefined;

  constructor(
    private readonly logger: Logger,
    private readonly clock: Clock,
  ) {}

  get running(): string {
    return app.getVersion();
  }

  async check(feed: UpdateFeed): Promise<string | undefined> {
    this.configure(feed);
    const result = await autoUpdater.checkForUpdates();
    // null: not a packaged app (development); nothing to do.
    return result?.isUpdateAvailable ? result.updateInfo.version : undefined;
  }

  async download(): Promise<void> {
    // electron-updater checks the download's SHA-512 against the metadata and refuses a mismatch.
    await autoUpdater.downloadUpdate();
  }

  install(): void {
    // Silent (NSIS /S; an AppImage is replaced in place), and the new version started after.
    autoUpdater.quitAndInstall(true, true);
  }

  private configure(feed: UpdateFeed): void {
    const key = `${feed.address}\n${feed.caPem}\n${feed.deviceToken}`;
    if (this.configuredFor === key) return;
    this.configuredFor = key;
    autoUpdater.autoDownload = false;
    // Quitting for any reason between sessions installs what is downloaded; a session is over by then anyway.
    autoUpdater.autoInstallOnAppQuit = true;
    // Rollback is a higher version: never install an older one (setting a channel would turn this on).
    autoUpdater.allowDowngrade = false;
    autoUpdater.logger = {
      info: (m: unknown) => this.logger.debug('updater', { detail: String(m).slice(0, 200) }),
      warn: (m: unknown) => this.logger.warn('updater', { detail: String(m).slice(0, 200) }),
      error: (m: unknown) => this.logger.error('updater', { detail: String(m).slice(0, 200) }),
    };
    autoUpdater.setFeedURL({ provider: 'generic', url: `${feed.address.replace(/\/$/, '')}/updates/`, requestHeaders: { authorization: `Bearer ${feed.deviceToken}` } });
    autoUpdater.netSession.setCertificateVerifyProc((request, callback) => {
      callback(signedBySiteCa(request.certificate.data, feed.caPem, this.clock.now()) ? 0 : -2);
    });
  }
}

/** A server certificate (PEM) valid at `now` and signed by the pinned site CA (main/hub/tls.ts's check, as the hub link's TLS does it). */
function signedBySiteCa(leafPem: string, caPem: string, now: number): boolean {
  try {
    const leaf = new X509Certificate(leafPem);
    return signedBy(leafPem, caPem) && Date.parse(leaf.validFrom) <= now && now <= Date.parse(leaf.validTo);
  } catch {
    return false;
  }
}
