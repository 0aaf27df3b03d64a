import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App';
import { createBoardI18n } from './i18n';
// The base shared with the kiosk and the console (reset, focus ring, .sr-only), then the board's own look.
import '../ui/base.css';
import './board.css';

// The lobby's status board: served by the site hub at /board/ with no sign-in.
// It shows the PCs' states, the numbers called and the next free times; nothing
// in it names a resident (preload/board-contract.ts).
const i18n = createBoardI18n();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <App />
    </I18nextProvider>
  </StrictMode>,
);
