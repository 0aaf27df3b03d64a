import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createCityI18n } from './i18n';
// The base shared with the kiosk, then the look shared with the advisor console (and its tables and charts), then this page's own rules.
import '../ui/base.css';
import '../ui/console.css';
import '../ui/figures.css';
import './city.css';

// The city coordinators' dashboard: served by the city's receiver over HTTPS
// with its JSON API on the same origin (a cookie session). It shows the
// site-level figures the hubs send: nothing in it names a resident.
const i18n = createCityI18n();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App i18n={i18n} />
  </StrictMode>,
);
