import { createHash } from 'node:crypto';
import { request } from 'node:https';
import { JSON_SCHEMA, load } from 'js-yaml';
import { compareVersions } from '../../main/core/update-rules';
import type { UpdateFeed, UpdaterPort } from '../../main/kiosk/updates';

/**
 * The kiosk's UpdaterPort without Electron: what electron-updater's generic
 * provider does, over real HTTPS to the hub with the pinned site CA and the
 * device token — reads latest-linux.yml, compares versions (never back),
 * downloads the first file and checks its size and SHA-512. `install()`
 * only records the call (the real one quits and restarts the app).
 */
export class FakeUpdater implements UpdaterPort {
  installs: Array<{ version: string; at: number }> = [];
  checks = 0;
  downloads = 0;
  private found: { version: string; url: string; sha512: string; size: number } | undefined;
  private feed: UpdateFeed | undefined;

  constructor(
    public running: string,
    private readonly now: () => number = Date.now,
    readonly channel = 'latest-linux.yml',
  ) {}

  async check(feed: UpdateFeed): Promise<string | undefined> {
    this.checks += 1;
    this.feed = feed;
    const answer = await get(feed, `/updates/${this.channel}`);
    if (answer.status !== 200) throw new Error(`update check: HTTP ${answer.status}`);
    const info = load(answer.body.toString('utf8'), { schema: JSON_SCHEMA }) as { version: string; files: Array<{ url: string; sha512: string; size: number }> };
    if (compareVersions(info.version, this.running) <= 0) {
      this.found = undefined;
      return undefined;
    }
    const file = info.files[0];
    if (!file) throw new Error('update check: the metadata names no file');
    this.found = { version: info.version, ...file };
    return info.version;
  }

  async download(): Promise<void> {
    const found = this.found;
    if (!found || !this.feed) throw new Error('nothing to download');
    this.downloads += 1;
    const answer = await get(this.feed, `/updates/${found.url}`);
    if (answer.status !== 200) throw new Error(`download: HTTP ${answer.status}`);
    if (answer.body.length !== found.size) throw new Error('download: wrong size');
    if (createHash('sha512').update(answer.body).digest('base64') !== found.sha512) throw new Error('sha512 checksum mismatch');
  }

  install(): void {
    this.installs.push({ version: this.found!.version, at: this.now() });
  }
}

export function get(feed: UpdateFeed, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: Buffer; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, feed.address),
      { ca: feed.caPem, checkServerIdentity: () => undefined, headers: { authorization: `Bearer ${feed.deviceToken}`, ...headers }, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.headers }));
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error('no answer from the hub')));
    req.on('error', reject);
    req.end();
  });
}
