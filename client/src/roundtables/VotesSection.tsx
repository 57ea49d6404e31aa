import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { api } from '../api';
import {
  VOTE_BALLOTS,
  VOTE_KINDS,
  VOTE_RULES,
  type Decision,
  type LocalizedText,
  type OpenVoteInput,
  type Roundtable,
  type Vote,
  type VoteBallot,
  type VoteKind,
  type VoteRule,
  type VoteSummary,
} from '../api/types';
import { BilingualTextInput, cleanBilingual, isBilingualEmpty } from '../components/BilingualTextInput';
import { ConfirmationDialog } from '../components/ConfirmDialog';
import { ErrorAlert, LoadError, Loading, Notice } from '../components/Feedback';
import { CheckboxField, FieldNote, TextField } from '../components/Field';
import { FormActions, SubmitButton } from '../components/FormCard';
import { AddButton, SectionHeader } from '../components/SectionHeader';
import { VenueTime } from '../components/VenueTime';
import { formatDateTime } from '../i18n/format';
import { message, type Message } from '../lib/message';
import { useConfirmation } from '../lib/useConfirmation';
import { useFormSubmission } from '../lib/useFormSubmission';
import { useResource } from '../lib/useResource';
import { useWording } from '../lib/useWording';
import { zoneCity } from '../lib/venueTime';
import { fromZonedInput } from './zonedInput';
import { useRealtime } from '../realtime/useRealtime';
import { useThingRoom } from './useRoundtableRoom';
import { livePatches } from '../lib/livePatches';
import { LiveMajorityNote, OutcomeView, TallyView, useAnswerLabel } from './VoteParts';
import { answerKeys } from './voting';

/** How a vote is opened, whatever it is on. */
export type VoteSettings = Omit<OpenVoteInput, 'decisionId'>;

/** Where the votes of a panel are held, and how they read there. */
export interface VoteVenue {
  /** The room that hears the votes' events: the roundtable's, or the commitment's. */
  room: { kind: 'roundtable' | 'action_item'; id: string };
  /** Whether a vote (of an event) is one of this panel's. */
  holds: (vote: { roundtableId: string | null; actionItemId: string | null }) => boolean;
  load: () => Promise<VoteSummary[]>;
  /** The zone (and place) closing times are entered and shown in. */
  timeZone: string;
  place?: string;
  /** What a vote asks, as its card's heading. */
  titleOf: (vote: VoteSummary) => string;
  /** Whether to tell someone who may not vote that they may not (those taking part who would expect to). */
  tellNotEligible: boolean;
}

/**
 * The votes of an open roundtable: a facilitator opens one on a draft decision, participants vote (and may change
 * their vote), everyone sees the tally per constituency live (vote:tally), and closing shows the outcome and why.
 */
export function VotesSection({ roundtable }: { roundtable: Roundtable }) {
  const { t, label } = useWording();
  const decisions = useResource(() => api.roundtables.decisions(roundtable.id).then((r) => r.items), [roundtable.id]);
  const venue = useMemo<VoteVenue>(
    () => ({
      room: { kind: 'roundtable', id: roundtable.id },
      holds: (v) => v.roundtableId === roundtable.id,
      load: () => api.roundtables.votes(roundtable.id).then((r) => r.items),
      timeZone: roundtable.timeZone,
      place: roundtable.location.city ?? undefined,
      titleOf: (v) => {
        const decision = decisions.data?.find((d) => d.id === v.decisionId);
        return decision ? label(decision.text) : '';
      },
      tellNotEligible: roundtable.myRole === 'participant',
    }),
    [roundtable, decisions.data, label],
  );
  return (
    <VotesPanel
      venue={venue}
      headingId="rt-votes"
      intro={
        <>
          <p className="muted">{t('votes.intro')}</p>
          {roundtable.status !== 'open' ? <p className="muted small">{t('votes.onlyWhenOpen')}</p> : null}
        </>
      }
      canOpen={roundtable.canManage && roundtable.status === 'open'}
      openForm={(onDone) => (
        <OpenVoteForm
          timeZone={roundtable.timeZone}
          decisions={decisions.data ?? []}
          open={(decisionId, settings) => api.roundtables.openVote(roundtable.id, { decisionId: decisionId!, ...settings })}
          onDone={onDone}
        />
      )}
    />
  );
}

