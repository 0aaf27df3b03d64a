import { dirname, join } from 'node:path';
import { formatSiteDateTime } from '../core/site-time';
import { addRelease, ReleaseStore, releaseView } from '../hub/releases';
import type { HubStore } from '../hub/hub-store';
import type { ReleaseView } from '../../preload/updates-contract';
import { CommandError } from './bookings';
import { withHub } from './hub-bookings';

/**
 * `tupa hub update …` (issue 15): releases for the site's PCs, checked and
 * kept under the hub's data folder (updates/). A running hub serves them at
 * once: to one PC first, to the rest when an administrator confirms in the
 * console's "Updates" page.
 */

const releasesOf = (file: string, store: HubStore) => new ReleaseStore(store.db, join(dirname(file), 'updates'));

function line(r: ReleaseView, timeZone: string): string {
  const stage = r.confirmedAt !== undefined ? `every PC since ${formatSiteDateTime(r.confirmedAt, timeZone)}` : r.pilotPc ? `first PC ${r.pilotPc} only` : 'first PC not chosen yet';
  return `  ${r.version}  ${r.channels.join(', ')}  ${r.files.length} files${r.signed ? ', signed' : ''}; ${stage}`;
}

export async function updateCommand(file: string, rest: string[], ctx: { now: number; print: (value: unknown, text: string) => void }): Promise<number> {
  const [what, ...args] = rest;
  const { now, print } = ctx;
  if (what === 'add') {
    const added = await withHub(file, (_bookings, store) =>
      addRelease(releasesOf(file, store), args, { releaseKey: store.site()!.policy.updates.releaseKey, by: 'cli', now }).then((release) => {
        store.audit(now, 'cli', 'update: release added', release.version, { files: release.files.length, signed: release.signed });
        return releaseView(release);
      }),
    );
    print(added, `Release ${added.version} added (${added.channels.join(', ')}${added.signed ? ', signature valid' : ''}). It goes to one PC first; confirm the rest on the console's Updates page.\n`);
    return 0;
  }
  if (what === 'list') {
    const { list, timeZone } = withHub(file, (_bookings, store) => ({ list: releasesOf(file, store).list().reverse().map(releaseView), timeZone: store.site()!.timeZone }));
    print(list, list.length ? `Releases (newest first):\n${list.map((r) => line(r, timeZone)).join('\n')}\n` : 'No releases at this hub (add one: hub update add latest-linux.yml PACKAGE…).\n');
    return 0;
  }
  if (what === 'remove') {
    const version = args[0];
    if (!version) throw new CommandError('missing-argument', 'give the version: hub update remove VERSION', 'version');
    withHub(file, (_bookings, store) => {
      if (!releasesOf(file, store).remove(version)) throw new CommandError('unknown-release', `the hub has no release ${version} (see "hub update list")`, 'version');
      store.audit(now, 'cli', 'update: release removed', version);
    });
    print({ ok: true, version }, `Release ${version} removed; PCs that took it keep it, the rest are offered the newest release left.\n`);
    return 0;
  }
  throw new CommandError('unknown-command', `unknown command "hub update ${rest.join(' ')}"; see "npm run tupa -- help"`);
}
