import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { installPageGuards } from './app/page-guards';
import { installWsBridgeIfNeeded } from './bridge/ws-bridge';
import { windowKiosk } from './bridge/kiosk';
import './styles/kiosk.css';

// Electron's preload has already installed window.kiosk; in the browser shell this connects.
installWsBridgeIfNeeded();
installPageGuards();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App kiosk={windowKiosk()} />
    </StrictMode>,
  );
}
