import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the tab title to "<page> · GreenTable" in the reader's language. */
export function useDocumentTitle(pageTitle?: string): void {
  const { t } = useTranslation();
  const product = t('app.documentTitle');
  useEffect(() => {
    document.title = pageTitle ? t('app.pageTitle', { page: pageTitle, product }) : product;
  }, [pageTitle, product, t]);
}
