import type { Hub } from '../hub/compose';
import { helsinkiIso, startFakeRespa, type FakeRespa } from './fake-respa';

/**
 * `npm run preview -- --demo-source` (issue 12): the fake Respa API on
 * loopback beside the demo hub, with two reservations for the demo PC
 * (one with a 6-digit access code, one with none yet), imported as a
 * booking source and synced at once; the hub syncs it again every
 * `sources.syncMinutes`. Edit its reservations in this process only, or,
 * in --test-mode, with POST /__test/reservations on the fake API.
 */
export async function startDemoSource(hub: Hub, pcId: string, now: number, testRoutes = false): Promise<{ fake: FakeRespa; codes: string[] }> {
  const hour = 3_600_000;
  const start = Math.ceil((now + 3 * hour) / hour) * hour;
  const fake = await startFakeRespa([
    { id: 5001, resource: 'demo-resource', begin: helsinkiIso(start), end: helsinkiIso(start + hour), state: 'confirmed', access_code: '246810' },
    { id: 5002, resource: 'demo-resource', begin: helsinkiIso(start + 2 * hour), end: helsinkiIso(start + 3 * hour), state: 'confirmed', access_code: null },
  ], { testRoutes });
  const id = 'respa-demo';
  if (!hub.sources.sources.get(id)) hub.sources.sources.add({ id, kind: 'respa', location: fake.base, settings: { map: { 'demo-resource': pcId } } }, now);
  else hub.store.db.prepare('UPDATE booking_sources SET location = ? WHERE id = ?').run(fake.base, id);
  await hub.sources.sync(id);
  return { fake, codes: ['246810'] };
}
