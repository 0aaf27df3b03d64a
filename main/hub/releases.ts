import { createHash, createPublicKey, randomBytes, verify } from 'node:crypto';
import { createReadStream, copyFileSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { JSON_SCHEMA, load } from 'js-yaml';
import { z } from 'zod';
import { acceptNewVersion, compareVersions, type ReleaseStage } from '../core/update-rules';
import type { Db } from '../store/database';
import type { PcUpdateState, ReleaseView, UpdateReason, UpdateReport } from '../../preload/updates-contract';
import { HubError } from './bookings';

/**
 * The releases a hub holds for its PCs: electron-builder's update metadata
 * (latest.yml, latest-linux.yml) and the packages it names, checked and
 * kept under the hub's data folder (updates/<version>/), with their stage
 * in the hub's database. `addRelease` keeps nothing unless every check passes.
 */

export interface ReleaseFile {
  name: string;
  size: number;
  /** base64, as electron-builder writes it. */
  sha512: string;
}

export interface StoredRelease extends ReleaseStage {
  version: string;
  addedAt: number;
  addedBy: string;
  releaseDate?: string | undefined;
  /** Each metadata file as electron-builder wrote it. */
  metadata: Record<string, string>;
  files: ReleaseFile[];
  signed: boolean;
  pilotPc?: string | undefined;
  confirmedAt?: number | undefined;
  confirmedBy?: string | undefined;
}

/** latest.yml (Windows), latest-linux.yml, latest-linux-arm64.yml, latest-mac.yml. */
export const CHANNEL_FILE = /^latest(-linux(-[a-z0-9]+)?|-mac)?\.yml$/;
/** A file name as the metadata may give it: no folders, nothing hidden. */
const PLAIN_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._+-]{0,199}$/;

const UpdateInfoFile = z.looseObject({ url: z.string().min(1), sha512: z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'must be a base64 SHA-512'), size: z.int().min(0) });
/** electron-builder's update metadata (builder-util-runtime's UpdateInfo): the fields the hub checks; the rest is passed on. */
export const UpdateInfo = z.looseObject({
  version: z.string().min(1),
  files: z.array(UpdateInfoFile).min(1),
  path: z.string().optional(),
  sha512: z.string().optional(),
  releaseDate: z.string().optional(),
});
export type UpdateInfo = z.infer<typeof UpdateInfo>;

/** Parses a metadata file's text; a clear HubError naming the file and field when it is not one. */
export function parseUpdateInfo(text: string, file: string): UpdateInfo {
  let raw: unknown;
  try {
    // JSON_SCHEMA: no dates or other YAML types; a version stays a string.
    raw = load(text, { schema: JSON_SCHEMA });
  } catch (error) {
    throw new HubError(400, 'not-a-release', `${file} is not YAML: ${(error as Error).message.split('\n')[0]}`, file);
  }
  const parsed = UpdateInfo.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new HubError(400, 'not-a-release', `${file} is not electron-builder's update metadata: ${issue.path.join('.') || '(top)'} ${issue.message}`, file);
  }
  return parsed.data;
}

const refuse = (code: string, message: string, field?: string): never => {
  throw new HubError(400, code, message, field);
};

async function sha512Of(path: string): Promise<string> {
  const hash = createHash('sha512');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('base64');
}

/** A detached Ed25519 signature: 64 raw bytes, or their base64 in a text file. */
function readSignature(path: string): Buffer {
  const bytes = readFileSync(path);
  if (bytes.length === 64) return bytes;
  return Buffer.from(bytes.toString('utf8').trim(), 'base64');
}

export interface AddReleaseOptions {
  /** The site's release signing key (policy updates.releaseKey); when set, every metadata file must be signed. */
  releaseKey?: string | undefined;
  by: string;
  now: number;
}

/**
 * Checks a release and keeps it: the metadata parses, all files agree on a
 * semantic version newer than every release the hub has, each package is
 * named as the metadata says and matches its size and SHA-512, and (with a
 * signing key) each metadata file's signature is valid. Copied first into a
 * folder of its own, checked there, then moved into place: a refused
 * release leaves nothing behind.
 */
