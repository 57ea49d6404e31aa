import { startFirstRefresh } from './api/first-refresh';
import './i18n/locale';
import './styles.css';

/** Resolves in a task of its own, once the browser has had its turn (paint, input). */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The app's scripts are evaluated in steps, each in a task of its own: this file (which sends the session check), React,
 * the other libraries, the language catalogue, then the app with its frame and the components its pages share.
 * Evaluated together they were one task of about 55 ms on this machine, four times that on a mid-range phone, during
 * which the page answered nothing. Every step's scripts are named in index.html (`<link rel="modulepreload">`, added at
 * build time by client/opening-scripts.mts), so they download with the first as before. This file imports no library:
 * it runs as soon as its own few bytes are in, so the session check goes out while the rest still downloads, instead
 * of after it (a signed-in page's data comes one round trip sooner).
 */
async function start(): Promise<void> {
  startFirstRefresh();
  const [{ createElement, StrictMode, startTransition }, { createRoot }] = await Promise.all([import('react'), import('react-dom/client')]);
  await nextTask();
  // The libraries' chunk (i18next is one of them): evaluated with the catalogue, they made the longest step.
  await import('i18next');
  await nextTask();
  await import('./i18n');
  await nextTask();
  const { App, preloadOpeningPage } = await import('./App');

  preloadOpeningPage(window.location.pathname);

  // The first render is a transition, which React splits into short slices instead of one long task.
  const root = createRoot(document.getElementById('root')!);
  startTransition(() => root.render(createElement(StrictMode, null, createElement(App))));
}

void start();
