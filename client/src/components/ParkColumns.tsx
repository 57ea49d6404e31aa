import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Park } from '../api/types';
import type { Column } from './DataTable';
import { LocalizedName } from './LocalizedName';

/** The columns every table of parks shows; `name` may wrap the park's name (e.g. in a link to its page). */
export function useParkColumns(name: (park: Park, text: ReactNode) => ReactNode = (_park, text) => text): Column<Park>[] {
  const { t } = useTranslation();
  return [
    { header: t('parks.name'), cell: (park) => name(park, <LocalizedName value={park.name} />) },
    { header: t('parks.city'), cell: (park) => park.city },
    { header: t('parks.province'), cell: (park) => park.province },
    { header: t('parks.level'), cell: (park) => t(`parkLevel.${park.level}`) },
    {
      header: t('parks.organization'),
      cell: (park) => (park.organization ? <LocalizedName value={park.organization.name} /> : <span className="muted">{t('common.none')}</span>),
    },
  ];
}
