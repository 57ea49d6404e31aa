import { useMemo } from 'react';
import { api } from '../api';
import type { ActionItem } from '../api/types';
import { useCurrentUser } from '../auth/AuthContext';
import { useWording } from '../lib/useWording';
import { readerTimeZone } from '../lib/venueTime';
import { OpenVoteForm, VotesPanel, type VoteVenue } from '../roundtables/VotesSection';

/**
 * Votes on a commitment between meetings, as at a roundtable (the same cards, ballot and live tally): facilitators and
 * admins open and close them; the members of the organizations leading or supporting it vote.
 */
export function CommitmentVotesSection({ item }: { item: ActionItem }) {
  const { t, label } = useWording();
  const user = useCurrentUser();
  const staff = user.role === 'admin' || user.role === 'facilitator';
  const closed = item.status === 'completed' || item.status === 'dropped';
  const involved = [item.leadOrganization.id, ...item.supportingOrganizations.map((o) => o.id)].includes(user.organization.id);
  const title = label(item.title);
  const venue = useMemo<VoteVenue>(
    () => ({
      room: { kind: 'action_item', id: item.id },
      holds: (v) => v.actionItemId === item.id,
      load: () => api.actionItems.votes(item.id).then((r) => r.items),
      // Closing times of a vote between meetings are entered and shown in the reader's own zone.
      timeZone: readerTimeZone(),
      titleOf: () => title,
      tellNotEligible: involved,
    }),
    [item.id, title, involved],
  );
  return (
    <VotesPanel
      venue={venue}
      headingId="ai-votes"
      intro={
        <>
          <p className="muted">{t('votes.commitmentIntro')}</p>
          {closed ? <p className="muted small">{t('votes.commitmentClosed', { status: t(`actionItemStatus.${item.status}`) })}</p> : null}
        </>
      }
      canOpen={staff && !closed}
      openForm={(onDone) => (
        <OpenVoteForm timeZone={venue.timeZone} open={(_decision, settings) => api.actionItems.openVote(item.id, settings)} onDone={onDone} />
      )}
    />
  );
}
