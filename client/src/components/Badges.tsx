import { useTranslation } from 'react-i18next';
import type { Constituency, InvitationStatus, Role } from '../api/types';

export function ConstituencyBadge({ constituency }: { constituency: Constituency }) {
  const { t } = useTranslation();
  return (
    <span className={`badge constituency constituency--${constituency}`}>
      <span className="swatch" aria-hidden="true" />
      {t(`constituency.${constituency}`)}
    </span>
  );
}

export function RoleBadge({ role }: { role: Role }) {
  const { t } = useTranslation();
  return <span className={`badge role role--${role}`}>{t(`role.${role}`)}</span>;
}

export function InvitationStatusBadge({ status }: { status: InvitationStatus }) {
  const { t } = useTranslation();
  return <span className={`badge status status--${status}`}>{t(`invitationStatus.${status}`)}</span>;
}

export function ActiveBadge({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return <span className={`badge status ${active ? 'status--accepted' : 'status--revoked'}`}>{active ? t('users.active') : t('users.inactive')}</span>;
}
