import { describe, expect, it } from 'vitest';
import { mayCaptureWebView, mayUseMicrophone } from '../../../main/shell/policy/remote-capture-policy';

describe('what remote help may capture on a room PC', () => {
  it('the web view, only while the resident answers "Show my screen" or shares, and only when there is one', () => {
    expect(mayCaptureWebView('consent', true)).toBe(true);
    expect(mayCaptureWebView('sharing', true)).toBe(true);
    for (const state of ['idle', 'waiting', 'ended', 'refused', undefined] as const) expect(mayCaptureWebView(state, true)).toBe(false);
    expect(mayCaptureWebView('sharing', false)).toBe(false);
  });

  it('the microphone only while sharing on a site with headsets; never the camera', () => {
    expect(mayUseMicrophone('sharing', true, 'media', ['audio'])).toBe(true);
    expect(mayUseMicrophone('sharing', false, 'media', ['audio'])).toBe(false);
    expect(mayUseMicrophone('consent', true, 'media', ['audio'])).toBe(false);
    expect(mayUseMicrophone('sharing', true, 'media', ['video'])).toBe(false);
    expect(mayUseMicrophone('sharing', true, 'media', ['audio', 'video'])).toBe(false);
    expect(mayUseMicrophone('sharing', true, 'media', [])).toBe(false);
    expect(mayUseMicrophone('sharing', true, 'media', undefined)).toBe(false);
    expect(mayUseMicrophone('sharing', true, 'geolocation', ['audio'])).toBe(false);
  });
});