export async function addRelease(releases: ReleaseStore, paths: readonly string[], options: AddReleaseOptions): Promise<StoredRelease> {
  if (!paths.length) refuse('missing-argument', 'give the release\'s files: hub update add latest-linux.yml Tupa-1.2.0.AppImage …', 'file');
  const byName = new Map<string, string>();
  for (const path of paths) {
    const name = basename(path);
    if (byName.has(name)) refuse('duplicate', `${name} is given twice`, name);
    byName.set(name, path);
  }
  const channels = [...byName.keys()].filter((name) => CHANNEL_FILE.test(name));
  if (!channels.length) {
    refuse('not-a-release', 'no update metadata among the files: give electron-builder\'s latest.yml (Windows) or latest-linux.yml (Linux) with the packages it names', 'file');
  }
  const metadata: Record<string, string> = {};
  const infos = new Map<string, UpdateInfo>();
  for (const channel of channels) {
    const path = byName.get(channel)!;
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (error) {
      return refuse('unreadable', `${path} cannot be read: ${(error as Error).message}`, channel);
    }
    metadata[channel] = bytes.toString('utf8');
    infos.set(channel, parseUpdateInfo(metadata[channel], channel));
    if (options.releaseKey) {
      const sigPath = byName.get(`${channel}.sig`);
      if (!sigPath) refuse('unsigned', `the site requires signed releases: ${channel}.sig is missing (docs/deployment.md says how to sign)`, `${channel}.sig`);
      if (!verify(null, bytes, createPublicKey(options.releaseKey), readSignature(sigPath!))) {
        refuse('bad-signature', `${channel}.sig is not a valid signature of ${channel} by the site's release key: nothing was kept`, `${channel}.sig`);
      }
    }
  }
  const versions = new Set([...infos.values()].map((i) => i.version));
  if (versions.size > 1) refuse('not-a-release', `the metadata files name different versions (${[...versions].join(', ')}): give one release at a time`, 'version');
  const version = [...versions][0]!;
  const accepted = acceptNewVersion(version, releases.list().map((r) => r.version));
  if (!accepted.ok) {
    refuse(
      accepted.reason === 'not-semver' ? 'not-a-release' : 'not-newer',
      accepted.reason === 'not-semver'
        ? `"${version}" is not a semantic version (such as 1.4.0)`
        : `${version} is not newer than ${accepted.newest}, which the hub already has: PCs never go back. To undo a release, build a higher version (e.g. the old code as the next version) and add that`,
      'version',
    );
  }

  // Every package the metadata names, once, with its size and hash.
  const expected = new Map<string, { size: number; sha512: string }>();
  for (const [channel, info] of infos) {
    for (const file of info.files) {
      if (!PLAIN_NAME.test(file.url)) refuse('not-a-release', `${channel} names "${file.url}", which is not a plain file name`, channel);
      const before = expected.get(file.url);
      if (before && (before.size !== file.size || before.sha512 !== file.sha512)) refuse('not-a-release', `the metadata files disagree about ${file.url}`, file.url);
      expected.set(file.url, { size: file.size, sha512: file.sha512 });
    }
  }
  for (const name of byName.keys()) {
    if (CHANNEL_FILE.test(name) || (name.endsWith('.yml.sig') && channels.includes(name.slice(0, -4)))) continue;
    // electron-builder's block maps (differential downloads) travel with their package.
    if (name.endsWith('.blockmap') && expected.has(name.slice(0, -'.blockmap'.length))) continue;
    if (!expected.has(name)) refuse('not-named', `${name} is not named in the metadata (${channels.join(', ')}): only the release's own packages are taken`, name);
  }
  for (const name of expected.keys()) if (!byName.has(name)) refuse('missing-file', `${name}, named in the metadata, is not among the files given`, name);

  const incoming = join(releases.dir, `.incoming-${randomBytes(6).toString('hex')}`);
  mkdirSync(incoming, { recursive: true, mode: 0o755 });
  try {
    const files: ReleaseFile[] = [];
    for (const [name, path] of byName) {
      // The metadata is kept in the database (served rewritten per PC); signatures have done their work.
      if (name.endsWith('.yml.sig') || CHANNEL_FILE.test(name)) continue;
      const target = join(incoming, name);
      copyFileSync(path, target);
      // The copy is what PCs will get: check the copy.
      const size = statSync(target).size;
      const sha512 = await sha512Of(target);
      const want = expected.get(name);
      if (want && want.size !== size) refuse('bad-size', `${name} is ${size} bytes; the metadata says ${want.size}: nothing was kept`, name);
      if (want && want.sha512 !== sha512) refuse('bad-hash', `${name} does not match its SHA-512 in the metadata (a damaged or altered file): nothing was kept`, name);
      files.push({ name, size, sha512 });
    }
    const release: StoredRelease = {
      version,
      addedAt: options.now,
      addedBy: options.by,
      releaseDate: [...infos.values()][0]!.releaseDate,
      metadata,
      channels,
      files,
      signed: options.releaseKey !== undefined,
    };
    const folder = releases.folderOf(version);
    rmSync(folder, { recursive: true, force: true });
    renameSync(incoming, folder);
    try {
      releases.insert(release);
    } catch (error) {
      rmSync(folder, { recursive: true, force: true });
      throw error;
    }
    return release;
  } finally {
    rmSync(incoming, { recursive: true, force: true });
  }
}

