import { createReadStream, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { dump, JSON_SCHEMA, load } from 'js-yaml';
import { z } from 'zod';
import type { Clock } from '../core/clock';
import { claimPilot, compareVersions, mayTake, offeredRelease, parseSemver } from '../core/update-rules';
import type { Logger } from '../log/logger';
import { UpdatesView, type UpdateReport } from '../../preload/updates-contract';
import { HubError } from './bookings';
import type { HubStore } from './hub-store';
import { tokenHash } from './auth';
import { CHANNEL_FILE, releaseView, type ReleaseStore, type StoredRelease } from './releases';
import type { RouteRegistrar } from './server';

export interface UpdateDeskDeps {
  store: HubStore;
  releases: ReleaseStore;
  clock: Clock;
  logger: Logger;
  isOnline: (pcId: string) => boolean;
  /** The Updates page changed: to administrators' consoles. */
  changed: (view: UpdatesView) => void;
}

/**
 * The hub's side of updates: what each PC is offered now (staging: a new
 * release to its first PC, to the rest once an administrator confirms),
 * the metadata rewritten to that, each PC's reports, and the console's view.
 */
export class UpdateDesk {
  constructor(readonly deps: UpdateDeskDeps) {}

  view(): UpdatesView {
    const releases = this.deps.releases.list();
    const reports = this.deps.releases.pcUpdates();
    const pcs = this.deps.store
      .pcs()
      .filter((pc) => pc.paired && !pc.revoked)
      .map((pc) => {
        const r = reports.get(pc.id);
        const offered = releases.filter((rel) => mayTake(rel, pc.id)).at(-1)?.version;
        return {
          pcId: pc.id,
          name: pc.name,
          online: this.deps.isOnline(pc.id),
          ...(r ? { running: r.running, state: r.state, at: r.at } : {}),
          ...(r?.target ? { target: r.target } : {}),
          ...(r?.reason ? { reason: r.reason } : {}),
          ...(r?.detail ? { detail: r.detail } : {}),
          ...(offered ? { offered } : {}),
        };
      });
    return UpdatesView.parse({ releases: releases.reverse().map(releaseView), pcs });
  }

  private changed(): void {
    this.deps.changed(this.view());
  }

  /** A PC's report of its version and update. */
  reported(pcId: string, report: UpdateReport): void {
    if (!parseSemver(report.running)) return;
    const now = this.deps.clock.now();
    if (!this.deps.releases.report(pcId, report, now)) return;
    if (report.state === 'failed') this.deps.logger.warn('update failed on a PC', { pc: pcId, reason: report.reason ?? '', failures: report.failures ?? 0 });
    this.changed();
  }

  /**
   * The metadata this PC gets for a channel (latest-linux.yml …): the newest
   * release it is in the stage of, its files under their version's folder;
   * a PC in no newer stage gets its own running version (nothing to do).
   */
  metadataFor(pcId: string, channel: string): string {
    const running = this.deps.releases.pcUpdates().get(pcId)?.running;
    const releases = this.deps.releases.list().filter((r) => r.channels.includes(channel));
    for (const release of claimPilot(releases, running)) {
      this.deps.releases.setPilot(release.version, pcId);
      this.deps.store.audit(this.deps.clock.now(), 'system', 'update: first PC chosen (the first that asked)', release.version, { pc: pcId });
      release.pilotPc = pcId;
      this.changed();
    }
    const offered = offeredRelease(releases, pcId, channel);
    if (offered && (running === undefined || !parseSemver(running) || compareVersions(offered.version, running) >= 0)) return servedMetadata(offered, channel);
    // Nothing newer for this PC now: its own version (electron-updater sees no update, and never goes back).
    return dump({ version: running && parseSemver(running) ? running : '0.0.0', files: [] }, { schema: JSON_SCHEMA });
  }

  /** A release's file, if this PC may take that release now. */
  fileFor(pcId: string, version: string, name: string): { path: string; size: number } | undefined {
    const release = this.deps.releases.get(version);
    if (!release || !mayTake(release, pcId)) return undefined;
    const file = release.files.find((f) => f.name === name);
    if (!file) return undefined;
    return { path: join(this.deps.releases.folderOf(version), file.name), size: file.size };
  }

  pilot(version: string, pcId: string, by: string): UpdatesView {
    const release = this.release(version);
    if (release.confirmedAt !== undefined) throw new HubError(409, 'already-confirmed', `${version} already goes to every PC.`);
    const pc = this.deps.store.pc(pcId);
    if (!pc?.paired || pc.revoked) throw new HubError(404, 'unknown-pc', `There is no paired PC "${pcId}".`, 'pcId');
    this.deps.releases.setPilot(version, pcId);
    this.deps.store.audit(this.deps.clock.now(), by, 'update: first PC chosen', version, { pc: pcId });
    this.changed();
    return this.view();
  }

  confirm(version: string, by: string): UpdatesView {
    const release = this.release(version);
    if (release.confirmedAt === undefined) {
      this.deps.releases.confirm(version, by, this.deps.clock.now());
      this.deps.store.audit(this.deps.clock.now(), by, 'update: released to every PC', version, { pilot: release.pilotPc ?? null });
      this.changed();
    }
    return this.view();
  }

  private release(version: string): StoredRelease {
    const release = this.deps.releases.get(version);
    if (!release) throw new HubError(404, 'unknown-release', `The hub has no release ${version}.`, 'version');
    return release;
  }
}

/** A release's metadata as this hub serves it: file addresses under its version's folder, no rollout percentage of its own. */
export function servedMetadata(release: StoredRelease, channel: string): string {
  const info = load(release.metadata[channel]!, { schema: JSON_SCHEMA }) as Record<string, unknown> & { files: Array<{ url: string }>; path?: string };
  const at = (name: string) => `${encodeURIComponent(release.version)}/${encodeURIComponent(name)}`;
  info.files = info.files.map((f) => ({ ...f, url: at(f.url) }));
  if (typeof info.path === 'string') info.path = at(info.path);
  // The hub stages releases itself; electron-updater's own percentage would hold PCs back at random.
  delete info.stagingPercentage;
  return dump(info, { schema: JSON_SCHEMA, lineWidth: -1 });
}

const Name = z.string().min(1).max(200);

/**
 * The Updates page's routes (administrators only), and the packages for
 * paired PCs at /updates/ (electron-updater's generic provider layout),
 * each request with the PC's device token and no Origin.
 */
export function registerUpdateRoutes(app: FastifyInstance, register: RouteRegistrar, desk: UpdateDesk): void {
  register('updates', () => desk.view(), 'admin');
  register('updatePilot', ({ id, body, advisor }) => desk.pilot(id, body.pcId, `advisor:${advisor.name}`), 'admin');
  register('updateConfirm', ({ id, advisor }) => desk.confirm(id, `advisor:${advisor.name}`), 'admin');

  const pcOf = async (request: FastifyRequest, reply: FastifyReply): Promise<string | undefined> => {
    const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    const pc = request.headers.origin === undefined && token ? desk.deps.store.pcByToken(tokenHash(token)) : undefined;
    if (!pc || pc.revoked) {
      await reply.code(401).send({ error: 'unauthorized', message: 'Updates are for paired PCs (device token).' });
      return undefined;
    }
    return pc.id;
  };

  app.get('/updates/:channel', async (request, reply) => {
    const pcId = await pcOf(request, reply);
    if (!pcId) return reply;
    const channel = Name.parse((request.params as { channel: string }).channel);
    if (!CHANNEL_FILE.test(channel)) return reply.code(404).send({ error: 'not-found', message: 'No such update channel.' });
    return reply.header('content-type', 'text/yaml; charset=utf-8').header('cache-control', 'no-store').send(desk.metadataFor(pcId, channel));
  });

  app.get('/updates/:version/:name', async (request, reply) => {
    const pcId = await pcOf(request, reply);
    if (!pcId) return reply;
    const params = request.params as { version: string; name: string };
    const file = desk.fileFor(pcId, Name.parse(params.version), Name.parse(params.name));
    if (!file) return reply.code(404).send({ error: 'not-found', message: 'This PC is offered no such file now.' });
    return sendRange(request, reply, file.path, statSync(file.path).size);
  });
}

/**
 * A file with one byte range (RFC 9110), so an interrupted download resumes
 * where it stopped: 206 with Content-Range, 416 for a range past the end,
 * the whole file (200) without a Range header or with one it does not take.
 */
export function sendRange(request: FastifyRequest, reply: FastifyReply, path: string, size: number): FastifyReply {
  void reply.header('accept-ranges', 'bytes').header('content-type', 'application/octet-stream').header('cache-control', 'no-store');
  const range = /^bytes=(\d*)-(\d*)$/.exec(String(request.headers.range ?? ''));
  if (!range || (range[1] === '' && range[2] === '')) return reply.header('content-length', String(size)).send(createReadStream(path));
  let start: number;
  let end: number;
  if (range[1] === '') {
    // The last N bytes.
    start = Math.max(0, size - Number(range[2]));
    end = size - 1;
  } else {
    start = Number(range[1]);
    end = range[2] === '' ? size - 1 : Math.min(Number(range[2]), size - 1);
  }
  if (start >= size || start > end) return reply.code(416).header('content-range', `bytes */${size}`).send();
  return reply
    .code(206)
    .header('content-range', `bytes ${start}-${end}/${size}`)
    .header('content-length', String(end - start + 1))
    .send(createReadStream(path, { start, end }));
}
