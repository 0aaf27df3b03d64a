import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatClock } from '../format';
import { useKioskContext, useTicker } from '../state';
import { SessionBar } from '../session/SessionBar';
import { StartPage } from '../session/StartPage';
import { WebArea } from '../session/WebArea';
import { Notice } from '../session/Notice';
import { FileChooserDialog } from '../session/FileChooserDialog';
import { useHelpPanel } from '../help/HelpContext';
import { EndConfirmDialog, IdleDialog, WarningDialog } from '../session/SessionDialogs';
import { PrintLayer, PrintProvider, usePrintCovers } from '../print/PrintLayer';

/** A running session: the bar, the start page or the web view's place, and the dialogs. */
export function SessionScreen() {
  return (
    <PrintProvider>
      <Session />
    </PrintProvider>
  );
}

function Session() {
  const { t } = useTranslation();
  const { snapshot, receivedAt, locale } = useKioskContext();
  const session = snapshot.session!;
  const tick = useTicker(250);
  const elapsed = Math.max(0, tick - receivedAt);
  const remainingMs = session.remainingMs - elapsed;
  const [confirmEnd, setConfirmEnd] = useState(false);
  const [dismissedSeq, setDismissedSeq] = useState(0);
  const [announcement, setAnnouncement] = useState('');
  const [announcedSeq, setAnnouncedSeq] = useState(0);

  // Screen readers hear each warning as it comes, even with the dialog dismissed.
  const warning = session.warning;
  if (warning && warning.seq !== announcedSeq) {
    setAnnouncedSeq(warning.seq);
    setAnnouncement(t('warning.announce', { count: warning.minutesLeft, time: formatClock(session.endsAt, locale, snapshot.timeZone) }));
  }

  const idleOpen = session.idlePromptMs !== undefined;
  const idleSeconds = Math.max(0, Math.ceil(((session.idlePromptMs ?? 0) - elapsed) / 1000));
  const warningOpen = !!warning && warning.seq !== dismissedSeq && !idleOpen;
  const fileOpen = !!session.fileChooser && !idleOpen && !warningOpen;
  // The web view is drawn above this window: take it away while a dialog is open.
  const { open: helpOpen } = useHelpPanel();
  const printCovers = usePrintCovers(snapshot.print);
  // Help from afar's questions and endings are dialogs too (renderer/kiosk/remote/RemoteHelp.tsx).
  const remoteState = snapshot.remote?.state;
  const remoteAsks = remoteState === 'consent' || remoteState === 'ended' || remoteState === 'refused';
  const covered = idleOpen || warningOpen || confirmEnd || fileOpen || helpOpen || printCovers || remoteAsks;

  return (
    <div className="screen screen--session">
      <SessionBar session={session} remainingMs={remainingMs} onEnd={() => setConfirmEnd(true)} />
      <main id="main" className={`screen__main${session.view.kind === 'tile' ? ' screen__main--web' : ''}`} tabIndex={-1}>
        {session.notice ? <Notice notice={session.notice} /> : null}
        {session.view.kind === 'home' ? <StartPage /> : <WebArea tileId={session.view.tileId} covered={covered} />}
      </main>
      <div className="sr-only" role="status" aria-live="polite" aria-atomic="true" data-testid="announcer">
        {announcement}
      </div>
      <WarningDialog
        session={session}
        open={warningOpen}
        onClose={(extendedTo) => {
          setDismissedSeq(warning?.seq ?? 0);
          if (extendedTo) setAnnouncement(t('warning.extended', { time: formatClock(extendedTo, locale, snapshot.timeZone) }));
        }}
      />
      <IdleDialog open={idleOpen} secondsLeft={idleSeconds} />
      <EndConfirmDialog open={confirmEnd && !idleOpen} onCancel={() => setConfirmEnd(false)} />
      <FileChooserDialog request={fileOpen ? session.fileChooser : undefined} />
      <PrintLayer />
    </div>
  );
}
