import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api';
import { isApiError } from '../api/errors';
import {
  CONSTITUENCIES,
  type Adoption,
  type AgendaItem,
  type Constituency,
  type Decision,
  type DecisionVoteResult,
  type LocalizedText,
  type PolicyArea,
  type Priority,
  type Roundtable,
} from '../api/types';
import { ConstituencyBadge } from '../components/Badges';
import { BilingualTextInput, cleanBilingual, isBilingualEmpty } from '../components/BilingualTextInput';
import { ConfirmationDialog } from '../components/ConfirmDialog';
import { ErrorAlert, LoadError, Notice } from '../components/Feedback';
import { FieldNote, SelectField, TextField } from '../components/Field';
import { FormActions, SubmitButton } from '../components/FormCard';
import { formatDateTime } from '../i18n/format';
import { htmlLangOf, localized } from '../i18n/localized';
import { message, type Message } from '../lib/message';
import { useConfirmation } from '../lib/useConfirmation';
import { useFormSubmission } from '../lib/useFormSubmission';
import { useOrganizations } from '../lib/useOrganizations';
import { useResource } from '../lib/useResource';
import { useIsStaff } from '../lib/useStaff';
import { LeadOrganizationSelect, PolicyAreaSelect, PrioritySelect, WorkingGroupSelect } from '../roadmaps/CommitmentFields';
import { useWording } from '../lib/useWording';
import { ResourceContent } from '../components/DataTable';
import { AddButton, SectionHeader } from '../components/SectionHeader';
import { AttachedDocuments } from '../documents/DocumentsPanel';
import { PublishedCaucusStatements } from './CaucusesSection';
import { OutcomeView, TallyView } from './VoteParts';

