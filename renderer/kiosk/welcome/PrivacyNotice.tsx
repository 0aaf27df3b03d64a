import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KioskDialog } from '../help/KioskDialog';

/** The short privacy notice, one tap away on every screen that has the button: what is cleared, what is counted, for how long, what leaves the site. */
export function PrivacyNotice({ retentionDays }: { retentionDays: number }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="link-button" onClick={() => setOpen(true)}>
        {t('common.privacy')}
      </button>
      <KioskDialog open={open} titleId="privacy-title" descriptionId="privacy-body" onEscape={() => setOpen(false)}>
        <h2 id="privacy-title">{t('privacy.heading')}</h2>
        <div id="privacy-body" className="dialog__body">
          <p>{t('privacy.body1')}</p>
          <p>{t('privacy.body2')}</p>
          <p>{t('privacy.body3')}</p>
          <p>{t('privacy.body5', { days: retentionDays })}</p>
          <p>{t('privacy.body6')}</p>
          <p>{t('privacy.body4')}</p>
        </div>
        <div className="dialog__actions">
          <button type="button" className="button button--primary" data-autofocus onClick={() => setOpen(false)}>
            {t('common.close')}
          </button>
        </div>
      </KioskDialog>
    </>
  );
}
