/**
 * What the kiosk UI may capture for help from afar (issue 16), decided
 * without Electron: the residents' web view's frame, and only while the
 * resident is answering "Show my screen" or sharing; never the desktop,
 * never a window, never another screen. The microphone only while sharing
 * on a site whose PCs have headsets; never the camera.
 */
export type RemoteCaptureState = 'idle' | 'waiting' | 'consent' | 'sharing' | 'ended' | 'refused' | undefined;

export function mayCaptureWebView(state: RemoteCaptureState, hasWebView: boolean): boolean {
  return hasWebView && (state === 'consent' || state === 'sharing');
}

export function mayUseMicrophone(state: RemoteCaptureState, voice: boolean, permission: string, mediaTypes: readonly string[] | undefined): boolean {
  if (permission !== 'media' || !voice || state !== 'sharing') return false;
  // Media permission requests name what they want; the camera, or nothing named, is refused.
  return !!mediaTypes && mediaTypes.length > 0 && mediaTypes.every((type) => type === 'audio');
}
