import { useTranslation } from 'react-i18next';
import { CONSTITUENCIES, PARK_LEVELS, ROLES, type Role } from '../api/types';
import type { Option } from '../components/Field';

/** Select options for the fixed lists, labelled in the reader's language. */
export function useConstituencyOptions(): Option[] {
  const { t } = useTranslation();
  return CONSTITUENCIES.map((c) => ({ value: c, label: t(`constituency.${c}`) }));
}

export function useParkLevelOptions(): Option[] {
  const { t } = useTranslation();
  return PARK_LEVELS.map((l) => ({ value: l, label: t(`parkLevel.${l}`) }));
}

export function useRoleOptions(roles: readonly Role[] = ROLES): Option[] {
  const { t } = useTranslation();
  return roles.map((r) => ({ value: r, label: t(`role.${r}`) }));
}
