import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskSnapshot } from '../../../preload/contract';
import { KioskDialog } from '../help/KioskDialog';
import { useKioskContext } from '../state';

type Request = NonNullable<NonNullable<KioskSnapshot['session']>['fileChooser']>;

/**
 * A page asked for a file. Instead of the system's file dialog (which would
 * open the whole file system), the resident chooses among the files saved
 * in this session.
 */
export function FileChooserDialog({ request }: { request: Request | undefined }) {
  const { t } = useTranslation();
  const { client, run } = useKioskContext();
  const [chosen, setChosen] = useState<string[]>([]);
  const answer = (names: string[]) => {
    setChosen([]);
    void run(() => client.call('kiosk.chooseFiles', { names }));
  };
  const toggle = (name: string) =>
    setChosen((current) => (request?.multiple ? (current.includes(name) ? current.filter((n) => n !== name) : [...current, name]) : [name]));
  return (
    <KioskDialog open={!!request} titleId="file-title" descriptionId="file-intro" onEscape={() => answer([])}>
      <h2 id="file-title">{t('fileChooser.title')}</h2>
      {request && request.files.length > 0 ? (
        <fieldset className="file-list">
          <legend id="file-intro">{t('fileChooser.intro')}</legend>
          {request.files.map((file) => (
            <label key={file.name} className="file-list__item">
              <input
                type={request.multiple ? 'checkbox' : 'radio'}
                name="session-file"
                checked={chosen.includes(file.name)}
                onChange={() => toggle(file.name)}
              />
              <span className="file-list__name">{file.name}</span>
              <span className="file-list__size">{t('fileChooser.size', { size: Math.max(1, Math.round(file.bytes / 1024)) })}</span>
            </label>
          ))}
        </fieldset>
      ) : (
        <p id="file-intro">{t('fileChooser.none')}</p>
      )}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={() => answer([])}>
          {t('fileChooser.cancel')}
        </button>
        {request && request.files.length > 0 ? (
          <button type="button" className="button button--primary" disabled={chosen.length === 0} onClick={() => answer(chosen)}>
            {t('fileChooser.choose')}
          </button>
        ) : null}
      </div>
    </KioskDialog>
  );
}
