/**
 * The city receiver for the ingest benchmark, in a process of its own
 * (forked by city.ts with `--import tsx`), so the simulated hubs' TLS and
 * JSON work does not share its event loop.
 *
 * IPC, parent → child: { type: 'start', kind, dataDir, url?, sites } · { type: 'count' } · { type: 'stop' }
 * child → parent: { type: 'started', port, caPem, tokens } · { type: 'count', figures } · { type: 'stopped' } · { type: 'error', message }
 */
import { join } from 'node:path';
import { systemClock } from '../../main/core/clock';
import { createFileLogger } from '../../main/log/logger';
import { addSite } from '../../main/city/accounts';
import { createCityReceiver, type CityReceiver } from '../../main/city/receiver';

export type CityChildRequest =
  | { type: 'start'; kind: 'sqlite' | 'postgres'; dataDir: string; url?: string; sites: number }
  | { type: 'count' }
  | { type: 'stop' };

export type CityChildReply =
  | { type: 'started'; port: number; caPem: string; tokens: string[] }
  | { type: 'count'; figures: number }
  | { type: 'stopped' }
  | { type: 'error'; message: string };

let receiver: CityReceiver | undefined;

const reply = (message: CityChildReply) => new Promise<void>((resolve) => process.send!(message, undefined, {}, () => resolve()));

async function handle(message: CityChildRequest): Promise<void> {
  if (message.type === 'start') {
    const clock = systemClock;
    receiver = await createCityReceiver({
      dataDir: message.dataDir,
      listen: { host: '127.0.0.1', port: 0 },
      storage: message.kind === 'postgres' ? { kind: 'postgres', url: message.url! } : { kind: 'sqlite' },
      clock,
      // As the entry logs (main/city/main.ts): JSON lines in <data>/logs, one line per batch.
      logger: createFileLogger({ dir: join(message.dataDir, 'logs'), file: 'city.log', clock, maxBytes: 10 * 1024 * 1024, keep: 1 }),
    });
    const tokens: string[] = [];
    for (let i = 0; i < message.sites; i++) tokens.push(await addSite(receiver.store, `site-${i}`, `Site ${i + 1}`, 'bench', clock.now()));
    await reply({ type: 'started', port: receiver.port, caPem: receiver.caPem!, tokens });
  } else if (message.type === 'count') {
    await reply({ type: 'count', figures: await receiver!.store.figureCount() });
  } else {
    await receiver?.stop();
    receiver = undefined;
    await reply({ type: 'stopped' });
    process.exit(0);
  }
}

process.on('message', (message: CityChildRequest) => {
  handle(message).catch((error: unknown) => {
    void reply({ type: 'error', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }).finally(() => process.exit(1));
  });
});
