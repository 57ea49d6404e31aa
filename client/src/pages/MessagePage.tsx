import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageHeader } from '../components/PageHeader';

/** A page that only says why there is nothing to show here, with the way back home. */
export function MessagePage({ title, text }: { title: string; text: string }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={title} description={text} />
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </>
  );
}
