import { describe, expect, it } from 'vitest';
import { systemClock } from '../../../main/core/clock';
import { createSiteCa, fingerprint as fingerprintOf } from '../../../main/hub/tls';
import { fingerprintGroups } from '../../../renderer/ui/fingerprint';

describe('the site CA fingerprint IT compares on the PC and in the console', () => {
  it('is shown as eight groups of four whole bytes, each byte two hex digits, never split', async () => {
    const ca = await createSiteCa('Raatipirtti', systemClock.now());
    const fingerprint = fingerprintOf(ca.certPem);
    const groups = fingerprintGroups(fingerprint);
    expect(groups).toHaveLength(8);
    for (const group of groups) expect(group).toMatch(/^[0-9A-F]{2}(:[0-9A-F]{2}){3}$/);
    // Nothing lost or reordered: joined again, the groups are the fingerprint.
    expect(groups.join(':')).toBe(fingerprint);
  });

  it('groups a fingerprint written without colons, or in lower case, the same way', () => {
    const colons = 'DA:B7:C8:B8:9B:CE:6A:A6:01:02:03:04:05:06:07:08:09:0A:0B:0C:0D:0E:0F:10:11:12:13:14:2D:C9:1E:86';
    expect(fingerprintGroups(colons.replaceAll(':', '').toLowerCase())).toEqual(fingerprintGroups(colons));
    expect(fingerprintGroups(colons)[0]).toBe('DA:B7:C8:B8');
    expect(fingerprintGroups(colons).at(-1)).toBe('2D:C9:1E:86');
  });
});
