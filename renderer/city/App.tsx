import { useCallback, useEffect, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import type { Dashboard as DashboardData } from '../../preload/city-contract';
import { Loading, Unavailable, useDocumentLanguage, useRetryWhile } from '../ui/PageStates';
import { SignInScreen } from '../ui/SignInScreen';
import { loadDashboard, RequestError, sessionName, signIn, signOut } from './api';
import { Dashboard } from './Dashboard';
import { describeError } from './errors';
import { lastTwelveMonths, type MonthRange } from './figures';
import { useText } from './i18n';
import { LanguagePicker } from './LanguagePicker';

type Auth =
  | { kind: 'checking' }
  | { kind: 'signed-out'; notice?: 'expired' | 'signed-out' }
  /** The figures did not come: the service is away (tried again by itself) or refused for another reason than the session. */
  | { kind: 'failed'; error: unknown; retrying: boolean }
  | { kind: 'signed-in'; name: string | undefined; range: MonthRange; first: DashboardData };

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

  /**
   * The session cookie is HttpOnly: whether it is still good shows in whether
   * the figures come. The first load asks for the last twelve months (and,
   * after a reload, who is signed in).
   */
  const [attempt, setAttempt] = useState<{ n: number; name?: string | undefined }>({ n: 0 });
  const load = useCallback((name?: string) => setAttempt((prev) => ({ n: prev.n + 1, name: name ?? prev.name })), []);
  useEffect(() => {
    let current = true;
    const range = lastTwelveMonths(Date.now());
    Promise.all([loadDashboard(range), attempt.name ?? sessionName()]).then(
      ([first, name]) => current && setAuth({ kind: 'signed-in', name, range, first }),
      (error: unknown) => {
        if (!current) return;
        if (error instanceof RequestError && error.status === 401) setAuth((prev) => ({ kind: 'signed-out', notice: prev.kind === 'signed-out' ? prev.notice : undefined }));
        else if (error instanceof RequestError && error.status === 0) setAuth({ kind: 'failed', error, retrying: true });
        else setAuth({ kind: 'failed', error, retrying: false });
      },
    );
    return () => {
      current = false;
    };
  }, [attempt]);

  const retry = useCallback(() => load(), [load]);
  useRetryWhile(auth.kind === 'failed' && auth.retrying, auth, retry);

  const signedOut = useCallback(() => setAuth({ kind: 'signed-out', notice: 'expired' }), []);
  const doSignOut = useCallback(async () => {
    try {
      await signOut();
    } catch {
      // Signed out already, or the service is away: the sign-in screen is right either way.
    }
    setAuth({ kind: 'signed-out', notice: 'signed-out' });
  }, []);

  useEffect(() => {
    if (auth.kind === 'checking' || auth.kind === 'failed') document.title = tr('app.name');
  }, [auth.kind, tr]);

  switch (auth.kind) {
    case 'checking':
      return <Loading text={tr('app.loading')} />;
    case 'failed':
      return (
        <Unavailable
          title={tr('app.name')}
          message={auth.retrying ? tr('app.unreachable') : describeError(auth.error, tr)}
          retryLabel={tr('app.retryNow')}
          onRetry={retry}
        />
      );
    case 'signed-out':
      return (
        <SignInScreen
          tr={tr}
          tools={<LanguagePicker />}
          notice={auth.notice}
          signIn={signIn}
          describeError={(error) => describeError(error, tr)}
          onSignedIn={(name) => load(name)}
        />
      );
    case 'signed-in':
      return <Dashboard name={auth.name} initialRange={auth.range} initial={auth.first} onSignedOut={signedOut} onSignOut={() => void doSignOut()} />;
  }
}
