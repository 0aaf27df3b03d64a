/**
 * Whether a download may be saved into the session folder, and under which name.
 *
 * Pure: the shell's `will-download` handler passes the suggested name, the
 * MIME type and the names already in the session folder, then calls
 * `item.setSavePath(join(sessionDir, fileName))` or `item.cancel()`. The name
 * comes from the web page, so it is treated as hostile: it must stay inside the
 * folder, be valid on Windows and Linux, and never be something that runs
 * when a resident double-clicks it, here or later from a USB stick: programs,
 * scripts, pages, macro documents, shortcuts and the other types in
 * risky-file-types.ts (Windows' own lists). Installers and shortcuts are
 * refused as well, because whatever they change would outlive the session
 * and reach the next resident. A MIME type naming such a type refuses the
 * download whatever the name says.
 */

import { RISKY_FILE_TYPES, RISKY_MIME_TYPES } from './risky-file-types';

/**
 * 'risky-type': the name's extension is in the risky-types table (as the last
 * extension, or anywhere for programs and scripts). 'mime-mismatch': the
 * name looks harmless but the MIME type names a risky type.
 * 'no-name' is never returned: an empty or unusable name is replaced by
 * "download", which is harmless (no extension, so nothing runs it). The
 * reason stays in the type so callers handle it if a later rule needs it.
 */
export type DownloadVerdict = { ok: true; fileName: string } | { ok: false; reason: 'risky-type' | 'mime-mismatch' | 'no-name'; fileName: string };

/** Every risky extension (lower case, without the dot), refused as a name's last extension. */
export const RISKY_EXTENSIONS: ReadonlySet<string> = new Set(RISKY_FILE_TYPES.flatMap((group) => group.extensions));
/** The programs and scripts among them, refused in any dot-separated part after the first. */
export const RISKY_ANYWHERE: ReadonlySet<string> = new Set(RISKY_FILE_TYPES.filter((group) => group.anywhere).flatMap((group) => group.extensions));

/** Room for the longest name the file systems take: 255 UTF-8 bytes on ext4, 255 UTF-16 units on NTFS. */
const MAX_CHARS = 120;
const MAX_BYTES = 240;
/** A longer "extension" is just part of the name. */
const MAX_EXTENSION_CHARS = 16;
const FALLBACK_NAME = 'download';

/**
 * C0/C1 controls, line and paragraph separators, Windows-reserved characters,
 * and the bidirectional controls that make "fdp.exe" display as "exe.pdf".
 */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029<>:"/\\|?*\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** CON, PRN, AUX, NUL, COM0-9, LPT0-9 (also with superscript digits), CONIN$, CONOUT$: Windows opens a device instead. */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;

export function decideDownload(suggestedName: string, mimeType: string, existingNames: readonly string[]): DownloadVerdict {
  const cleaned = safeBaseName(typeof suggestedName === 'string' ? suggestedName : '');
  const { stem, extension } = splitExtension(cleaned);

  const taken = new Set(existingNames.map((n) => n.normalize('NFC').toLowerCase()));
  let fileName = fit(stem, extension, '');
  for (let n = 2; taken.has(fileName.toLowerCase()); n += 1) fileName = fit(stem, extension, ` (${n})`);

  // Judged on the full cleaned name and on the final one, so shortening can
  // neither hide an ".exe" nor make one appear. Windows drops trailing dots
  // and spaces ("a.exe. " is a.exe): the cleaning above did the same.
  if (isRiskyName(cleaned) || isRiskyName(fileName)) return { ok: false, reason: 'risky-type', fileName: fit(stem, extension, '') };
  if (isRiskyMime(mimeType)) return { ok: false, reason: 'mime-mismatch', fileName: fit(stem, extension, '') };
  return { ok: true, fileName };
}

function safeBaseName(raw: string): string {
  // The last part that still has a name once cleaned: "a/b/" is "b", "x.exe/." is "x.exe".
  // A lone surrogate (\p{Cs} under the u flag) cannot be written as a file name.
  const parts = raw.replace(/\p{Cs}/gu, '\ufffd').normalize('NFC').split(/[/\\]/).map(cleanPart).filter((p) => p !== '');
  let name = parts.at(-1) ?? FALLBACK_NAME;
  // Windows compares device names on the part before the first dot, ignoring trailing spaces.
  const device = name.split('.')[0]!.trimEnd();
  if (WINDOWS_DEVICE.test(device)) name = `_${name}`;
  return name;
}

function cleanPart(part: string): string {
  // Windows drops trailing dots and spaces itself; leading dots hide a file on Linux.
  return part.replace(FORBIDDEN, '').replace(/^[.\s]+|[.\s]+$/g, '');
}

function splitExtension(name: string): { stem: string; extension: string } {
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot) : '';
  if (extension === '' || [...extension].length > MAX_EXTENSION_CHARS + 1) return { stem: name, extension: '' };
  return { stem: name.slice(0, dot), extension };
}

/** stem + suffix + extension, shortening the stem (never inside a surrogate pair) to the limits. */
function fit(stem: string, extension: string, suffix: string): string {
  const chars = [...stem];
  const tooLong = (s: string): boolean => [...s].length > MAX_CHARS || Buffer.byteLength(s, 'utf8') > MAX_BYTES;
  let name = stem + suffix + extension;
  while (tooLong(name) && chars.length > 0) {
    chars.pop();
    name = chars.join('').replace(/[.\s]+$/, '') + suffix + extension;
  }
  return name;
}

function isRiskyName(name: string): boolean {
  const parts = name
    .toLowerCase()
    .split('.')
    .slice(1)
    .map((part) => part.trim());
  const last = parts.at(-1);
  return (last !== undefined && RISKY_EXTENSIONS.has(last)) || parts.some((part) => RISKY_ANYWHERE.has(part));
}

function isRiskyMime(mimeType: string): boolean {
  if (typeof mimeType !== 'string') return false;
  const essence = mimeType.split(';')[0]!.trim().toLowerCase();
  return RISKY_MIME_TYPES.has(essence);
}
