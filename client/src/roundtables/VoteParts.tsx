import { useTranslation } from 'react-i18next';
import type { Constituency, ConstituencyTally, OutcomeReason, VoteKind, VoteOutcome, VoteTally } from '../api/types';
import { TRIPARTITE } from '../api/types';
import { ConstituencyBadge } from '../components/Badges';
import { useDynamicTranslate } from '../lib/useDynamicTranslate';
import { answerKeys, groupStanding, groupsLackingMajority, type Standing } from './voting';

/** The name of a group in a sentence: "Employers" for the three constituents, the constituency's name otherwise. */
export function useGroupName(): (c: Constituency) => string {
  const { t } = useTranslation();
  return (c) => ((TRIPARTITE as readonly string[]).includes(c) ? t(`constituencyPlural.${c as 'workers'}`) : t(`constituency.${c}`));
}

/** How an answer reads: yes / no / … or the option's label. */
export function useAnswerLabel(options: readonly { key: string; label: string }[]): (answer: string) => string {
  const tr = useDynamicTranslate();
  return (answer) => options.find((o) => o.key === answer)?.label ?? tr(`votes.answer.${answer}`);
}

const STANDING_KEY: Record<Standing, 'votes.majority' | 'votes.tie' | 'votes.against' | 'votes.none'> = {
  majority: 'votes.majority',
  tie: 'votes.tie',
  against: 'votes.against',
  none: 'votes.none',
};

/** The groups a tally shows: government, employers and workers always, then any other group with voters or eligible people. */
const shownGroups = (tally: VoteTally): ConstituencyTally[] =>
  tally.byConstituency.filter((g) => (TRIPARTITE as readonly string[]).includes(g.constituency) || g.eligible > 0 || g.voters > 0);

/**
 * The tally per constituency: turnout, the votes per answer (unless hidden) and, for the three constituents, whether a
 * majority is there. Cards rather than a table, so it reads on a phone.
 */
export function TallyView({
  kind,
  tally,
  options,
  showStanding,
}: {
  kind: VoteKind;
  tally: VoteTally;
  options: readonly { key: string; label: string }[];
  /** Whether to say, per group, if a majority is there (tripartite majority). */
  showStanding: boolean;
}) {
  const { t } = useTranslation();
  const answerLabel = useAnswerLabel(options);
  const answers = answerKeys(kind, options);
  return (
    <ul className="tally-groups">
      {shownGroups(tally).map((group) => {
        const standing = groupStanding(kind, group).standing;
        const tripartite = (TRIPARTITE as readonly string[]).includes(group.constituency);
        return (
          <li
            key={group.constituency}
            className={`tally-group constituency--${group.constituency}${showStanding && tripartite && !tally.hidden ? ` tally-group--${standing}` : ''}`}
            data-constituency={group.constituency}
          >
            <p className="tally-group-head">
              <ConstituencyBadge constituency={group.constituency} />
              <span className="muted small">{t('votes.turnout', { voted: group.voters, eligible: group.eligible })}</span>
            </p>
            {tally.hidden ? null : (
              <p className="tally-counts">
                {answers.map((a) => (
                  <span key={a} className="tally-count">
                    <span className="tally-answer">{answerLabel(a)}</span> <strong>{group.counts[a] ?? 0}</strong>
                  </span>
                ))}
              </p>
            )}
            {showStanding && tripartite && !tally.hidden ? (
              <p className={`tally-standing tally-standing--${standing}`}>
                {standing === 'majority' ? '✓ ' : '⚠ '}
                {t(STANDING_KEY[standing])}
              </p>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

/** While a tripartite-majority vote is open: which of the three groups lacks a majority so far (said live). */
export function LiveMajorityNote({ kind, tally }: { kind: VoteKind; tally: VoteTally }) {
  const { t } = useTranslation();
  const groupName = useGroupName();
  if (tally.hidden) return null;
  const lacking = groupsLackingMajority(kind, tally.byConstituency);
  return lacking.length ? (
    <p className="alert alert--warning vote-lacking">{t('votes.lacking', { groups: lacking.map(groupName).join(t('common.listSeparator')) })}</p>
  ) : (
    <p className="alert alert--info vote-lacking">{t('votes.allMajority')}</p>
  );
}

/** One reason a vote was not adopted, as a sentence in the reader's language. */
export function useReasonText(): (reason: OutcomeReason, outcome: VoteOutcome, tally: VoteTally, kind: VoteKind) => string {
  const { t } = useTranslation();
  const groupName = useGroupName();
  return (reason, outcome, tally, kind) => {
    const c = reason.constituency;
    const group = c ? groupName(c) : '';
    const counts = c ? tally.byConstituency.find((g) => g.constituency === c) : tally.total;
    const sides = counts ? groupStanding(kind, counts) : { support: 0, against: 0 };
    switch (reason.code) {
      case 'quorum_failed': {
        const q = outcome.quorum.groups.find((g) => g.constituency === c);
        if (!q || q.eligible === 0) return t('votes.reasonText.quorum_empty', { group });
        return t('votes.reasonText.quorum_failed', { group, voted: q.voted, eligible: q.eligible, needed: q.needed });
      }
      case 'no_majority':
        return c ? t('votes.reasonText.no_majority', { group, support: sides.support, against: sides.against }) : t('votes.reasonText.no_majority_all');
      case 'tie':
        return c ? t('votes.reasonText.tie', { group, support: sides.support, against: sides.against }) : t('votes.reasonText.tie_all');
      case 'blocked':
        return t('votes.reasonText.blocked', { group });
      case 'disagreement':
        return c ? t('votes.reasonText.disagreement', { group }) : t('votes.reasonText.disagreement_all');
      case 'no_support':
        return t('votes.reasonText.no_support');
      case 'no_common_option':
        return t('votes.reasonText.no_common_option');
    }
  };
}

/** Adopted or not, and every reason why not; for a choice vote, what carried. */
export function OutcomeView({
  outcome,
  tally,
  kind,
  options,
}: {
  outcome: VoteOutcome;
  tally: VoteTally;
  kind: VoteKind;
  options: readonly { key: string; label: string }[];
}) {
  const { t } = useTranslation();
  const reasonText = useReasonText();
  const answerLabel = useAnswerLabel(options);
  return (
    <div className="vote-outcome">
      <p>
        <span className={`badge vote-outcome-badge ${outcome.adopted ? 'vote-outcome--adopted' : 'vote-outcome--rejected'}`}>
          {outcome.adopted ? t('votes.adopted') : t('votes.notAdopted')}
        </span>
        {outcome.carried.length ? (
          <span className="small"> {t('votes.carried', { options: outcome.carried.map(answerLabel).join(t('common.listSeparator')) })}</span>
        ) : null}
      </p>
      {outcome.reasons.length ? (
        <>
          <p className="small muted">{t('votes.why')}</p>
          <ul className="vote-reasons">
            {outcome.reasons.map((r, i) => (
              <li key={`${r.code}-${r.constituency ?? ''}-${i}`}>{reasonText(r, outcome, tally, kind)}</li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
