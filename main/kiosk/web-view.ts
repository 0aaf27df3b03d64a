import { inSession } from '../core/session-machine';
import type { SessionFile, ShellEvent, ShellNotice, ViewArea, ViewTarget } from '../core/shell';
import { nextZoom, offeredChoice, ZOOM } from '../core/web-view-rules';
import type { KioskContext } from './feature';
import type { SnapshotInput, ViewState } from './snapshot';

export interface WebView {
  zoom(change: 'in' | 'out' | 'reset'): number;
  openTile(tileId: string): boolean;
  goHome(): void;
  /** The UI says where its web area is (or that something covers it). */
  setWebArea(area: ViewArea | null): void;
  navigate(action: 'back' | 'forward' | 'reload'): void;
  /** Answers the page's file request with files the session saved; only offered names pass. */
  chooseFiles(names: readonly string[]): Promise<void>;
  dismissNotice(): void;
  snapshotPart(): Pick<SnapshotInput, 'view' | 'zoomPercent' | 'zoom' | 'nav' | 'notice' | 'fileChooser'>;
}

/**
 * The session's web view: the service tiles, zoom, back and forward, the
 * page's file requests, and what the shell tells the resident about it. A
 * failed safeguard takes the PC out of service after the session's wipe.
 */
export function setupWebView(ctx: KioskContext): WebView {
  const { shell } = ctx.deps;
  let view: ViewState = { kind: 'home' };
  let zoomPercent = 100;
  let nav = { canGoBack: false, canGoForward: false };
  let notice: (ShellNotice & { seq: number }) | undefined;
  let noticeSeq = 0;
  let fileChooser: { multiple: boolean; files: SessionFile[] } | undefined;
  /** A web-view safeguard failed: no further session after this one's wipe. */
  let fault: string | undefined;

  const running = () => inSession(ctx.state);
  const activity = () => ctx.dispatch({ type: 'activity' });
  const show = (target: ViewTarget) => void ctx.guard('show page', () => shell.show(target));

  const webView: WebView = {
    zoom(change) {
      if (!running()) return zoomPercent;
      zoomPercent = nextZoom(zoomPercent, change);
      shell.setZoom(zoomPercent);
      activity();
      return zoomPercent;
    },
    openTile(tileId) {
      const tile = ctx.config.tiles.find((t) => t.id === tileId);
      if (!tile || !running()) return false;
      view = { kind: 'tile', tileId };
      show({ kind: 'url', url: tile.url });
      activity();
      return true;
    },
    goHome() {
      if (!running()) return;
      view = { kind: 'home' };
      show({ kind: 'home' });
      activity();
    },
    setWebArea(area) {
      if (!running()) return;
      shell.setViewArea(view.kind === 'tile' ? area : null);
    },
    navigate(action) {
      if (!running() || view.kind !== 'tile') return;
      shell.navigate(action);
      activity();
    },
    async chooseFiles(names) {
      if (!running() || !fileChooser) return;
      const chosen = offeredChoice(fileChooser, names);
      fileChooser = undefined;
      ctx.emit();
      await ctx.guard('choose files', () => shell.chooseFiles(chosen));
      activity();
    },
    dismissNotice() {
      notice = undefined;
      ctx.emit();
    },
    snapshotPart: () => ({ view, zoomPercent, zoom: ZOOM, nav, notice, fileChooser }),
  };

  function onShellEvent(event: ShellEvent): void {
    switch (event.type) {
      case 'zoom':
        webView.zoom(event.change);
        return;
      case 'nav':
        nav = { canGoBack: event.canGoBack, canGoForward: event.canGoForward };
        return ctx.emit();
      case 'file-chooser':
        fileChooser = running() ? (event.request ?? undefined) : undefined;
        return ctx.emit();
      case 'fault':
        fault = fault ?? event.reason;
        ctx.log.error('web view safeguard failed; out of service after this session', { reason: event.reason });
        if (running()) {
          view = { kind: 'home' };
          notice = { kind: 'view-unavailable', seq: ++noticeSeq };
        }
        return ctx.emit();
      case 'notice':
        if (!running()) return;
        // A crashed page leaves the start page on screen; the shell has a fresh view ready.
        if (event.notice.kind === 'page-crashed') view = { kind: 'home' };
        notice = { ...event.notice, seq: ++noticeSeq };
        ctx.log.info('web view notice', { kind: event.notice.kind });
        return ctx.emit();
    }
  }

  ctx.register({
    sessionStarting() {
      view = { kind: 'home' };
      zoomPercent = 100;
      nav = { canGoBack: false, canGoForward: false };
      notice = undefined;
      fileChooser = undefined;
    },
    effect(effect) {
      if (effect.type === 'record-start') {
        void ctx.guard('open view', async () => {
          await shell.openSessionView({ sessionId: effect.session.id, zoomPercent });
          await shell.show({ kind: 'home' });
        });
      } else if (effect.type === 'hide-view') {
        void ctx.guard('hide view', () => shell.hideSessionView(effect.sessionId)).then(
          ctx.guarded('after hiding the view', () => ctx.dispatch({ type: 'view-hidden' })),
        );
      }
    },
    shellEvent: onShellEvent,
    policyChanged(config) {
      shell.updatePolicy?.({ web: config.web });
    },
    fault: () => (fault ? `web view safeguard failed: ${fault}` : undefined),
  });
  return webView;
}
