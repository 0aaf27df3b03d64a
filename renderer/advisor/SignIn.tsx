import { useEffect, useRef, useState, type FormEvent } from 'react';
import { callHub, HubRequestError } from './api';
import { describeError } from './errors';
import { useText } from './i18n';
import { LanguagePicker } from './LanguagePicker';
import { useNow } from './board';
import { formatCountdown } from './time';

type Problem =
  | { kind: 'missing-name' }
  | { kind: 'missing-password' }
  | { kind: 'wrong' }
  | { kind: 'slow-down'; until: number; seconds: number }
  | { kind: 'other'; text: string };

/** Name and password; a wrong one says so, repeated failures make the hub ask for a pause (shown with its wait). */
export function SignIn({ notice, onSignedIn }: { notice?: 'expired' | 'signed-out' | undefined; onSignedIn: (name: string) => void }) {
  const { tr } = useText();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<Problem | undefined>();
  const [pending, setPending] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const now = useNow(1000);
  const waitMs = problem?.kind === 'slow-down' ? problem.until - now : 0;
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
      const answer = await callHub('signIn', { body: { name: name.trim(), password } });
      setPassword('');
      setProblem(undefined);
      onSignedIn(answer.name);
    } catch (error) {
      setPassword('');
      if (error instanceof HubRequestError && error.status === 401) setProblem({ kind: 'wrong' });
      else if (error instanceof HubRequestError && error.status === 429) {
        const seconds = error.retryAfterSeconds ?? 30;
        setProblem({ kind: 'slow-down', until: Date.now() + seconds * 1000, seconds });
      }
      else setProblem({ kind: 'other', text: describeError(error, tr) });
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
        // The wait as it was given (the live countdown beside it is not read out every second).
        return waiting ? tr('signIn.slowDown', { seconds: problem.seconds }) : tr('signIn.tryAgainNow');
      case 'other':
        return problem.text;
    }
  })();
  const nameInvalid = problem?.kind === 'missing-name' || problem?.kind === 'wrong';
  const passwordInvalid = problem?.kind === 'missing-password' || problem?.kind === 'wrong';

  return (
    <div className="screen screen--sign-in">
      <header className="topbar">
        <p className="topbar__where">{tr('app.name')}</p>
        <div className="topbar__tools">
          <LanguagePicker />
        </div>
      </header>
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
                  {waiting ? (
                    <span className="countdown" aria-hidden="true">
                      {' '}
                      {formatCountdown(waitMs)}
                    </span>
                  ) : null}
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
