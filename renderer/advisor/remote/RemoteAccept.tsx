import type { HelpCallView } from '../../../preload/hub-contract';
import { callHub } from '../api';
import { useText } from '../i18n';
import { useHubAction } from '../useHubAction';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { startRemote } from './session';

/** A remote call in the help queue: marked, and "Accept" opens the remote-help view (the call is this console's from then on). */
export function RemoteAccept({ call, describedBy, onFailure }: { call: HelpCallView; describedBy: string; onFailure: (error: unknown) => void }) {
  const { tr } = useText();
  const { pending, error, run } = useHubAction<'accept'>(onFailure);
  const accept = () =>
    run('accept', async () => {
      startRemote(await callHub('remoteAccept', { id: call.id }));
      // The view is drawn above the queue: take the advisor there.
      requestAnimationFrame(() => document.getElementById('remote')?.scrollIntoView({ block: 'start' }));
    });
  return (
    <>
      {call.state === 'requested' ? (
        <button type="button" className="button button--primary button--large" aria-describedby={describedBy} aria-disabled={!!pending || undefined} onClick={() => void accept()}>
          {tr('remote.accept')}
        </button>
      ) : null}
      <ErrorMessage text={error} />
    </>
  );
}

/** The mark on a remote call, in the queue and among the closed ones. */
export function RemoteMark() {
  const { tr } = useText();
  return <span className="remote-mark">{tr('remote.mark')}</span>;
}
