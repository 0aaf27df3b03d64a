import { SignInScreen } from '../ui/SignInScreen';
import { callHub } from './api';
import { describeError } from './errors';
import { useText } from './i18n';
import { LanguagePicker } from './LanguagePicker';

/** The console's sign-in: the shared screen (renderer/ui/SignInScreen.tsx) with the console's texts and the hub's session route. */
export function SignIn({ notice, onSignedIn }: { notice?: 'expired' | 'signed-out' | undefined; onSignedIn: (name: string) => void }) {
  const { tr } = useText();
  return (
    <SignInScreen
      tr={tr}
      tools={<LanguagePicker />}
      notice={notice}
      signIn={async (name, password) => (await callHub('signIn', { body: { name, password } })).name}
      describeError={(error) => describeError(error, tr)}
      onSignedIn={onSignedIn}
    />
  );
}
