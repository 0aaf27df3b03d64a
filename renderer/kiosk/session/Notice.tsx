import { useTranslation } from 'react-i18next';
import type { NoticeView } from '../../../preload/contract';
import { useKioskContext } from '../state';

/** Tells the resident, in their language, what the web view refused or did. */
export function Notice({ notice }: { notice: NoticeView }) {
  const { t } = useTranslation();
  const { client, run } = useKioskContext();
  const text = (() => {
    switch (notice.kind) {
      case 'blocked-address':
        return notice.host ? t('notice.blockedHost', { host: notice.host }) : t('notice.blocked-address');
      case 'external-app':
        return t('notice.external-app');
      case 'download-saved':
        return t('notice.download-saved', { name: notice.name });
      case 'download-refused':
        return t('notice.download-refused', { name: notice.name });
      case 'permission-denied':
        return notice.what === 'camera-microphone' ? t('notice.camera-microphone') : t('notice.permission-other');
      case 'page-crashed':
        return t('notice.page-crashed');
      case 'view-unavailable':
        return t('notice.view-unavailable');
    }
  })();
  const tone = notice.kind === 'download-saved' ? 'success' : 'info';
  return (
    <div className={`message message--${tone} notice`} role={tone === 'success' ? 'status' : 'alert'} key={notice.seq}>
      <p>{text}</p>
      <button type="button" className="link-button" onClick={() => void run(() => client.call('kiosk.dismissNotice', {}))}>
        {t('notice.close')}
      </button>
    </div>
  );
}
