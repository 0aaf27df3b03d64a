import { useCallback, useState } from 'react';
import { useText } from '../i18n';
import { chime, notificationState, notify, unlockSound } from './sound';

/** "Test the alert": the chime and a notification, as a help call would bring them, and what the advisor should have noticed. */
export function useTestAlert(): { test: () => void; result: string | undefined } {
  const { tr, locale } = useText();
  const [result, setResult] = useState<string | undefined>();
  const test = useCallback(() => {
    unlockSound();
    chime('alert');
    const shown = notificationState() === 'granted';
    notify(tr('alerts.testTitle'), tr('alerts.testBody'), 'tupa-test', locale, false);
    setResult(shown ? tr('alerts.testedBoth') : tr('alerts.testedSound'));
  }, [tr, locale]);
  return { test, result };
}
