import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createKioskClient } from '../api/client';
import { createWsBridge } from '../api/ws-bridge';
import { createConnectionStore } from './state';
import { App } from './App';
import { createI18n } from '../i18n';
// The base shared with the other page first, then this page's own rules on top.
import '../ui/base.css';
import './kiosk.css';
import './session.css';
import './welcome.css';
import './bars.css';

performance.mark('tupa:script');

// On a room PC the preload provides window.tupa (Electron IPC). In the
// browser preview and tests the same contract runs over a WebSocket.
const connection = createConnectionStore(window.tupa ? 'open' : 'connecting');
const bridge =
  window.tupa ?? createWsBridge(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api`, (state) => connection.set(state));
const client = createKioskClient(bridge);
// Ready while the connection opens.
const i18n = createI18n('fi');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App client={client} useConnection={connection.use} i18n={i18n} />
  </StrictMode>,
);