/** Decisions recorded at the roundtable, how they were adopted, and the commitments they became. */
export function DecisionsSection({ roundtable }: { roundtable: Roundtable }) {
  const { t, i18n, msg, label } = useWording();
  const staff = useIsStaff();
  const manage = roundtable.canManage;
  const decisions = useResource(() => api.roundtables.decisions(roundtable.id).then((r) => r.items), [roundtable.id]);
  const agenda = useResource(() => api.roundtables.agenda(roundtable.id).then((r) => r.items), [roundtable.id]);
  const agendaItems = agenda.data ?? [];
  const [editing, setEditing] = useState<string | null>(null); // a decision's id, or 'new'

  /** Closes the open form; a new decision is added to the list, an edited one put in place of the old. */
  const closeForm = (saved: Decision | null) => {
    setEditing(null);
    if (!saved) return;
    if (editing === 'new') {
      setNotice({ text: message('decisions.recorded') });
      decisions.reload();
    } else {
      decisions.setData((list) => list?.map((x) => (x.id === saved.id ? saved : x)));
      setNotice({ text: message('decisions.saved') });
    }
  };
  const [promoting, setPromoting] = useState<string | null>(null);
  const deletion = useConfirmation<Decision>();
  const [notice, setNotice] = useState<{ text: Message; actionItemId?: string } | null>(null);

  const remove = async (decision: Decision) => {
    await api.roundtables.removeDecision(roundtable.id, decision.id);
    setNotice({ text: message('decisions.deleted') });
    decisions.reload();
  };

  const items = decisions.data ?? [];
  return (
    <section aria-labelledby="rt-decisions">
      <SectionHeader id="rt-decisions" title={t('decisions.title')}>
        <AddButton label={t('decisions.add')} onAdd={manage && editing !== 'new' && (() => setEditing('new'))} />
      </SectionHeader>
      <p className="muted">{t('decisions.intro')}</p>
      <div aria-live="polite">
        {notice ? (
          <Notice>
            {msg(notice.text)} {notice.actionItemId ? <Link to={`/action-items/${notice.actionItemId}`}>{t('decisions.openCommitment')}</Link> : null}
          </Notice>
        ) : null}
      </div>
      {editing === 'new' ? <DecisionForm roundtable={roundtable} decision={null} agendaItems={agendaItems} onDone={closeForm} /> : null}
      <ResourceContent resource={decisions} empty={t('decisions.empty')}>
        {() => (
          <ol className="decision-list">
            {items.map((d, index) => {
              const text = localized(d.text, i18n.language);
              return (
                <li key={d.id} className="card decision">
                  <h3 className="visually-hidden">{t('decisions.number', { number: index + 1 })}</h3>
                  <p className="prewrap decision-text" lang={text.fallback && text.language ? htmlLangOf(text.language) : undefined}>
                    {text.text}
                  </p>
                  {d.agendaItemId && agendaItems.some((i) => i.id === d.agendaItemId) ? (
                    <p className="muted small">
                      {t('decisions.underItem', {
                        number: agendaItems.findIndex((i) => i.id === d.agendaItemId) + 1,
                        title: label(agendaItems.find((i) => i.id === d.agendaItemId)!.title),
                      })}
                    </p>
                  ) : null}
                  <p className="decision-adoption">
                    {d.adoption === 'consensus' ? (
                      <span className="badge consensus consensus--consensus">{t('adoption.consensus')}</span>
                    ) : (
                      <>
                        <span className="muted">{t('decisions.adoptedBy')}</span>{' '}
                        {d.constituencies.map((c) => (
                          <ConstituencyBadge key={c} constituency={c} />
                        ))}
                      </>
                    )}
                  </p>
                  {d.voteResult ? <DecisionVoteResultView result={d.voteResult} /> : null}
                  <p className="muted small">
                    {t('decisions.recordedBy', { name: d.createdBy?.displayName ?? t('activity.system'), date: formatDateTime(d.createdAt, i18n.language) })}
                  </p>
                  <div className="button-row">
                    {d.actionItemId ? (
                      <Link to={`/action-items/${d.actionItemId}`} className="button button--small">
                        {t('decisions.viewCommitment')}
                      </Link>
                    ) : staff && promoting !== d.id ? (
                      <button type="button" className="button button--small" onClick={() => setPromoting(d.id)}>
                        {t('decisions.promote')}
                      </button>
                    ) : null}
                    {manage ? (
                      <>
                        <button
                          type="button"
                          className="button button--small button--secondary"
                          onClick={() => setEditing(d.id)}
                          aria-label={t('decisions.editNumber', { number: index + 1 })}
                        >
                          {t('common.edit')}
                        </button>
                        <button
                          type="button"
                          className="button button--small button--danger-outline"
                          onClick={() => deletion.ask(d)}
                          aria-label={t('decisions.deleteNumber', { number: index + 1 })}
                        >
                          {t('common.delete')}
                        </button>
                      </>
                    ) : null}
                  </div>
                  {editing === d.id ? <DecisionForm roundtable={roundtable} decision={d} agendaItems={agendaItems} onDone={closeForm} /> : null}
                  {promoting === d.id ? (
                    <PromoteForm
                      decision={d}
                      onDone={(actionItemId) => {
                        setPromoting(null);
                        if (actionItemId) {
                          decisions.setData((list) => list?.map((x) => (x.id === d.id ? { ...x, actionItemId } : x)));
                          setNotice({ text: message('decisions.promoted', { title: label(d.text).slice(0, 80) }), actionItemId });
                        }
                      }}
                    />
                  ) : null}
                  <AttachedDocuments targetType="decision" targetId={d.id} />
                </li>
              );
            })}
          </ol>
        )}
      </ResourceContent>
      <PublishedCaucusStatements roundtableId={roundtable.id} />
      <ConfirmationDialog confirmation={deletion} title={t('decisions.deleteTitle')} confirmLabel={t('common.delete')} onConfirm={remove}>
        <p>{t('decisions.deleteText')}</p>
      </ConfirmationDialog>
    </section>
  );
}

