import type en from '../../resources/locales/en.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

export { catalogues, createI18n } from './kiosk-texts';
