import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createAdvisorI18n } from './i18n';
// The base shared with the other page first, then this page's own rules on top.
import '../ui/base.css';
import './advisor.css';

// The advisor console: served by the site hub over HTTPS to browsers on the
// site network (and shown in the advisor role's Electron window). It talks to
// the hub's JSON API on its own origin and listens on /api/events.
const i18n = createAdvisorI18n();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App i18n={i18n} />
  </StrictMode>,
);
