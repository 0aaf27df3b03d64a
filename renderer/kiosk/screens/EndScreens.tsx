import { useTranslation } from 'react-i18next';
import type { FeedbackScore } from '../../../preload/contract';
import { useKioskContext } from '../state';
import { HelpButton } from '../help/HelpButton';
import { BookATime } from '../booking/BookATime';

/** A slim bar with the help button, on the screens between sessions. */
function HelpBar() {
  const { snapshot } = useKioskContext();
  if (!snapshot.help) return null;
  return (
    <header className="topbar topbar--slim">
      <span />
      <HelpButton />
    </header>
  );
}

/** After the end: why it ended, and the wipe's progress. */
export function EndingScreen() {
  const { t } = useTranslation();
  const { snapshot } = useKioskContext();
  const reason = snapshot.ended?.reason ?? 'resident';
  const done = snapshot.wipe?.steps.length ?? 0;
  const total = snapshot.wipe?.total ?? 1;
  return (
    <div className="screen screen--ending">
      <HelpBar />
      <main id="main" className="screen__main screen__main--centred" tabIndex={-1}>
        <h1>{t(`ending.${reason}`)}</h1>
        <p id="wipe-label">{t('ending.clearing')}</p>
        <progress className="wipe-progress" max={total} value={done} aria-labelledby="wipe-label" />
        <p className="hint">{t('ending.progress', { done, total })}</p>
      </main>
    </div>
  );
}

const FACES: Array<{ score: FeedbackScore; key: 'feedback.good' | 'feedback.ok' | 'feedback.bad'; mouth: string }> = [
  { score: 'good', key: 'feedback.good', mouth: 'M14 26 Q20 32 26 26' },
  { score: 'ok', key: 'feedback.ok', mouth: 'M14 28 L26 28' },
  { score: 'bad', key: 'feedback.bad', mouth: 'M14 30 Q20 24 26 30' },
];

function Face({ mouth }: { mouth: string }) {
  return (
    <svg viewBox="0 0 40 40" className="face" aria-hidden="true" focusable="false">
      <circle cx="20" cy="20" r="18" fill="none" stroke="currentColor" strokeWidth="2.5" />
      <circle cx="14" cy="16" r="2.5" fill="currentColor" />
      <circle cx="26" cy="16" r="2.5" fill="currentColor" />
      <path d={mouth} fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
    </svg>
  );
}

/** One tap, optional, anonymous. */
export function FeedbackScreen({ onAnswered }: { onAnswered: () => void }) {
  const { t } = useTranslation();
  const { client, snapshot, run } = useKioskContext();
  const reason = snapshot.ended?.reason ?? 'resident';
  const answer = async (score: FeedbackScore) => {
    await run(() => client.call('kiosk.submitFeedback', { score }));
    onAnswered();
  };
  return (
    <div className="screen screen--feedback">
      <HelpBar />
      <main id="main" className="screen__main screen__main--centred" tabIndex={-1}>
        <p className="message message--success">
          {t(`ending.${reason}`)}. {t('ending.cleared')}
        </p>
        <h1>{t('feedback.heading')}</h1>
        <p>{t('feedback.intro')}</p>
        <div className="faces">
          {FACES.map(({ score, key, mouth }) => (
            <button key={score} type="button" className={`face-button face-button--${score}`} onClick={() => void answer(score)}>
              <Face mouth={mouth} />
              <span>{t(key)}</span>
            </button>
          ))}
        </div>
        <button type="button" className="button button--large" onClick={() => void run(() => client.call('kiosk.skipFeedback', {}))}>
          {t('feedback.skip')}
        </button>
        <BookATime origin="feedback" />
      </main>
    </div>
  );
}

export function OutOfServiceScreen() {
  const { t } = useTranslation();
  const { snapshot } = useKioskContext();
  // An advisor's maintenance (issue 15): a translated heading, and their reason as they wrote it.
  const reason = snapshot.outOfService?.reason;
  return (
    <div className="screen screen--out-of-service">
      <HelpBar />
      <main id="main" className="screen__main screen__main--centred" tabIndex={-1}>
        <h1>{t(reason ? 'fleet.heading' : 'outOfService.heading')}</h1>
        {reason ? (
          <p className="out-of-service__reason">
            <span className="out-of-service__reason-label">{t('fleet.reason')}</span> <q>{reason}</q>
          </p>
        ) : null}
        <p>{t(reason ? 'fleet.body' : 'outOfService.body')}</p>
      </main>
    </div>
  );
}
