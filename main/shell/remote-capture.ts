import type { Session, WebFrameMain } from 'electron';
import type { Logger } from '../log/logger';
import { mayCaptureWebView, mayUseMicrophone, type RemoteCaptureState } from './policy/remote-capture-policy';

export interface RemoteCaptureDeps {
  /** The remote call's state and whether it has voice, as the kiosk core has it now. */
  remote: () => { state: RemoteCaptureState; voice: boolean } | undefined;
  /** The residents' web view's main frame (none while no session page is open). */
  webViewFrame: () => WebFrameMain | undefined;
  logger: Logger;
}

/**
 * The kiosk UI's session (app://kiosk) for help from afar: getDisplayMedia
 * is answered with the residents' web view's frame, and only during a
 * remote call's consent or sharing; the desktop is never offered (no
 * desktopCapturer, no system picker). Every other permission stays refused,
 * but the headset's microphone while sharing when the site has headsets.
 */
export function setupRemoteCapture(uiSession: Session, deps: RemoteCaptureDeps): void {
  uiSession.setDisplayMediaRequestHandler(
    (_request, callback) => {
      const frame = deps.webViewFrame();
      if (!frame || !mayCaptureWebView(deps.remote()?.state, true)) {
        deps.logger.warn('screen capture refused: no remote help call is asking for it');
        // An empty answer refuses the request (getDisplayMedia rejects in the page).
        callback({});
        return;
      }
      callback({ video: frame });
    },
    { useSystemPicker: false },
  );
  uiSession.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const remote = deps.remote();
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes as readonly string[] | undefined) : undefined;
    callback(mayUseMicrophone(remote?.state, remote?.voice ?? false, permission, mediaTypes));
  });
  uiSession.setPermissionCheckHandler((_contents, permission, _origin, details) => {
    const remote = deps.remote();
    const mediaType = 'mediaType' in details ? (details.mediaType as string | undefined) : undefined;
    return mayUseMicrophone(remote?.state, remote?.voice ?? false, permission, mediaType ? [mediaType] : undefined);
  });
}