interface ReleaseRow {
  version: string;
  added_at: number;
  added_by: string;
  release_date: string | null;
  channels: string;
  files: string;
  signed: number;
  pilot_pc: string | null;
  confirmed_at: number | null;
  confirmed_by: string | null;
}

export interface PcUpdateRow {
  pcId: string;
  running: string;
  state: PcUpdateState;
  target?: string | undefined;
  reason?: UpdateReason | undefined;
  detail?: string | undefined;
  at: number;
}

/** The releases' rows and folders, and each PC's last update report. */
export class ReleaseStore {
  constructor(
    private readonly db: Db,
    /** The hub's data folder's updates/ (made when the first release comes). */
    readonly dir: string,
  ) {}

  folderOf(version: string): string {
    return join(this.dir, version);
  }

  list(): StoredRelease[] {
    const rows = this.db.prepare('SELECT * FROM releases').all() as ReleaseRow[];
    return rows.map(fromRow).sort((a, b) => compareVersions(a.version, b.version));
  }

  get(version: string): StoredRelease | undefined {
    const row = this.db.prepare('SELECT * FROM releases WHERE version = ?').get(version) as ReleaseRow | undefined;
    return row && fromRow(row);
  }

  insert(r: StoredRelease): void {
    this.db
      .prepare('INSERT INTO releases (version, added_at, added_by, release_date, channels, files, signed) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(r.version, r.addedAt, r.addedBy, r.releaseDate ?? null, JSON.stringify(r.metadata), JSON.stringify(r.files), r.signed ? 1 : 0);
  }

  /** Removes a release's row and folder; false if there was none. */
  remove(version: string): boolean {
    const gone = this.db.prepare('DELETE FROM releases WHERE version = ?').run(version).changes > 0;
    rmSync(this.folderOf(version), { recursive: true, force: true });
    return gone;
  }

  setPilot(version: string, pcId: string): void {
    this.db.prepare('UPDATE releases SET pilot_pc = ? WHERE version = ?').run(pcId, version);
  }

  confirm(version: string, by: string, at: number): void {
    this.db.prepare('UPDATE releases SET confirmed_at = ?, confirmed_by = ? WHERE version = ? AND confirmed_at IS NULL').run(at, by, version);
  }

  pcUpdates(): Map<string, PcUpdateRow> {
    const rows = this.db.prepare('SELECT pc_id, running, state, target, reason, detail, at FROM pc_updates').all() as Array<{
      pc_id: string;
      running: string;
      state: PcUpdateState;
      target: string | null;
      reason: UpdateReason | null;
      detail: string | null;
      at: number;
    }>;
    return new Map(rows.map((r) => [r.pc_id, { pcId: r.pc_id, running: r.running, state: r.state, target: r.target ?? undefined, reason: r.reason ?? undefined, detail: r.detail ?? undefined, at: r.at }]));
  }

  /** Keeps a PC's report; true if anything an administrator sees changed. */
  report(pcId: string, report: UpdateReport, at: number): boolean {
    const before = this.pcUpdates().get(pcId);
    const same = before && before.running === report.running && before.state === report.state && before.target === report.target && before.reason === report.reason;
    this.db
      .prepare('INSERT OR REPLACE INTO pc_updates (pc_id, running, state, target, reason, detail, at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(pcId, report.running, report.state, report.target ?? null, report.reason ?? null, report.detail ?? null, same ? before.at : at);
    return !same;
  }
}

function fromRow(row: ReleaseRow): StoredRelease {
  const metadata = JSON.parse(row.channels) as Record<string, string>;
  return {
    version: row.version,
    addedAt: row.added_at,
    addedBy: row.added_by,
    releaseDate: row.release_date ?? undefined,
    metadata,
    channels: Object.keys(metadata),
    files: JSON.parse(row.files) as ReleaseFile[],
    signed: row.signed === 1,
    pilotPc: row.pilot_pc ?? undefined,
    confirmedAt: row.confirmed_at ?? undefined,
    confirmedBy: row.confirmed_by ?? undefined,
  };
}

export function releaseView(r: StoredRelease): ReleaseView {
  return {
    version: r.version,
    addedAt: r.addedAt,
    addedBy: r.addedBy,
    ...(r.releaseDate ? { releaseDate: r.releaseDate.slice(0, 40) } : {}),
    channels: r.channels.slice(),
    files: r.files.map(({ name, size }) => ({ name, size })),
    signed: r.signed,
    ...(r.pilotPc ? { pilotPc: r.pilotPc } : {}),
    ...(r.confirmedAt !== undefined ? { confirmedAt: r.confirmedAt } : {}),
    ...(r.confirmedBy ? { confirmedBy: r.confirmedBy } : {}),
  };
}
