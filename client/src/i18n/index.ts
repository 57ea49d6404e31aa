import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../api/types';
import type enCatalogue from './en.json';
import enText from './en.json?raw';
import zhCNText from './zh-CN.json?raw';

type Catalogue = typeof enCatalogue;
// The two catalogues are most of the first page's script. Shipped as JSON text and read with JSON.parse, which V8
// reads several times faster than the same objects written out as JavaScript (what a JSON import compiles to).
const en = JSON.parse(enText) as Catalogue;
const zhCN = JSON.parse(zhCNText) as Catalogue;

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
function applyLocale(locale: string): void {
  document.documentElement.lang = locale;
  try {
    window.localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // not persisted; the choice still holds for this tab
  }
}

export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : 'en';
}

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
  lng: initialLocale(),
  fallbackLng: 'en',
  supportedLngs: ['en', 'zh-CN'],
  load: 'currentOnly',
  interpolation: { escapeValue: false },
  returnNull: false,
});
applyLocale(i18n.language);
i18n.on('languageChanged', applyLocale);

export default i18n;