function DecisionForm({
  roundtable,
  decision,
  agendaItems,
  onDone,
}: {
  roundtable: Roundtable;
  decision: Decision | null;
  agendaItems: AgendaItem[];
  onDone: (saved: Decision | null) => void;
}) {
  const { t, msg, label } = useWording();
  const [agendaItemId, setAgendaItemId] = useState(decision?.agendaItemId ?? '');
  const [text, setText] = useState<LocalizedText>({ en: decision?.text.en ?? '', zh: decision?.text.zh ?? '' });
  const [adoption, setAdoption] = useState<Adoption>(decision?.adoption ?? 'consensus');
  const [constituencies, setConstituencies] = useState<Constituency[]>(decision?.constituencies ?? []);
  const { errors, formError, saving, check, save } = useFormSubmission(['text', 'adoption', 'constituencies', 'agendaItemId']);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, Message> = {};
    if (isBilingualEmpty(text)) local.text = message('errors.field.oneLanguage');
    if (adoption === 'constituencies' && constituencies.length === 0) local.constituencies = message('decisions.pickConstituency');
    if (!check(local)) return;
    const body = { text: cleanBilingual(text), adoption, constituencies: adoption === 'constituencies' ? constituencies : [] };
    await save(async () => {
      onDone(
        decision
          ? await api.roundtables.updateDecision(roundtable.id, decision.id, { ...body, agendaItemId: agendaItemId || null })
          : await api.roundtables.addDecision(roundtable.id, { ...body, ...(agendaItemId ? { agendaItemId } : {}) }),
      );
    });
  };

  const heading = decision ? t('decisions.editTitle') : t('decisions.add');
  return (
    <form className="inline-form" onSubmit={onSubmit} noValidate aria-label={heading}>
      <h4>{heading}</h4>
      {formError ? <ErrorAlert>{msg(formError)}</ErrorAlert> : null}
      <BilingualTextInput legend={t('decisions.text')} value={text} onChange={setText} error={msg(errors.text)} maxLength={5000} rows={4} />
      <SelectField
        label={t('decisions.agendaItem')}
        value={agendaItemId}
        onChange={setAgendaItemId}
        emptyLabel={t('decisions.noAgendaItem')}
        options={agendaItems.map((i, index) => ({ value: i.id, label: `${index + 1}. ${label(i.title)}` }))}
        error={msg(errors.agendaItemId)}
      />
      <fieldset className={`fieldset${errors.constituencies ? ' field--invalid' : ''}`} aria-describedby={errors.constituencies ? 'adoption-error' : undefined}>
        <legend>{t('decisions.adoption')}</legend>
        <div className="radio-row">
          <label className="choice">
            <input type="radio" name="adoption" value="consensus" checked={adoption === 'consensus'} onChange={() => setAdoption('consensus')} />
            {t('adoption.consensus')}
          </label>
          <label className="choice">
            <input type="radio" name="adoption" value="constituencies" checked={adoption === 'constituencies'} onChange={() => setAdoption('constituencies')} />
            {t('adoption.constituencies')}
          </label>
        </div>
        {adoption === 'constituencies' ? (
          <div className="checkbox-grid" role="group" aria-label={t('decisions.whichConstituencies')}>
            {CONSTITUENCIES.map((c) => (
              <label key={c} className={`choice constituency--${c}`}>
                <input
                  type="checkbox"
                  checked={constituencies.includes(c)}
                  onChange={(e) => setConstituencies((list) => (e.target.checked ? [...list, c] : list.filter((x) => x !== c)))}
                />
                <span className="swatch" aria-hidden="true" />
                {t(`constituency.${c}`)}
              </label>
            ))}
          </div>
        ) : null}
        <FieldNote kind="error" id="adoption-error">
          {msg(errors.constituencies)}
        </FieldNote>
      </fieldset>
      <FormActions saving={saving} onCancel={() => onDone(null)} />
    </form>
  );
}

const PROMOTE_FIELDS = ['roadmapId', 'leadOrganizationId', 'policyArea', 'workingGroupId', 'dueDate', 'priority', 'title'] as const;

