import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createAdvisorI18n } from './i18n';
// The base shared with the kiosk, then the look shared with the city's dashboard (and its tables and charts), then this page's own rules.
import '../ui/base.css';
import '../ui/console.css';
import '../ui/figures.css';
import './advisor.css';
import './alerts/alerts.css';

// The advisor console: served by the site hub over HTTPS to browsers on the
// site network (and shown in the advisor role's Electron window). It talks to
// the hub's JSON API on its own origin and listens on /api/events.
const i18n = createAdvisorI18n();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App i18n={i18n} />
  </StrictMode>,
);
