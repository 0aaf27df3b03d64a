/**
 * The two kinds of process the soak kills: the headless site hub
 * (`node out/main/hub.js` with its configuration file) and a room PC (the
 * built preview: the real kiosk core with the recording shell, paired with
 * that hub). Each is killed with SIGKILL and started again on the same
 * data folder; the start may go on in the background while the soak uses
 * the other processes.
 */
import { writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { systemClock } from '../../main/core/clock';
import { HubStore } from '../../main/hub/hub-store';
import { inspectHub, pairWithHub, writePairing } from '../../main/kiosk/pairing';
import type { KioskSnapshot } from '../../preload/contract';
import { connectApi, type Api } from '../integration/support';
import { startEntry, type EntryProcess } from '../support/entry-process';
import { startPreview, type PreviewProcess } from '../support/preview-process';
import type { HubClient } from '../support/hub-client';
import { unsentEvents } from './count';

/** How long a start may take: the soak starts processes while the machine is busy with the others. */
const START_LIMIT_MS = 60_000;

interface Running {
  child: ChildProcess;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** A process the soak kills and starts again; `ready()` waits for a start in the background (and throws what went wrong with it). */
abstract class Restartable<R extends Running> {
  protected running: R | undefined;
  private launching: Promise<void> | undefined;
  private background: Promise<void> | undefined;
  kills = 0;

  protected abstract launch(): Promise<R>;
  abstract readonly name: string;

  /** Starts the process unless it runs or is starting already. */
  start(): Promise<void> {
    if (this.running) return Promise.resolve();
    this.launching ??= this.launch().then(
      (running) => {
        this.running = running;
        this.launching = undefined;
      },
      (error: unknown) => {
        this.launching = undefined;
        throw error;
      },
    );
    return this.launching;
  }

  /** Starts it again in the background, then runs `then` (what a person does once it is back). */
  startInBackground(then?: () => Promise<void>): void {
    const background = this.start().then(() => then?.());
    background.catch(() => undefined);
    this.background = background;
  }

  async ready(): Promise<void> {
    const background = this.background;
    if (background) {
      if (this.background === background) this.background = undefined;
      await background;
    }
    await this.start();
  }

  async kill(): Promise<void> {
    const running = this.detach();
    if (!running) throw new Error(`${this.name} is not running: there is nothing to kill`);
    await running.stop('SIGKILL');
    if (running.child.signalCode !== 'SIGKILL') throw new Error(`${this.name} was to be killed, but it exited with ${running.child.exitCode}:\n${running.output()}`);
    this.kills++;
  }

  /** Stops it as IT would (SIGTERM), after any start under way. */
  async stop(): Promise<void> {
    await this.background?.catch(() => undefined);
    await this.launching?.catch(() => undefined);
    await this.detach()?.stop('SIGTERM');
  }

  protected detach(): R | undefined {
    const running = this.running;
    this.running = undefined;
    return running;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The site hub on its own machine, on a fixed port so the PCs find it again after a restart. */
export class SoakHub extends Restartable<EntryProcess> {
  readonly name = 'the hub';

  private constructor(
    readonly dataDir: string,
    private readonly configFile: string,
    readonly port: number,
    private readonly outDir: string,
  ) {
    super();
  }

  static async create(root: string, outDir: string): Promise<SoakHub> {
    const configFile = join(root, 'hub.json');
    const port = await freePort();
    const config = { pc: { id: 'hub-host', name: 'Palvelin' }, room: { name: 'Digituki' }, timeZone: 'Europe/Helsinki', hub: { siteName: 'Soak site', listen: { host: '127.0.0.1', port } } };
    writeFileSync(configFile, JSON.stringify(config, null, 2));
    return new SoakHub(join(root, 'hub'), configFile, port, outDir);
  }

  get address(): string {
    return `https://127.0.0.1:${this.port}`;
  }

  protected launch(): Promise<EntryProcess> {
    return startEntry({ args: [join(this.outDir, 'main/hub.js'), '--config', this.configFile, '--data-dir', this.dataDir], ready: /^pair a PC: /m, what: 'the site hub', timeoutMs: START_LIMIT_MS });
  }

  /** The hub's database beside the running process, as the command line opens it. */
  async withStore<T>(use: (store: HubStore) => T | Promise<T>): Promise<T> {
    const store = new HubStore(join(this.dataDir, 'hub', 'hub.sqlite'));
    try {
      return await use(store);
    } finally {
      store.close();
    }
  }

  /** Figures the city has not confirmed yet. */
  unconfirmedFigures(): Promise<number> {
    return this.withStore((s) => (s.db.prepare('SELECT count(*) AS n FROM city_records WHERE revision > acked_revision').get() as { n: number }).n);
  }
}

/** What the soak asked of one PC, to hold its database against. */
export interface KioskTally {
  /** Sessions asked for (check-in or walk-in), and those the kiosk said "ok" to. */
  attempted: number;
  acknowledged: number;
  feedbackAttempted: number;
  feedbackAcknowledged: number;
}

/** One room PC: the built preview on its own data folder, paired with the soak's hub, driven through its API. */
export class SoakKiosk extends Restartable<PreviewProcess & { api: Api }> {
  readonly tally: KioskTally = { attempted: 0, acknowledged: 0, feedbackAttempted: 0, feedbackAcknowledged: 0 };

  constructor(
    readonly number: number,
    readonly dataDir: string,
    private readonly outDir: string,
  ) {
    super();
  }

  get pcId(): string {
    return `demo-pc-${this.number}`;
  }

  get name(): string {
    return this.pcId;
  }

  get api(): Api {
    if (!this.running) throw new Error(`${this.pcId} is not running`);
    return this.running.api;
  }

  /** Pairs this PC's data folder with the hub as its maintenance screen does: the hub's CA looked at (inspectHub), then a one-time code. */
  async pair(hub: SoakHub, advisor: HubClient): Promise<void> {
    const issued = await advisor.call<{ code: string }>('POST', '/api/pairing-codes');
    if (issued.status !== 200) throw new Error(`no pairing code: ${issued.status}`);
    const seen = await inspectHub(hub.address);
    const paired = await pairWithHub(hub.address, seen.caPem, issued.body.code, { pcId: this.pcId, name: `PC ${this.number}`, room: 'Sali' });
    writePairing(this.dataDir, {
      address: hub.address,
      caPem: seen.caPem,
      caFingerprint: seen.fingerprint,
      deviceToken: paired.deviceToken,
      pcId: this.pcId,
      siteName: paired.siteName,
      pairedAt: systemClock.now(),
    });
    writeFileSync(join(this.dataDir, 'code-key'), paired.codeKey, { mode: 0o600 });
  }

  protected async launch(): Promise<PreviewProcess & { api: Api }> {
    const preview = await startPreview({ dataDir: this.dataDir, demo: false, args: ['--pc', String(this.number), '--no-city'], timeoutMs: START_LIMIT_MS, outDir: this.outDir });
    return Object.assign(preview, { api: await connectApi(preview.origin) });
  }

  protected override detach() {
    const running = super.detach();
    running?.api.close();
    return running;
  }

  snapshot(): Promise<KioskSnapshot> {
    return this.api.call<KioskSnapshot>('kiosk.getSnapshot');
  }

  online(): Promise<boolean> {
    return this.snapshot().then((s) => s.maintenance?.hub.state === 'online');
  }

  /** The preview's test-mode controls (slow wipe steps). */
  async control(path: string, body: unknown): Promise<void> {
    const origin = this.running?.origin;
    if (!origin) throw new Error(`${this.pcId} is not running`);
    const res = await fetch(`${origin}${path}`, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  }

  /** Usage events the hub has not confirmed yet. */
  unsent(): number {
    return unsentEvents(this.dataDir);
  }
}