/** Turns a decision into a roadmap commitment: POST /api/action-items with originDecisionId (the title is the decision's text). */
function PromoteForm({ decision, onDone }: { decision: Decision; onDone: (actionItemId: string | null) => void }) {
  const { t, msg, label } = useWording();
  const roadmaps = useResource(() => api.roadmaps.list().then((r) => r.items), []);
  const groups = useResource(() => api.workingGroups.list({ status: 'active', limit: 200 }).then((r) => r.items), []);
  const organizations = useOrganizations();
  const [chosenRoadmap, setRoadmapId] = useState('');
  // With a single roadmap, it is the one.
  const roadmapId = chosenRoadmap || (roadmaps.data?.length === 1 ? roadmaps.data[0].id : '');
  const roadmap = roadmaps.data?.find((r) => r.id === roadmapId) ?? null;
  const [title, setTitle] = useState<LocalizedText>({ en: decision.text.en?.slice(0, 300) ?? '', zh: decision.text.zh?.slice(0, 300) ?? '' });
  const [leadOrganizationId, setLead] = useState('');
  const [policyArea, setPolicyArea] = useState<PolicyArea | ''>('');
  const [workingGroupId, setWorkingGroupId] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [priority, setPriority] = useState<Priority>('medium');
  const [existing, setExisting] = useState<string | null>(null);
  const { errors, formError, saving, check, save, setFormError } = useFormSubmission(PROMOTE_FIELDS, { 403: { key: 'decisions.promoteForbidden' } });

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, Message> = {};
    if (!roadmapId) local.roadmapId = message('errors.field.required');
    if (isBilingualEmpty(title)) local.title = message('errors.field.oneLanguage');
    if (!leadOrganizationId) local.leadOrganizationId = message('errors.field.required');
    if (!policyArea) local.policyArea = message('errors.field.required');
    if (!check(local) || !policyArea) return;
    await save(async () => {
      try {
        const item = await api.actionItems.create({
          roadmapId,
          originDecisionId: decision.id,
          title: cleanBilingual(title),
          leadOrganizationId,
          policyArea,
          priority,
          ...(workingGroupId ? { workingGroupId } : {}),
          ...(dueDate ? { dueDate } : {}),
        });
        onDone(item.id);
      } catch (error) {
        if (!(isApiError(error) && error.status === 409 && error.actionItemId)) throw error;
        setExisting(error.actionItemId);
        setFormError(message('decisions.alreadyPromoted'));
      }
    });
  };

  return (
    <form className="inline-form promote-form" onSubmit={onSubmit} noValidate aria-labelledby={`promote-${decision.id}`}>
      <h4 id={`promote-${decision.id}`}>{t('decisions.promoteTitle')}</h4>
      <p className="muted small">{t('decisions.promoteIntro')}</p>
      {formError ? (
        <ErrorAlert>
          {msg(formError)} {existing ? <Link to={`/action-items/${existing}`}>{t('decisions.openCommitment')}</Link> : null}
        </ErrorAlert>
      ) : null}
      {roadmaps.error ? <LoadError error={roadmaps.error} onRetry={roadmaps.reload} /> : null}
      {roadmaps.data && roadmaps.data.length === 0 ? (
        <p className="alert alert--info">
          {t('decisions.noRoadmap')} <Link to="/roadmaps">{t('decisions.createRoadmap')}</Link>
        </p>
      ) : null}
      <BilingualTextInput legend={t('decisions.commitmentTitle')} value={title} onChange={setTitle} error={msg(errors.title)} maxLength={300} rows={2} />
      <div className="form-row">
        <SelectField
          label={t('actionItem.roadmap')}
          value={roadmapId}
          onChange={setRoadmapId}
          emptyLabel={t('common.choose')}
          options={(roadmaps.data ?? []).map((r) => ({ value: r.id, label: `${label(r.title)} (${r.periodStart}–${r.periodEnd})` }))}
          error={msg(errors.roadmapId)}
          required
        />
        <LeadOrganizationSelect value={leadOrganizationId} onChange={setLead} options={organizations.options} error={msg(errors.leadOrganizationId)} />
        <PolicyAreaSelect value={policyArea} onChange={setPolicyArea} error={msg(errors.policyArea)} />
      </div>
      <div className="form-row">
        <WorkingGroupSelect value={workingGroupId} onChange={setWorkingGroupId} groups={groups.data} error={msg(errors.workingGroupId)} />
        <TextField
          label={t('actionItem.dueDate')}
          type="date"
          value={dueDate}
          onChange={setDueDate}
          error={msg(errors.dueDate)}
          hint={
            roadmap && dueDate && (Number(dueDate.slice(0, 4)) < roadmap.periodStart || Number(dueDate.slice(0, 4)) > roadmap.periodEnd) ? (
              <span className="field-warning" role="status">
                {t('decisions.dueOutsidePeriod', { start: roadmap.periodStart, end: roadmap.periodEnd })}
              </span>
            ) : undefined
          }
        />
        <PrioritySelect value={priority} onChange={setPriority} />
      </div>
      <div className="form-actions">
        <button type="button" className="button button--secondary" onClick={() => onDone(null)} disabled={saving}>
          {t('common.cancel')}
        </button>
        <SubmitButton busy={saving} label={t('decisions.promoteSubmit')} busyLabel={t('common.working')} />
      </div>
    </form>
  );
}

/** What the last closed vote on a decision came to: adopted or not and why, with its tally per constituency. */
function DecisionVoteResultView({ result }: { result: DecisionVoteResult }) {
  const { t, i18n } = useWording();
  // The decision keeps the outcome and tallies, not the question: answers read as yes / no / … (options by their key).
  const kind = Object.keys(result.tally.total.counts).some((k) => ['agree', 'disagree', 'block'].includes(k))
    ? 'consent'
    : Object.keys(result.tally.total.counts).some((k) => ['yes', 'no'].includes(k))
      ? 'yes_no_abstain'
      : 'choice';
  const options = kind === 'choice' ? Object.keys(result.tally.total.counts).map((key) => ({ key, label: key })) : [];
  return (
    <section className="decision-vote-result" aria-label={t('votes.voteResult')}>
      <h4>{t('votes.voteResult')}</h4>
      <OutcomeView outcome={result} tally={result.tally} kind={kind} options={options} />
      <p className="muted small">
        {t('votes.resultLine', {
          rule: t(`votes.ruleName.${result.rule}`),
          ballot: t(`votes.ballotName.${result.ballot}`),
          date: formatDateTime(result.closedAt, i18n.language),
        })}
      </p>
      <details>
        <summary>{t('votes.tallyTitle')}</summary>
        <TallyView kind={kind} tally={result.tally} options={options} showStanding={result.rule === 'tripartite_majority'} />
      </details>
    </section>
  );
}
