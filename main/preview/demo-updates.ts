import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hub } from '../hub/compose';
import { addRelease } from '../hub/releases';

/** The preview's demo release: a made-up package, so the console's Updates page has something to stage. */
export const DEMO_RELEASE = '0.99.0';

/**
 * Adds the demo release at the preview's hub, as `tupa hub update add`
 * would (checked the same way), unless the hub already has a release. The
 * package is random bytes: no PC could install it (the preview's PCs have
 * no updater), but the page shows the release, its first PC and the
 * confirmation as on a real site.
 */
export async function seedDemoRelease(hub: Hub, now: number): Promise<void> {
  const releases = hub.updates.deps.releases;
  if (releases.list().length) return;
  const dir = mkdtempSync(join(tmpdir(), 'tupa-demo-release-'));
  try {
    const name = `Tupa-${DEMO_RELEASE}.AppImage`;
    const content = randomBytes(64 * 1024);
    writeFileSync(join(dir, name), content);
    const sha512 = createHash('sha512').update(content).digest('base64');
    const yml = [`version: ${DEMO_RELEASE}`, 'files:', `  - url: ${name}`, `    sha512: ${sha512}`, `    size: ${content.length}`, `path: ${name}`, `sha512: ${sha512}`, `releaseDate: '${new Date(now).toISOString()}'`, ''];
    writeFileSync(join(dir, 'latest-linux.yml'), yml.join('\n'));
    await addRelease(releases, [join(dir, 'latest-linux.yml'), join(dir, name)], { by: 'preview', now });
    hub.store.audit(now, 'preview', 'update: release added', DEMO_RELEASE);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
