import type { Locale } from '../api/types';

export const LOCALE_STORAGE_KEY = 'greentable.locale';

export const isLocale = (value: unknown): value is Locale => value === 'en' || value === 'zh-CN';

function initialLocale(): Locale {
  try {
    const stored = window.localStorage.getItem(LOCALE_STORAGE_KEY);
    if (isLocale(stored)) return stored;
  } catch {
    // storage unavailable: fall through to the browser's preference
  }
  return navigator.languages?.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}

/** Keeps <html lang>, the stored preference and the document title in step with the language. */
export function applyLocale(locale: string): void {
  document.documentElement.lang = locale;
  try {
    window.localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // not persisted; the choice still holds for this tab
  }
}

/**
 * The language the interface starts in, applied to <html lang> as soon as the page's first script runs (main.tsx
 * imports this module statically), not when the catalogue's step comes: the page speaks its language from the start.
 */
export const startLocale = initialLocale();
applyLocale(startLocale);
