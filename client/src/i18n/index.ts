import i18n, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../api/types';
import { applyLocale, isLocale, startLocale } from './locale';
import type enCatalogue from './en.json';
import enText from './en.json?raw';

type Catalogue = typeof enCatalogue;
// The catalogues are most of the first page's script. Shipped as JSON text and read with JSON.parse, which V8 reads
// several times faster than the same objects written out as JavaScript (what a JSON import compiles to).
const en = JSON.parse(enText) as Catalogue;

/**
 * English, the fallback, comes with the first page; the Chinese catalogue is a chunk of its own, fetched when Chinese
 * is the reader's language or becomes it, so nobody downloads and parses the catalogue they do not read. Until it
 * has arrived react-i18next holds the page back (Suspense), so a reader of Chinese never sees English first.
 */
const chineseCatalogue: BackendModule = {
  type: 'backend',
  init() {},
  read(language, _namespace, callback) {
    if (language !== 'zh-CN') return callback(null, {});
    import('./zh-CN.json?raw').then(
      ({ default: text }) => callback(null, JSON.parse(text) as Catalogue),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null),
    );
  },
};

export { LOCALE_STORAGE_KEY, isLocale } from './locale';

export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : 'en';
}

void i18n
  .use(chineseCatalogue)
  .use(initReactI18next)
  .init({
    resources: { en: { translation: en } },
    partialBundledLanguages: true,
    lng: startLocale,
    fallbackLng: 'en',
    supportedLngs: ['en', 'zh-CN'],
    load: 'currentOnly',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
i18n.on('languageChanged', applyLocale);

export default i18n;
