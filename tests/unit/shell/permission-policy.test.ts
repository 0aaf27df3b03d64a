import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ALWAYS_ALLOWED,
  DENIED_PERMISSIONS,
  MEDIA_PERMISSIONS,
  decidePermission,
  type PermissionPolicy,
  type PermissionQuery,
} from '../../../main/shell/policy/permission-policy';

const MEET = 'https://meet.example.fi';
const SITE: PermissionPolicy = { mediaOrigins: [`${MEET}/`, 'https://video.hyvinvointialue.fi:8443', 'http://insecure.example.fi'] };

function ask(permission: string, requestingOrigin: string, extra: Partial<PermissionQuery> = {}): boolean {
  return decidePermission({ permission, requestingOrigin, ...extra }, SITE);
}

describe('camera and microphone', () => {
  it.each([
    { name: 'a listed origin asks for camera and microphone', origin: MEET, mediaTypes: ['video', 'audio'] as const },
    { name: 'a listed origin asks for the microphone only', origin: MEET, mediaTypes: ['audio'] as const },
    { name: 'a listed origin asks for the camera only', origin: MEET, mediaTypes: ['video'] as const },
    { name: 'the check handler asks without media types', origin: MEET, mediaTypes: undefined },
    { name: 'the origin comes as a full URL with a path', origin: `${MEET}/room/123?x=1`, mediaTypes: ['video'] as const },
    { name: 'the origin is written in capitals', origin: 'HTTPS://MEET.EXAMPLE.FI', mediaTypes: ['audio'] as const },
    { name: 'a listed origin with its own port', origin: 'https://video.hyvinvointialue.fi:8443', mediaTypes: ['video'] as const },
    { name: 'a subframe of a listed origin (the frame origin decides)', origin: MEET, mediaTypes: ['video'] as const, isMainFrame: false },
  ])('allowed: $name', ({ origin, mediaTypes, isMainFrame }) => {
    expect(ask('media', origin, { mediaTypes, isMainFrame })).toBe(true);
  });

  it.each([
    { name: 'an origin that is not listed', origin: 'https://evil.example', mediaTypes: ['video'] },
    { name: 'a subdomain of a listed origin', origin: 'https://x.meet.example.fi', mediaTypes: ['video'] },
    { name: 'a listed host on another port', origin: 'https://meet.example.fi:8443', mediaTypes: ['audio'] },
    { name: 'a listed host over plain http', origin: 'http://meet.example.fi', mediaTypes: ['audio'] },
    { name: 'an http origin that the list names by mistake', origin: 'http://insecure.example.fi', mediaTypes: ['audio'] },
    { name: 'a listed host hidden in user info', origin: 'https://meet.example.fi@evil.example', mediaTypes: ['video'] },
    { name: 'a lookalike with the listed host as a prefix', origin: 'https://meet.example.fi.evil.example', mediaTypes: ['video'] },
    { name: 'a listed origin asking for an unknown media type', origin: MEET, mediaTypes: ['video', 'screen'] },
    { name: 'a listed origin naming no media type at all', origin: MEET, mediaTypes: [] },
    { name: 'the check handler passing "unknown" as the type', origin: MEET, mediaTypes: ['unknown'] },
  ])('denied: $name', ({ origin, mediaTypes }) => {
    expect(ask('media', origin, { mediaTypes: mediaTypes as PermissionQuery['mediaTypes'] })).toBe(false);
  });

  it.each(['speaker-selection', 'mediaKeySystem'])('%s is allowed for a media origin and nobody else', (permission) => {
    expect(ask(permission, MEET)).toBe(true);
    expect(ask(permission, 'https://kela.fi')).toBe(false);
  });

  it('a policy with no media origins gives camera and microphone to nobody', () => {
    expect(decidePermission({ permission: 'media', requestingOrigin: MEET, mediaTypes: ['video'] }, { mediaOrigins: [] })).toBe(false);
  });

  it('a malformed entry in the list grants nothing and breaks nothing', () => {
    const policy: PermissionPolicy = { mediaOrigins: ['meet.example.fi', 'null', '', MEET] };
    expect(decidePermission({ permission: 'media', requestingOrigin: 'null' }, policy)).toBe(false);
    expect(decidePermission({ permission: 'media', requestingOrigin: MEET }, policy)).toBe(true);
  });
});

