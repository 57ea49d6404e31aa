import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import type { Organization } from '../api/types';
import type { Option } from '../components/Field';
import { useLocalizedLabel } from '../components/LocalizedName';
import { useResource } from './useResource';

/** All organizations, plus select options sorted by name in the reader's language. */
export function useOrganizations() {
  const { i18n } = useTranslation();
  const label = useLocalizedLabel();
  const resource = useResource(() => api.organizations.list().then((r) => r.items), []);
  const options = useMemo<Option[]>(
    () => (resource.data ?? []).map((o: Organization) => ({ value: o.id, label: label(o.name) })).sort((a, b) => a.label.localeCompare(b.label, i18n.language)),
    [resource.data, i18n.language],
  );
  return { ...resource, options };
}
