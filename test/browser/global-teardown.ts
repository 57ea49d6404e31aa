import type { BrowserApp } from './support/browser-app';

export default async function globalTeardown(): Promise<void> {
  const app = (globalThis as Record<string, unknown>).__GREENTABLE_BROWSER_APP__ as BrowserApp | undefined;
  await app?.stop();
}
