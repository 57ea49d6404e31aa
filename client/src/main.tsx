import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import './styles.css';
import { App, preloadOpeningPage } from './App';

preloadOpeningPage(window.location.pathname);

// The first render is a transition, which React splits into short slices instead of one long task.
const root = createRoot(document.getElementById('root')!);
startTransition(() =>
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
