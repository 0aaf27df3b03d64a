import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { RequestError } from '../api/request';
import { Lockout } from './Lockout';
import { TopBar } from './TopBar';
import { useCountdown } from './useCountdown';

/** The texts a sign-in screen needs: each page's catalogue has them under these keys. */
export type SignInKey =
  | 'app.name'
  | 'signIn.pageTitle'
  | 'signIn.heading'
  | 'signIn.intro'
  | 'signIn.name'
  | 'signIn.password'
  | 'signIn.submit'
  | 'signIn.signingIn'
  | 'signIn.missingName'
  | 'signIn.missingPassword'
  | 'signIn.wrong'
  | 'signIn.slowDown'
  | 'signIn.tryAgainNow'
  | 'signIn.expired'
  | 'signIn.signedOut';

type Problem =
  | { kind: 'missing-name' }
  | { kind: 'missing-password' }
  | { kind: 'wrong' }
  | { kind: 'slow-down'; until: number }
  | { kind: 'other'; text: string };

export interface SignInScreenProps {
  tr: (key: SignInKey, values?: Record<string, string | number>) => string;
  /** Beside the page's name in the top bar (the language picker). */
  tools: ReactNode;
  notice?: 'expired' | 'signed-out' | undefined;
  /** Sends the name and password; resolves with the name signed in, rejects with a RequestError (401 wrong, 429 wait). */
  signIn: (name: string, password: string) => Promise<string>;
  /** Any other failure, in the page's words. */
  describeError: (error: unknown) => string;
  onSignedIn: (name: string) => void;
}

/**
 * Name and password (the advisor console, the city dashboard); a wrong one
 * says so, repeated failures make the server ask for a pause (shown with its
 * wait).
 */
export function SignInScreen({ tr, tools, notice, signIn, describeError, onSignedIn }: SignInScreenProps) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<Problem | undefined>();
  const [pending, setPending] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  // The pause the server asked for, on this page's monotonic clock (a changed wall clock does not stretch it).
  const waitMs = useCountdown(problem?.kind === 'slow-down' ? problem.until : undefined, () => performance.now());
  const waiting = waitMs > 0;

  useEffect(() => {
    document.title = tr('signIn.pageTitle');
  }, [tr]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending || waiting) return;
    if (!name.trim()) {
      setProblem({ kind: 'missing-name' });
      nameRef.current?.focus();
      return;
    }
    if (!password) {
      setProblem({ kind: 'missing-password' });
      passwordRef.current?.focus();
      return;
    }
    setPending(true);
    try {
      const signedIn = await signIn(name.trim(), password);
      setPassword('');
      setProblem(undefined);
      onSignedIn(signedIn);
    } catch (error) {
      setPassword('');
      if (error instanceof RequestError && error.status === 401) setProblem({ kind: 'wrong' });
      else if (error instanceof RequestError && error.status === 429) {
        setProblem({ kind: 'slow-down', until: performance.now() + (error.retryAfterSeconds ?? 30) * 1000 });
      } else setProblem({ kind: 'other', text: describeError(error) });
      passwordRef.current?.focus();
    } finally {
      setPending(false);
    }
  };

  const message = (() => {
    switch (problem?.kind) {
      case undefined:
        return undefined;
      case 'missing-name':
        return tr('signIn.missingName');
      case 'missing-password':
        return tr('signIn.missingPassword');
      case 'wrong':
        return tr('signIn.wrong');
      case 'slow-down':
        return waiting ? <Lockout leftMs={waitMs} text={(time) => tr('signIn.slowDown', { time })} /> : tr('signIn.tryAgainNow');
      case 'other':
        return problem.text;
    }
  })();
  const nameInvalid = problem?.kind === 'missing-name' || problem?.kind === 'wrong';
  const passwordInvalid = problem?.kind === 'missing-password' || problem?.kind === 'wrong';

  return (
    <div className="screen screen--sign-in">
      <TopBar where={tr('app.name')}>{tools}</TopBar>
      <main id="main" className="screen__main sign-in" tabIndex={-1}>
        <div className="card sign-in__card">
          <h1>{tr('signIn.heading')}</h1>
          {notice ? (
            <p className="message message--info" role="status">
              {notice === 'expired' ? tr('signIn.expired') : tr('signIn.signedOut')}
            </p>
          ) : null}
          <form className="form" onSubmit={submit} noValidate aria-describedby="sign-in-intro">
            <p id="sign-in-intro" className="hint">
              {tr('signIn.intro')}
            </p>
            <div className="field">
              <label htmlFor="sign-in-name" className="field__label">
                {tr('signIn.name')}
              </label>
              <input
                ref={nameRef}
                id="sign-in-name"
                className="input"
                value={name}
                onChange={(e) => setName(e.target.value)}
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                maxLength={60}
                aria-invalid={nameInvalid || undefined}
                aria-describedby={message ? 'sign-in-message' : undefined}
              />
            </div>
            <div className="field">
              <label htmlFor="sign-in-password" className="field__label">
                {tr('signIn.password')}
              </label>
              <input
                ref={passwordRef}
                id="sign-in-password"
                className="input"
                type="password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                autoComplete="current-password"
                maxLength={200}
                aria-invalid={passwordInvalid || undefined}
                aria-describedby={message ? 'sign-in-message' : undefined}
              />
            </div>
            <div id="sign-in-message" aria-live="assertive" aria-atomic="true">
              {message ? (
                <p className={`message ${problem?.kind === 'slow-down' && !waiting ? 'message--info' : 'message--error'}`}>
                  {message}
                </p>
              ) : null}
            </div>
            <button type="submit" className="button button--primary button--large" aria-disabled={pending || waiting || undefined}>
              {pending ? tr('signIn.signingIn') : tr('signIn.submit')}
            </button>
          </form>
        </div>
      </main>
    </div>
  );
}
