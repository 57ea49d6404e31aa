import { useTranslation } from 'react-i18next';
import { CONSTITUENCIES, PARK_LEVELS, ROLES, type Constituency, type ParkLevel, type Role } from '../api/types';
import { optionsOf, type Option } from '../components/Field';

/** Select options for the fixed lists, labelled in the reader's language. */
export function useConstituencyOptions(): Option<Constituency>[] {
  const { t } = useTranslation();
  return optionsOf(CONSTITUENCIES, (c) => t(`constituency.${c}`));
}

export function useParkLevelOptions(): Option<ParkLevel>[] {
  const { t } = useTranslation();
  return optionsOf(PARK_LEVELS, (l) => t(`parkLevel.${l}`));
}

export function useRoleOptions(roles: readonly Role[] = ROLES): Option<Role>[] {
  const { t } = useTranslation();
  return optionsOf(roles, (r) => t(`role.${r}`));
}
