import { useTranslation } from 'react-i18next';
import { POLICY_AREAS, PRIORITIES, type PolicyArea, type Priority, type WorkingGroup } from '../api/types';
import { type Option, optionsOf, SelectField } from '../components/Field';
import { useWording } from '../lib/useWording';

// The choices a commitment is made of, asked alike where one is written and where a decision becomes one.

interface ChoiceProps<T extends string> {
  value: T;
  onChange: (value: T) => void;
  error?: string;
}

/** The organization that leads the commitment; required. */
export function LeadOrganizationSelect({ value, onChange, error, options }: ChoiceProps<string> & { options: readonly Option[] }) {
  const { t } = useTranslation();
  return (
    <SelectField
      label={t('actionItem.leadOrganization')}
      value={value}
      onChange={onChange}
      emptyLabel={t('common.choose')}
      options={options}
      error={error}
      required
    />
  );
}

export function PolicyAreaSelect({ value, onChange, error }: ChoiceProps<PolicyArea | ''>) {
  const { t } = useTranslation();
  return (
    <SelectField
      label={t('actionItem.policyArea')}
      value={value}
      onChange={(v) => onChange(v)}
      emptyLabel={t('common.choose')}
      options={optionsOf(POLICY_AREAS, (p) => t(`policyArea.${p}`))}
      error={error}
      required
    />
  );
}

/** The working group that carries the commitment, if any. */
export function WorkingGroupSelect({ value, onChange, error, groups }: ChoiceProps<string> & { groups: readonly WorkingGroup[] | undefined }) {
  const { t, label } = useWording();
  return (
    <SelectField
      label={t('actionItem.workingGroup')}
      value={value}
      onChange={onChange}
      emptyLabel={t('common.none')}
      options={(groups ?? []).map((g) => ({ value: g.id, label: label(g.name) }))}
      error={error}
    />
  );
}

export function PrioritySelect({ value, onChange, error }: ChoiceProps<Priority>) {
  const { t } = useTranslation();
  return (
    <SelectField
      label={t('actionItem.priority')}
      value={value}
      onChange={(v) => onChange(v)}
      options={optionsOf(PRIORITIES, (p) => t(`priority.${p}`))}
      error={error}
    />
  );
}