/**
 * A list of votes held in one place (a roundtable's decisions, or a commitment), live: votes opened and closed and
 * their tallies arrive over the socket; those who may open one get the form.
 */
export function VotesPanel({
  venue,
  headingId,
  intro,
  canOpen,
  openForm,
}: {
  venue: VoteVenue;
  headingId: string;
  intro: ReactNode;
  canOpen: boolean;
  openForm: (onDone: (vote: VoteSummary | null) => void) => ReactNode;
}) {
  const { t, msg } = useWording();
  const { room, holds, load } = venue;
  // (Read again when the place changes, not when its wording does.) A read again on joining the room gets the live
  // changes that came while it was under way applied to its answer.
  const [live] = useState(() => livePatches<VoteSummary[] | undefined>());
  const votes = useResource(() => live.read(load), [room.kind, room.id]);
  const [opening, setOpening] = useState(false);
  const [notice, setNotice] = useState<Message | null>(null);
  const { connection } = useRealtime();
  const reloadVotes = votes.reload;
  const setVotes = votes.setData;
  useThingRoom(room.kind, room.id, reloadVotes);

  // Live: new votes, tallies and closings, on every screen of the roundtable or commitment.
  const holdsRef = useRef(holds);
  useEffect(() => {
    holdsRef.current = holds;
  }, [holds]);
  useEffect(() => {
    if (!connection) return;
    const put = (vote: VoteSummary) =>
      setVotes(live.patch((list) => (list?.some((v) => v.id === vote.id) ? list.map((v) => (v.id === vote.id ? vote : v)) : [vote, ...(list ?? [])])));
    const offs = [
      connection.on('vote:opened', ({ vote }) => holdsRef.current(vote) && put(vote)),
      connection.on('vote:closed', ({ vote }) => holdsRef.current(vote) && put(vote)),
      connection.on('vote:tally', ({ voteId, roundtableId, actionItemId, tally }) => {
        if (!holdsRef.current({ roundtableId, actionItemId })) return;
        setVotes(live.patch((list) => list?.map((v) => (v.id === voteId && v.status === 'open' ? { ...v, tally } : v))));
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [connection, setVotes, live]);

  const list = [...(votes.data ?? [])].sort((a, b) => (a.status === b.status ? b.createdAt.localeCompare(a.createdAt) : a.status === 'open' ? -1 : 1));
  return (
    <section aria-labelledby={headingId}>
      <SectionHeader id={headingId} title={t('votes.title')}>
        <AddButton label={t('votes.open')} onAdd={canOpen && !opening && (() => setOpening(true))} />
      </SectionHeader>
      {intro}
      <div aria-live="polite">{notice ? <Notice>{msg(notice)}</Notice> : null}</div>
      {opening
        ? openForm((vote) => {
            setOpening(false);
            if (!vote) return;
            setNotice(message('votes.opened'));
            votes.setData(live.patch((current) => [vote, ...(current ?? []).filter((v) => v.id !== vote.id)]));
          })
        : null}
      {votes.error ? <LoadError error={votes.error} onRetry={votes.reload} /> : null}
      {!votes.data ? (
        votes.error ? null : (
          <Loading />
        )
      ) : list.length === 0 ? (
        <p className="muted">{t('votes.empty')}</p>
      ) : (
        <ol className="vote-list">
          {list.map((v) => (
            <VoteCard
              key={v.id}
              summary={v}
              venue={venue}
              onChanged={(changed) => votes.setData((current) => current?.map((x) => (x.id === changed.id ? changed : x)))}
            />
          ))}
        </ol>
      )}
    </section>
  );
}

/** One vote: what is asked, the live tally, your ballot, the facilitator's close, and once closed its outcome. */
function VoteCard({ summary, venue, onChanged }: { summary: VoteSummary; venue: VoteVenue; onChanged: (vote: VoteSummary) => void }) {
  const { t, i18n, label } = useWording();
  const detail = useResource(() => api.votes.get(summary.id), [summary.id]);
  const closing = useConfirmation<VoteSummary>();
  const options = useMemo(() => summary.options.map((o) => ({ key: o.key, label: label(o.label) })), [summary.options, label]);
  const answerLabel = useAnswerLabel(options);
  const headingId = `vote-${summary.id}`;

  // Who voted changes with every tally: read the details again, at most about once a second.
  const reloadDetail = detail.reload;
  const timer = useRef<number | undefined>(undefined);
  const tallyVoters = summary.tally.total.voters;
  useEffect(() => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(reloadDetail, 800);
    return () => window.clearTimeout(timer.current);
  }, [tallyVoters, summary.status, reloadDetail]);

  const vote: Vote | null = detail.data ?? null;
  const decisionText = venue.titleOf(summary);
  return (
    <li className="card vote" aria-labelledby={headingId} data-vote-status={summary.status}>
      <h3 id={headingId} className="vote-title">
        {t('votes.voteOn', { text: decisionText.length > 160 ? `${decisionText.slice(0, 157)}…` : decisionText })}
      </h3>
      <p className="vote-meta small">
        <span className={`badge vote-status vote-status--${summary.status}`}>
          {summary.status === 'open' ? t('votes.statusOpen') : t('votes.statusClosed')}
        </span>{' '}
        <span>{t(`votes.ruleName.${summary.rule}`)}</span>
        {' · '}
        <span>{t(`votes.kindName.${summary.kind}`)}</span>
        {' · '}
        <span>{t(`votes.ballotName.${summary.ballot}`)}</span>
        {summary.closesAt && summary.status === 'open' ? (
          <span className="block">
            {t('votes.closesAtLabel')}
            {t('common.colon')}
            <VenueTime start={summary.closesAt} timeZone={venue.timeZone} place={venue.place} />
          </span>
        ) : null}
      </p>

      <h4>{t('votes.tallyTitle')}</h4>
      <div aria-live="polite" className="vote-tally" data-voters={summary.tally.total.voters}>
        {summary.tally.hidden ? <p className="muted small">{t('votes.tallyHidden')}</p> : null}
        <TallyView kind={summary.kind} tally={summary.tally} options={options} showStanding={summary.rule === 'tripartite_majority'} />
        <p className="muted small">{t('votes.turnoutTotal', { voters: summary.tally.total.voters })}</p>
        {summary.status === 'open' && summary.rule === 'tripartite_majority' ? <LiveMajorityNote kind={summary.kind} tally={summary.tally} /> : null}
      </div>

      {summary.status === 'closed' && summary.outcome ? (
        <section aria-label={t('votes.outcome')}>
          <h4>{t('votes.outcome')}</h4>
          <OutcomeView outcome={summary.outcome} tally={summary.tally} kind={summary.kind} options={options} />
        </section>
      ) : null}

      {detail.error ? <LoadError error={detail.error} onRetry={detail.reload} /> : null}
      {vote && summary.status === 'open' ? (
        vote.canVote ? (
          <BallotForm vote={vote} options={options} onCast={(myBallot) => detail.setData((v) => (v ? { ...v, myBallot } : v))} />
        ) : vote.myBallot === null && venue.tellNotEligible ? (
          <p className="muted small">{t('votes.notEligible')}</p>
        ) : null
      ) : null}
      {vote && vote.myBallot && summary.status === 'closed' ? (
        <p className="small">
          {vote.myBallot.choices
            ? t('votes.youVoted', { choices: vote.myBallot.choices.map(answerLabel).join(t('common.listSeparator')) })
            : t('votes.youVotedSecret')}
        </p>
      ) : null}

      {vote && vote.ballots.length ? (
        <details className="vote-ballots">
          <summary>
            {summary.ballot === 'secret' ? t('votes.ballotsSecret') : t('votes.ballots')} ({vote.ballots.length})
          </summary>
          <ul>
            {vote.ballots.map((b) => (
              <li key={b.voter.id}>
                <strong>{b.voter.displayName}</strong> <span className="muted small">{t(`constituency.${b.constituency}`)}</span>
                {b.choices ? <> — {b.choices.map(answerLabel).join(t('common.listSeparator'))}</> : null}
                {b.reason ? <span className="block small prewrap">“{b.reason}”</span> : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}

      {vote?.canManage && summary.status === 'open' ? (
        <div className="button-row">
          <button type="button" className="button button--danger-outline" onClick={() => closing.ask(summary)}>
            {t('votes.close')}
          </button>
        </div>
      ) : null}
      {summary.closedAt ? (
        <p className="muted small">
          {t('decisions.recordedBy', { name: summary.closedBy?.displayName ?? '', date: formatDateTime(summary.closedAt, i18n.language) })}
        </p>
      ) : null}
      <ConfirmationDialog
        confirmation={closing}
        title={t('votes.closeTitle')}
        confirmLabel={t('votes.close')}
        onConfirm={async (v) => {
          const closed = await api.votes.close(v.id);
          detail.setData(() => closed);
          onChanged(closed);
        }}
      >
        <p>{t('votes.closeText')}</p>
      </ConfirmationDialog>
    </li>
  );
}

/** Your vote: one answer (or up to maxChoices options), with a reason or reservation on an open ballot; changeable while open. */
function BallotForm({ vote, options, onCast }: { vote: Vote; options: { key: string; label: string }[]; onCast: (ballot: Vote['myBallot']) => void }) {
  const { t, msg } = useWording();
  const answerLabel = useAnswerLabel(options);
  const answers = answerKeys(vote.kind, options);
  const multiple = vote.kind === 'choice' && vote.maxChoices > 1;
  const [choices, setChoices] = useState<string[]>(vote.myBallot?.choices ?? []);
  const [reason, setReason] = useState(vote.myBallot?.reason ?? '');
  const [done, setDone] = useState(false);
  const { errors, formError, saving, check, save } = useFormSubmission(['choices', 'reason']);
  const legendId = `ballot-${vote.id}`;
  const voted = vote.myBallot !== null;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    const local: Record<string, Message> = {};
    if (!choices.length) local.choices = message('votes.pickAnswer');
    else if (choices.length > vote.maxChoices) local.choices = message('votes.tooManyChoices', { count: vote.maxChoices });
    if (!check(local)) return;
    await save(async () => {
      const ballot = await api.votes.cast(vote.id, { choices, ...(vote.ballot === 'open' ? { reason: reason.trim() || null } : {}) });
      onCast(ballot);
      setDone(true);
    });
  };

  const toggle = (answer: string, on: boolean) => setChoices((list) => (multiple ? (on ? [...list, answer] : list.filter((a) => a !== answer)) : [answer]));
  return (
    <form className="inline-form ballot-form" onSubmit={onSubmit} noValidate aria-labelledby={legendId}>
      <h4 id={legendId}>{voted ? t('votes.yourVote') : t('votes.castTitle')}</h4>
      {formError ? <ErrorAlert>{msg(formError)}</ErrorAlert> : null}
      {vote.myBallot?.choices ? (
        <p className="small">{t('votes.youVoted', { choices: vote.myBallot.choices.map(answerLabel).join(t('common.listSeparator')) })}</p>
      ) : null}
      {voted && !vote.myBallot?.choices ? <p className="small">{t('votes.youVotedSecret')}</p> : null}
      <fieldset className={`fieldset${errors.choices ? ' field--invalid' : ''}`}>
        <legend className="visually-hidden">{t('votes.castTitle')}</legend>
        <div className="ballot-answers">
          {answers.map((a) => (
            <label key={a} className={`choice ballot-answer ballot-answer--${a}`}>
              <input
                type={multiple ? 'checkbox' : 'radio'}
                name={`ballot-${vote.id}`}
                value={a}
                checked={choices.includes(a)}
                onChange={(e) => toggle(a, e.target.checked)}
              />
              {answerLabel(a)}
            </label>
          ))}
        </div>
        <FieldNote kind="error">{msg(errors.choices)}</FieldNote>
      </fieldset>
      {vote.ballot === 'open' ? (
        <div className={`field${errors.reason ? ' field--invalid' : ''}`}>
          <label htmlFor={`reason-${vote.id}`}>{t('votes.reason')}</label>
          <textarea id={`reason-${vote.id}`} rows={2} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
          <FieldNote kind="error">{msg(errors.reason)}</FieldNote>
        </div>
      ) : (
        <p className="muted small">{t('votes.secretNoReason')}</p>
      )}
      <div className="form-actions">
        <SubmitButton busy={saving} label={voted ? t('votes.change') : t('votes.cast')} busyLabel={t('common.working')} wide />
      </div>
      <div aria-live="polite">{done ? <Notice>{t('votes.castDone')}</Notice> : null}</div>
    </form>
  );
}

const OPEN_FIELDS = ['decisionId', 'kind', 'options', 'maxChoices', 'ballot', 'rule', 'quorumShare', 'hideTallyUntilClose', 'closesAt'] as const;

/**
 * The facilitator's form: which draft decision (when `decisions` are given: a vote at a roundtable), how it is asked,
 * counted and adopted, and when it closes (entered in `timeZone`).
 */
export function OpenVoteForm({
  timeZone,
  decisions,
  open,
  onDone,
}: {
  timeZone: string;
  decisions?: Decision[];
  open: (decisionId: string | undefined, settings: VoteSettings) => Promise<VoteSummary>;
  onDone: (vote: VoteSummary | null) => void;
}) {
  const { t, msg, label } = useWording();
  const [decisionId, setDecisionId] = useState(decisions?.length === 1 ? decisions[0].id : '');
  const [kind, setKind] = useState<VoteKind>('yes_no_abstain');
  const [ballot, setBallot] = useState<VoteBallot>('open');
  const [rule, setRule] = useState<VoteRule>('tripartite_majority');
  const [quorum, setQuorum] = useState('0');
  const [closesAt, setClosesAt] = useState('');
  const [hideTally, setHideTally] = useState(false);
  const [options, setOptions] = useState<LocalizedText[]>([
    { en: '', zh: '' },
    { en: '', zh: '' },
  ]);
  const [maxChoices, setMaxChoices] = useState('1');
  const { errors, formError, saving, check, save } = useFormSubmission(OPEN_FIELDS);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, Message> = {};
    if (decisions && !decisionId) local.decisionId = message('votes.decisionNeeded');
    const filled = options.filter((o) => !isBilingualEmpty(o));
    if (kind === 'choice' && filled.length < 2) local.options = message('votes.optionsNeeded');
    const share = Number(quorum);
    if (!Number.isFinite(share) || share < 0 || share > 100) local.quorumShare = message('errors.field.invalid');
    if (!check(local)) return;
    const closes = fromZonedInput(closesAt, timeZone);
    await save(async () => {
      const vote = await open(decisions ? decisionId : undefined, {
        kind,
        ballot,
        rule,
        quorumShare: share / 100,
        hideTallyUntilClose: hideTally,
        ...(closes ? { closesAt: closes } : {}),
        ...(kind === 'choice' ? { options: filled.map((o) => ({ label: cleanBilingual(o) })), maxChoices: Number(maxChoices) || 1 } : {}),
      });
      onDone(vote);
    });
  };

  const radios = <V extends string>(
    name: string,
    legend: string,
    values: readonly V[],
    value: V,
    set: (v: V) => void,
    text: (v: V) => string,
    hint?: (v: V) => string,
  ) => (
    <fieldset className="fieldset">
      <legend>{legend}</legend>
      <div className="radio-column">
        {values.map((v) => (
          <label key={v} className="choice">
            <input type="radio" name={name} value={v} checked={value === v} onChange={() => set(v)} />
            <span>
              {text(v)}
              {hint ? <span className="block muted small">{hint(v)}</span> : null}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );

  return (
    <form className="inline-form open-vote-form" onSubmit={onSubmit} noValidate aria-label={t('votes.openTitle')}>
      <h3>{t('votes.openTitle')}</h3>
      {formError ? <ErrorAlert>{msg(formError)}</ErrorAlert> : null}
      {decisions?.length === 0 ? <p className="alert alert--info">{t('votes.noDecisions')}</p> : null}
      {decisions ? (
        <div className={`field${errors.decisionId ? ' field--invalid' : ''}`}>
          <label htmlFor="vote-decision">{t('votes.decision')}</label>
          <select id="vote-decision" value={decisionId} onChange={(e) => setDecisionId(e.target.value)} aria-invalid={errors.decisionId ? true : undefined}>
            <option value="">{t('common.choose')}</option>
            {decisions.map((d, i) => {
              const text = label(d.text);
              return (
                <option key={d.id} value={d.id}>
                  {`${i + 1}. ${text.length > 90 ? `${text.slice(0, 87)}…` : text}`}
                </option>
              );
            })}
          </select>
          <FieldNote kind="error">{msg(errors.decisionId)}</FieldNote>
        </div>
      ) : null}
      {radios('vote-kind', t('votes.kind'), VOTE_KINDS, kind, setKind, (k) => t(`votes.kindName.${k}`))}
      {kind === 'choice' ? (
        <fieldset className={`fieldset${errors.options ? ' field--invalid' : ''}`}>
          <legend>{t('votes.options')}</legend>
          {options.map((o, i) => (
            <div key={i} className="vote-option-row">
              <BilingualTextInput
                legend={t('votes.option', { number: i + 1 })}
                value={o}
                onChange={(value) => setOptions((list) => list.map((x, j) => (j === i ? value : x)))}
                maxLength={300}
                required={false}
              />
              {options.length > 2 ? (
                <button type="button" className="button button--small button--secondary" onClick={() => setOptions((list) => list.filter((_, j) => j !== i))}>
                  {t('votes.removeOption', { number: i + 1 })}
                </button>
              ) : null}
            </div>
          ))}
          {options.length < 20 ? (
            <button type="button" className="button button--small button--secondary" onClick={() => setOptions((list) => [...list, { en: '', zh: '' }])}>
              {t('votes.addOption')}
            </button>
          ) : null}
          <FieldNote kind="error">{msg(errors.options)}</FieldNote>
          <TextField label={t('votes.maxChoices')} type="number" min={1} max={20} value={maxChoices} onChange={setMaxChoices} error={msg(errors.maxChoices)} />
        </fieldset>
      ) : null}
      {radios(
        'vote-ballot',
        t('votes.ballot'),
        VOTE_BALLOTS,
        ballot,
        setBallot,
        (b) => t(`votes.ballotName.${b}`),
        (b) => t(`votes.ballotHint.${b}`),
      )}
      {radios(
        'vote-rule',
        t('votes.rule'),
        VOTE_RULES,
        rule,
        setRule,
        (r) => t(`votes.ruleName.${r}`),
        (r) => t(`votes.ruleHint.${r}`),
      )}
      <div className="form-row">
        <TextField
          label={t('votes.quorum')}
          type="number"
          min={0}
          max={100}
          step={5}
          value={quorum}
          onChange={setQuorum}
          hint={t('votes.quorumHint')}
          error={msg(errors.quorumShare)}
        />
        <TextField
          label={t('votes.closesAt')}
          type="datetime-local"
          value={closesAt}
          onChange={setClosesAt}
          hint={t('votes.closesAtHint', { zone: `${zoneCity(timeZone)} (${timeZone})` })}
          error={msg(errors.closesAt)}
        />
      </div>
      {ballot === 'open' ? (
        <CheckboxField label={t('votes.hideTally')} checked={hideTally} onChange={setHideTally} error={msg(errors.hideTallyUntilClose)} />
      ) : null}
      <FormActions saving={saving} onCancel={() => onDone(null)} submitLabel={t('votes.submitOpen')} />
    </form>
  );
}
