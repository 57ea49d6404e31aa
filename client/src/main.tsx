import { startFirstRefresh } from './api/first-refresh';
import { startLocale } from './i18n/locale';
import './styles.css';

/**
 * The first date a page formats costs the browser tens of milliseconds while ICU loads the language's calendar and
 * time-zone data (about 40 ms on this machine's Chromium, four times that on a mid-range phone), and the first render
 * of any page with a date or a meeting time would pay it. Made here instead, in a task of its own while the rest of
 * the app downloads and the main thread has nothing else to do; every format after it is cheap.
 */
function prepareDateFormats(): void {
  setTimeout(() => new Intl.DateTimeFormat(startLocale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(0), 0);
}

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
  prepareDateFormats();
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
