import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageHeader } from '../components/PageHeader';

export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('forbidden.title')} description={t('forbidden.text')} />
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </>
  );
}
