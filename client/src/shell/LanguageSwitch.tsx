import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '../api/types';
import { useAuth } from '../auth/AuthContext';

/** English / 简体中文 toggle; each language is named in itself, as readers look for their own. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const { setLanguage } = useAuth();
  const active: Locale = i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
  const names: Record<Locale, string> = { en: t('language.en'), 'zh-CN': t('language.zhCN') };
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {LOCALES.map((locale) => (
        <button key={locale} type="button" lang={locale} className="language-option" aria-pressed={active === locale} onClick={() => void setLanguage(locale)}>
          {names[locale]}
        </button>
      ))}
    </div>
  );
}
