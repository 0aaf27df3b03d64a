import type { Session, WebPreferences } from 'electron';

/**
 * What every view the shell lays over the kiosk UI starts from (the
 * residents' web view, the advisor's marker): its own session, sandboxed and
 * isolated, no Node, no <webview>, no spellchecker (its dictionaries come
 * from the network), nothing opened by dropping a file. Each view adds its
 * own on top; none has a preload.
 */
export function lockedViewPreferences(ses: Session): WebPreferences {
  return {
    session: ses,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
  };
}
