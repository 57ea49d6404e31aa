import { useTranslation } from 'react-i18next';
import type {
  ActionItemStatus,
  BalanceVerdict,
  CompletionLevel,
  ConsensusState,
  Constituency,
  InvitationStatus,
  Priority,
  Role,
  RoundtableRole,
  RoundtableStatus,
  Stance,
  Trajectory,
  WorkingGroupStatus,
} from '../api/types';

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

export function RoundtableStatusBadge({ status }: { status: RoundtableStatus }) {
  const { t } = useTranslation();
  return <span className={`badge state state--${status}`}>{t(`roundtableStatus.${status}`)}</span>;
}

export function WorkingGroupStatusBadge({ status }: { status: WorkingGroupStatus }) {
  const { t } = useTranslation();
  return <span className={`badge state state--${status}`}>{t(`workingGroupStatus.${status}`)}</span>;
}

export function ActionItemStatusBadge({ status }: { status: ActionItemStatus }) {
  const { t } = useTranslation();
  return <span className={`badge state state--${status}`}>{t(`actionItemStatus.${status}`)}</span>;
}

export function RoundtableRoleBadge({ role }: { role: RoundtableRole }) {
  const { t } = useTranslation();
  return <span className={`badge role${role === 'observer' ? ' role--observer' : ''}`}>{t(`roundtableRole.${role}`)}</span>;
}

export function StanceBadge({ stance }: { stance: Stance }) {
  const { t } = useTranslation();
  return (
    <span className={`badge stance stance--${stance}`}>
      <span className="badge-icon" aria-hidden="true">
        {STANCE_ICONS[stance]}
      </span>
      {t(`stance.${stance}`)}
    </span>
  );
}

const STANCE_ICONS: Record<Stance, string> = { support: '✓', support_with_reservations: '≈', oppose: '✕', abstain: '–' };

/** Consensus among the three constituents; `label` prefixes it for screen readers ("Consensus: partial"). */
export function ConsensusBadge({ consensus, withLabel = false }: { consensus: ConsensusState; withLabel?: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={`badge consensus consensus--${consensus}`}>
      {withLabel ? `${t('actionItem.consensusLabel')}${t('common.colon')}` : null}
      {t(`consensus.${consensus}`)}
    </span>
  );
}

export function VerdictBadge({ verdict }: { verdict: BalanceVerdict }) {
  const { t } = useTranslation();
  return (
    <span className={`badge verdict verdict--${verdict}`}>
      {verdict !== 'balanced' ? (
        <span className="badge-icon" aria-hidden="true">
          ⚠
        </span>
      ) : null}
      {t(`verdict.${verdict}`)}
    </span>
  );
}

export function CompletionBadge({ level }: { level: CompletionLevel }) {
  const { t } = useTranslation();
  return <span className={`badge completion completion--${level}`}>{t(`completionLevel.${level}`)}</span>;
}

export function PriorityBadge({ priority }: { priority: Priority }) {
  const { t } = useTranslation();
  return <span className={`badge priority priority--${priority}`}>{t(`priority.${priority}`)}</span>;
}

export function TrajectoryBadge({ trajectory }: { trajectory: Trajectory }) {
  const { t } = useTranslation();
  return <span className={`badge trajectory trajectory--${trajectory}`}>{t(`trajectory.${trajectory}`)}</span>;
}

export function OverdueBadge() {
  const { t } = useTranslation();
  return <span className="badge overdue">{t('actionItem.overdue')}</span>;
}