describe('permissions every web page gets', () => {
  it.each([
    { name: 'fullscreen for a video player', permission: 'fullscreen', origin: 'https://yle.fi' },
    { name: 'fullscreen on plain http', permission: 'fullscreen', origin: 'http://example.fi' },
    { name: 'copying text', permission: 'clipboard-sanitized-write', origin: 'https://www.suomi.fi' },
    { name: 'copying text from a subframe', permission: 'clipboard-sanitized-write', origin: 'https://widget.example' },
  ])('$name', ({ permission, origin }) => {
    expect(ask(permission, origin)).toBe(true);
  });

  it('ALWAYS_ALLOWED names exactly fullscreen and sanitized clipboard writes', () => {
    expect([...ALWAYS_ALLOWED].sort()).toEqual(['clipboard-sanitized-write', 'fullscreen']);
  });

  it('MEDIA_PERMISSIONS names exactly camera/microphone, speaker selection and media keys', () => {
    expect([...MEDIA_PERMISSIONS].sort()).toEqual(['media', 'mediaKeySystem', 'speaker-selection']);
  });
});

describe('origins that never get anything', () => {
  const origins = [
    { name: 'an empty origin', origin: '' },
    { name: 'an opaque "null" origin', origin: 'null' },
    { name: 'a local file', origin: 'file:///C:/Users/kiosk/page.html' },
    { name: 'a data: URL', origin: 'data:text/html,<video>' },
    { name: "Tupa's own UI", origin: 'app://kiosk' },
    { name: 'a blob: URL', origin: 'blob:https://meet.example.fi/1234' },
    { name: 'a chrome: page', origin: 'chrome://settings' },
    { name: 'a bare host', origin: 'meet.example.fi' },
  ];
  const permissions = ['fullscreen', 'clipboard-sanitized-write', 'media', 'speaker-selection', 'mediaKeySystem'];
  const rows = origins.flatMap((o) => permissions.map((permission) => ({ ...o, permission })));

  it.each(rows)('$name asking for $permission', ({ origin, permission }) => {
    expect(ask(permission, origin, { mediaTypes: permission === 'media' ? ['video'] : undefined })).toBe(false);
  });

  it('a blob: origin is not its inner https origin, even when that one is a media origin', () => {
    expect(ask('media', `blob:${MEET}/uuid`, { mediaTypes: ['audio'] })).toBe(false);
    expect(ask('media', MEET, { mediaTypes: ['audio'] })).toBe(true);
  });
});

describe('everything else is denied, even for a media origin', () => {
  const named = [
    'display-capture', 'openExternal', 'fileSystem', 'notifications', 'geolocation', 'geolocation-approximate', 'midi',
    'midiSysex', 'pointerLock', 'keyboardLock', 'hid', 'serial', 'usb', 'idle-detection', 'clipboard-read', 'local-fonts',
    'local-network', 'local-network-access', 'loopback-network', 'window-management', 'storage-access',
    'top-level-storage-access', 'persistent-storage', 'web-app-installation', 'unknown',
  ];

  it.each(named)('%s', (permission) => {
    expect(ask(permission, MEET)).toBe(false);
    expect(ask(permission, 'https://kela.fi')).toBe(false);
  });

  it.each(DENIED_PERMISSIONS.map((p) => [p]))('documented as denied: %s', (permission) => {
    expect(ask(permission, MEET, { mediaTypes: ['video'] })).toBe(false);
  });

  it('the documented denied list covers every permission the brief names', () => {
    expect(named.filter((p) => !DENIED_PERMISSIONS.includes(p))).toEqual([]);
  });

  it('no permission is both documented as denied and granted', () => {
    expect(DENIED_PERMISSIONS.filter((p) => ALWAYS_ALLOWED.includes(p) || MEDIA_PERMISSIONS.includes(p))).toEqual([]);
  });

  it.each([
    { name: 'a name in different case', permission: 'Media' },
    { name: 'a name with white space', permission: ' fullscreen' },
    { name: 'a future permission', permission: 'brain-computer-interface' },
    { name: 'an empty name', permission: '' },
  ])('$name is denied', ({ permission }) => {
    expect(ask(permission, MEET, { mediaTypes: ['video'] })).toBe(false);
  });

  it('any permission outside the two allow lists is denied for any origin', () => {
    const granted = new Set([...ALWAYS_ALLOWED, ...MEDIA_PERMISSIONS]);
    fc.assert(
      fc.property(
        fc.string().filter((p) => !granted.has(p)),
        fc.constantFrom(MEET, 'https://kela.fi', 'http://example.fi', 'null', ''),
        (permission, origin) => {
          expect(ask(permission, origin, { mediaTypes: ['video'] })).toBe(false);
        },
      ),
    );
  });
});
