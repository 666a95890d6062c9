import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

function Popup() {
  return (
    <main style={{ font: '13px system-ui, sans-serif', padding: 12, width: 240 }}>
      <h1 style={{ fontSize: 15, margin: 0 }}>Attain</h1>
      <p>Open a deal in your CRM to see what it pays.</p>
    </main>
  );
}

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <Popup />
    </StrictMode>,
  );
