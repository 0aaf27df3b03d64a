/**
 * The preview's data folder: the demo site's keys and databases are
 * readable by their owner only while it runs, and a folder the preview made
 * for itself is gone when it stops (one given with --data-dir is kept).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startEntry, type EntryProcess } from '../support/entry-process';
import { removeTempDirs, tempDir } from './support';

const running: EntryProcess[] = [];

beforeAll(() => {
  const built = join(ROOT, 'out/main/preview.js');
  if (!existsSync(built)) throw new Error(`${built} is missing: run "npx electron-vite build" first`);
});

afterEach(async () => {
  for (const p of running.splice(0)) await p.stop('SIGKILL');
  removeTempDirs();
});

async function preview(extra: string[]): Promise<{ entry: EntryProcess; dataDir: string }> {
  const args = [join(ROOT, 'out/main/preview.js'), '--port', '0', '--hub-port', '0', '--city-port', '0', '--no-demo', ...extra];
  const entry = await startEntry({ args, ready: /^data: (\S+)(.*)$/m, what: 'the preview', timeoutMs: 40_000 });
  running.push(entry);
  return { entry, dataDir: entry.ready[1]! };
}

/** Every file under a folder whose name says it holds a secret: a database and its WAL/SHM, a key, a PIN. */
function secretFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.sqlite(-wal|-shm)?$|(^|\/)code-key$|maintenance-pin$|key\.pem$/.test(name))
    .map((name) => join(dir, name));
}

describe.runIf(process.platform !== 'win32')('the preview\'s data folder', () => {
  it('keeps the demo site\'s databases and keys owner-only, and removes the folder it made when it stops', async () => {
    const { entry, dataDir } = await preview([]);
    expect(entry.ready[2]).toBe(' (removed when the preview stops)');
    const secrets = secretFiles(dataDir);
    // The kiosk's, the hub's (with the site CA's key) and the city's databases, each with its WAL.
    for (const db of ['kiosk.sqlite', join('hub', 'hub.sqlite')]) {
      expect(secrets).toContain(join(dataDir, db));
      expect(secrets).toContain(join(dataDir, `${db}-wal`));
    }
    for (const file of secrets) expect(statSync(file).mode & 0o777, file).toBe(0o600);
    expect(await entry.stop('SIGTERM')).toBe(0);
    expect(existsSync(dataDir)).toBe(false);
  }, 90_000);

  it('keeps a folder given with --data-dir', async () => {
    const given = tempDir('tupa-preview-kept-');
    const { entry, dataDir } = await preview(['--data-dir', given]);
    expect(dataDir).toBe(given);
    expect(entry.ready[2]).toBe('');
    expect(await entry.stop('SIGTERM')).toBe(0);
    expect(existsSync(join(given, 'kiosk.sqlite'))).toBe(true);
  }, 90_000);
});
