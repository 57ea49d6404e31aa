import { useTranslation } from 'react-i18next';
import { useDynamicTranslate } from '../lib/useDynamicTranslate';
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

/** A badge naming one word of a fixed list: drawn as `badge <family> <family>--<word>`, worded `<vocabulary>.<word>`. */
function WordBadge({ family, vocabulary, word }: { family: string; vocabulary: string; word: string }) {
  const tr = useDynamicTranslate();
  return <span className={`badge ${family} ${family}--${word}`}>{tr(`${vocabulary}.${word}`)}</span>;
}

export function ConstituencyBadge({ constituency }: { constituency: Constituency }) {
  const { t } = useTranslation();
  return (
    <span className={`badge constituency constituency--${constituency}`}>
      <span className="swatch" aria-hidden="true" />
      {t(`constituency.${constituency}`)}
    </span>
  );
}

export const RoleBadge = ({ role }: { role: Role }) => <WordBadge family="role" vocabulary="role" word={role} />;

export const InvitationStatusBadge = ({ status }: { status: InvitationStatus }) => <WordBadge family="status" vocabulary="invitationStatus" word={status} />;

export function ActiveBadge({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return <span className={`badge status ${active ? 'status--accepted' : 'status--revoked'}`}>{active ? t('users.active') : t('users.inactive')}</span>;
}

export const RoundtableStatusBadge = ({ status }: { status: RoundtableStatus }) => <WordBadge family="state" vocabulary="roundtableStatus" word={status} />;

export const WorkingGroupStatusBadge = ({ status }: { status: WorkingGroupStatus }) => (
  <WordBadge family="state" vocabulary="workingGroupStatus" word={status} />
);

export const ActionItemStatusBadge = ({ status }: { status: ActionItemStatus }) => <WordBadge family="state" vocabulary="actionItemStatus" word={status} />;

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

export const CompletionBadge = ({ level }: { level: CompletionLevel }) => <WordBadge family="completion" vocabulary="completionLevel" word={level} />;

export const PriorityBadge = ({ priority }: { priority: Priority }) => <WordBadge family="priority" vocabulary="priority" word={priority} />;

export const TrajectoryBadge = ({ trajectory }: { trajectory: Trajectory }) => <WordBadge family="trajectory" vocabulary="trajectory" word={trajectory} />;

export function OverdueBadge() {
  const { t } = useTranslation();
  return <span className="badge overdue">{t('actionItem.overdue')}</span>;
}
