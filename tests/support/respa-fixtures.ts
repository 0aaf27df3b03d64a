import { helsinkiIso, startFakeRespa, type FakeRespa, type FakeReservation } from './fake-respa';

/** A reservation starting `from` ms from now, `minutes` long, confirmed, without a code unless `extra` gives one. */
export const reservation = (id: number, resource: string, from: number, minutes: number, extra: Partial<FakeReservation> = {}): FakeReservation => ({
  id,
  resource,
  begin: helsinkiIso(Date.now() + from),
  end: helsinkiIso(Date.now() + from + minutes * 60_000),
  state: 'confirmed',
  access_code: null,
  ...extra,
});

/** Fake Respa servers for one test file: `start` makes one, `closeAll` (in afterEach) closes them all. */
export function fakeRespas(): { start: (reservations?: FakeReservation[]) => Promise<FakeRespa>; closeAll: () => Promise<void> } {
  let fakes: FakeRespa[] = [];
  return {
    async start(reservations = []) {
      const fake = await startFakeRespa(reservations);
      fakes.push(fake);
      return fake;
    },
    async closeAll() {
      await Promise.all(fakes.map((f) => f.close()));
      fakes = [];
    },
  };
}
