import { useCallback, useEffect, useRef, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import type { Board } from '../../preload/hub-contract';
import { Loading, Unavailable, useDocumentLanguage, useRetryWhile } from '../ui/PageStates';
import { unlockSound } from './alerts/sound';
import { callHub, HubRequestError } from './api';
import { Console } from './Console';
import { useText } from './i18n';
import { SignIn } from './SignIn';

type Auth =
  | { kind: 'checking' }
  | { kind: 'signed-out'; notice?: 'expired' | 'signed-out' }
  | { kind: 'unreachable' }
  | { kind: 'signed-in'; board: Board };

export function App({ i18n }: { i18n: I18n }) {
  return (
    <I18nextProvider i18n={i18n}>
      <Root />
    </I18nextProvider>
  );
}

function Root() {
  const { tr, locale } = useText();
  const [auth, setAuth] = useState<Auth>({ kind: 'checking' });

  useDocumentLanguage(locale);

  // Browsers play sound only after the page has been used: any tap or key unlocks the help-call beep.
  useEffect(() => {
    const unlock = () => unlockSound();
    window.addEventListener('pointerdown', unlock, true);
    window.addEventListener('keydown', unlock, true);
    return () => {
      window.removeEventListener('pointerdown', unlock, true);
      window.removeEventListener('keydown', unlock, true);
    };
  }, []);

  /** The session cookie is HttpOnly: whether it is still good shows in whether the board comes. */
  const [attempt, setAttempt] = useState(0);
  const load = useCallback(() => setAttempt((n) => n + 1), []);
  useEffect(() => {
    let current = true;
    callHub('board').then(
      (board) => current && setAuth({ kind: 'signed-in', board }),
      (error: unknown) => {
        if (!current) return;
        setAuth(error instanceof HubRequestError && error.status === 0 ? { kind: 'unreachable' } : { kind: 'signed-out' });
      },
    );
    return () => {
      current = false;
    };
  }, [attempt]);

  useRetryWhile(auth.kind === 'unreachable', auth, load);

  // Signing out closes the console's live connection at the hub: that close is not "your session ended".
  const signingOut = useRef(false);
  const signedOut = useCallback(() => {
    if (!signingOut.current) setAuth((prev) => (prev.kind === 'signed-out' ? prev : { kind: 'signed-out', notice: 'expired' }));
  }, []);
  const signOut = useCallback(async () => {
    signingOut.current = true;
    try {
      await callHub('signOut');
    } catch {
      // Signed out already, or the hub is away: the sign-in screen is right either way.
    }
    setAuth({ kind: 'signed-out', notice: 'signed-out' });
    signingOut.current = false;
  }, []);

  useEffect(() => {
    if (auth.kind === 'checking' || auth.kind === 'unreachable') document.title = tr('app.name');
  }, [auth.kind, tr]);

  switch (auth.kind) {
    case 'checking':
      return <Loading text={tr('app.loading')} />;
    case 'unreachable':
      return <Unavailable title={tr('app.name')} message={tr('app.unreachable')} retryLabel={tr('link.retryNow')} onRetry={load} />;
    case 'signed-out':
      return (
        <SignIn
          notice={auth.notice}
          onSignedIn={() => {
            // The press of the sign-in button counts as use: the beep can sound from now on.
            unlockSound();
            load();
          }}
        />
      );
    case 'signed-in':
      return <Console key="console" initial={auth.board} onSignedOut={signedOut} onSignOut={() => void signOut()} />;
  }
}
