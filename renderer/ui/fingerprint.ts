/** Bytes per group: "DA:B7:C8:B8", two groups a line where there is room. */
export const FINGERPRINT_GROUP_BYTES = 4;

/**
 * A certificate fingerprint ("DA:B7:…", or hex without colons) in groups
 * of whole bytes, upper case, so the PC and the console show the same
 * groups and a line never breaks inside a byte.
 */
export function fingerprintGroups(fingerprint: string): string[] {
  const bytes = fingerprint.includes(':') ? fingerprint.split(':') : (fingerprint.match(/.{1,2}/g) ?? []);
  const groups: string[] = [];
  for (let i = 0; i < bytes.length; i += FINGERPRINT_GROUP_BYTES) groups.push(bytes.slice(i, i + FINGERPRINT_GROUP_BYTES).join(':').toUpperCase());
  return groups;
}
