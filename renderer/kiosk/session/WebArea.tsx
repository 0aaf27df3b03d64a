import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useKioskContext } from '../state';
import { tileText } from './StartPage';

/**
 * Where the session's web view sits. On a room PC the shell lays the web view
 * exactly over this element, so its place is reported whenever it moves or
 * changes size; while a dialog covers it, the view is taken off the screen so
 * the dialog is seen. In the browser preview a note stands here instead.
 */
export function WebArea({ tileId, covered }: { tileId: string; covered: boolean }) {
  const { t } = useTranslation();
  const { client, snapshot, locale } = useKioskContext();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    let last = '';
    const report = () => {
      const r = element.getBoundingClientRect();
      const area = covered ? null : { x: Math.max(0, Math.round(r.left)), y: Math.max(0, Math.round(r.top)), width: Math.round(r.width), height: Math.round(r.height) };
      const key = JSON.stringify(area);
      if (key === last) return;
      last = key;
      void client.call('kiosk.setWebArea', { area }).catch(() => undefined);
    };
    report();
    const observer = new ResizeObserver(report);
    observer.observe(element);
    window.addEventListener('resize', report);
    window.addEventListener('scroll', report, true);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', report);
      window.removeEventListener('scroll', report, true);
      void client.call('kiosk.setWebArea', { area: null }).catch(() => undefined);
    };
  }, [client, covered]);

  const tile = snapshot.tiles.find((x) => x.id === tileId);
  const name = tile ? tileText(tile.label, locale, snapshot.locales.default) : '';
  return (
    <div ref={ref} className="web-area" data-testid="web-area">
      <h1 className={window.tupa ? 'sr-only' : undefined}>{t('session.webArea', { service: name })}</h1>
      {window.tupa ? null : <p>{t('session.webAreaPreview', { host: tile?.host ?? '' })}</p>}
    </div>
  );
}
