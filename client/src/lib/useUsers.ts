import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import type { User } from '../api/types';
import type { Option } from '../components/Field';
import { useLocalizedLabel } from '../components/LocalizedName';
import { useResource } from './useResource';

/** Active users of the directory, with select options "Name — Organization", sorted by name. */
export function useUsers(enabled = true) {
  const { i18n } = useTranslation();
  const label = useLocalizedLabel();
  const resource = useResource<User[]>(() => (enabled ? api.users.list({ active: true }).then((r) => r.items) : Promise.resolve([])), [enabled]);
  const options = useMemo<Option[]>(
    () =>
      (resource.data ?? [])
        .map((u) => ({ value: u.id, label: `${u.displayName} — ${label(u.organization.name)}` }))
        .sort((a, b) => a.label.localeCompare(b.label, i18n.language)),
    [resource.data, i18n.language, label],
  );
  return { ...resource, options };
}
