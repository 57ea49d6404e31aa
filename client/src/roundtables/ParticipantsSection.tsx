import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { ROUNDTABLE_ROLES, type Participant, type Roundtable, type RoundtableBalance, type RoundtableRole } from '../api/types';
import { RoundtableRoleBadge } from '../components/Badges';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { EmptyState, ErrorAlert, Notice } from '../components/Feedback';
import { optionsOf, SelectField } from '../components/Field';
import { PeopleTable } from '../components/PeopleTable';
import { formErrorsFrom } from '../lib/formErrors';
import { message, type Message } from '../lib/message';
import { useOrganizations } from '../lib/useOrganizations';
import { useUsers } from '../lib/useUsers';
import { SubmitRow } from '../components/FormCard';
import { useWording } from '../lib/useWording';

interface ParticipantsSectionProps {
  roundtable: Roundtable;
  participants: Participant[];
  balance: RoundtableBalance | null;
  /** Participants or attendance changed: the page reloads the balance and counts. */
  onChanged: () => void;
  setParticipants: (update: (current: Participant[]) => Participant[]) => void;
}

/** Who takes part, with their organization, constituency, role and attendance; managers add, change and remove. */
export function ParticipantsSection({ roundtable, participants, onChanged, setParticipants }: ParticipantsSectionProps) {
  const { t, msg } = useWording();
  const manage = roundtable.canManage;
  const [notice, setNotice] = useState<Message | null>(null);
  const [error, setError] = useState<Message | null>(null);
  const [busyUser, setBusyUser] = useState<string | null>(null);
  const [removing, setRemoving] = useState<Participant | null>(null);
  const [removeError, setRemoveError] = useState<Message | null>(null);

  const update = async (p: Participant, body: { role?: RoundtableRole; attended?: boolean | null }) => {
    setBusyUser(p.userId);
    setError(null);
    try {
      const saved = await api.roundtables.updateParticipant(roundtable.id, p.userId, body);
      setParticipants((list) => list.map((x) => (x.userId === saved.userId ? saved : x)));
      if (body.attended !== undefined) {
        setNotice(message(body.attended ? 'participants.markedPresent' : 'participants.markedAbsent', { name: p.displayName }));
      } else {
        setNotice(message('participants.roleChanged', { name: p.displayName, role: t(`roundtableRole.${saved.role}`) }));
      }
      onChanged();
    } catch (e) {
      setError(formErrorsFrom(e, [], { 409: { key: 'participants.lastFacilitator' } }).form);
    } finally {
      setBusyUser(null);
    }
  };

  const confirmRemove = async () => {
    if (!removing) return;
    setRemoveError(null);
    setBusyUser(removing.userId);
    try {
      await api.roundtables.removeParticipant(roundtable.id, removing.userId);
      setParticipants((list) => list.filter((x) => x.userId !== removing.userId));
      setNotice(message('participants.removed', { name: removing.displayName }));
      setRemoving(null);
      onChanged();
    } catch (e) {
      setRemoveError(formErrorsFrom(e, [], { 409: { key: 'participants.lastFacilitator' } }).form);
    } finally {
      setBusyUser(null);
    }
  };

  const attendedCount = participants.filter((p) => p.attended === true).length;

  return (
    <section aria-labelledby="rt-participants">
      <h2 id="rt-participants">{t('participants.title')}</h2>
      <p className="muted">
        {t('participants.summary', { count: participants.length, attended: attendedCount })}
        {manage ? ` ${t('participants.attendanceHint')}` : ''}
      </p>
      <div aria-live="polite">
        {notice ? <Notice>{msg(notice)}</Notice> : null}
        {error ? <ErrorAlert>{msg(error)}</ErrorAlert> : null}
      </div>
      {participants.length === 0 ? (
        <EmptyState>{t('participants.empty')}</EmptyState>
      ) : (
        <PeopleTable
          caption={t('participants.title')}
          people={participants}
          columns={[
            {
              header: t('participants.role'),
              cell: (p) =>
                manage ? (
                  <select
                    className="select-compact"
                    aria-label={t('participants.roleOf', { name: p.displayName })}
                    value={p.role}
                    disabled={busyUser === p.userId}
                    onChange={(e) => void update(p, { role: e.target.value as RoundtableRole })}
                  >
                    {ROUNDTABLE_ROLES.map((role) => (
                      <option key={role} value={role}>
                        {t(`roundtableRole.${role}`)}
                      </option>
                    ))}
                  </select>
                ) : (
                  <RoundtableRoleBadge role={p.role} />
                ),
            },
            {
              header: t('participants.attendance'),
              cell: (p) =>
                manage ? (
                  <label className="toggle">
                    <input
                      type="checkbox"
                      checked={p.attended === true}
                      disabled={busyUser === p.userId}
                      onChange={(e) => void update(p, { attended: e.target.checked })}
                      aria-describedby={p.attended === null ? `att-${p.userId}` : undefined}
                    />
                    <span>{t('participants.present')}</span>
                    {p.attended === null ? (
                      <span id={`att-${p.userId}`} className="muted small">
                        {' '}
                        ({t('participants.notRecorded')})
                      </span>
                    ) : null}
                  </label>
                ) : (
                  <AttendanceText attended={p.attended} />
                ),
            },
          ]}
          actions={
            manage
              ? (p) => (
                  <button
                    type="button"
                    className="button button--small button--danger-outline"
                    disabled={busyUser === p.userId}
                    onClick={() => {
                      setRemoving(p);
                      setRemoveError(null);
                    }}
                    aria-label={t('participants.removeNamed', { name: p.displayName })}
                  >
                    {t('participants.remove')}
                  </button>
                )
              : undefined
          }
        />
      )}
      {manage ? (
        <AddParticipants
          roundtable={roundtable}
          existing={participants}
          onAdded={(added, skipped) => {
            setParticipants((list) => [...list, ...added.filter((a) => !list.some((x) => x.userId === a.userId))]);
            setNotice(message('participants.added', { count: added.length, skipped }));
            onChanged();
          }}
        />
      ) : null}
      <ConfirmDialog
        open={removing !== null}
        title={t('participants.removeTitle')}
        confirmLabel={t('participants.remove')}
        busy={busyUser !== null}
        error={msg(removeError)}
        onConfirm={() => void confirmRemove()}
        onCancel={() => setRemoving(null)}
      >
        <p>{removing ? t('participants.removeText', { name: removing.displayName }) : null}</p>
      </ConfirmDialog>
    </section>
  );
}

function AttendanceText({ attended }: { attended: boolean | null }) {
  const { t } = useTranslation();
  if (attended === null) return <span className="muted">{t('participants.notRecorded')}</span>;
  return <span>{attended ? t('participants.present') : t('participants.absent')}</span>;
}

function AddParticipants({
  roundtable,
  existing,
  onAdded,
}: {
  roundtable: Roundtable;
  existing: Participant[];
  onAdded: (added: Participant[], skipped: number) => void;
}) {
  const { t, msg } = useWording();
  const users = useUsers();
  const organizations = useOrganizations();
  const taken = useMemo(() => new Set(existing.map((p) => p.userId)), [existing]);
  const [userId, setUserId] = useState('');
  const [userRole, setUserRole] = useState<RoundtableRole>('participant');
  const [organizationId, setOrganizationId] = useState('');
  const [orgRole, setOrgRole] = useState<RoundtableRole>('participant');
  const [busy, setBusy] = useState<'user' | 'org' | null>(null);
  const [errors, setErrors] = useState<Record<string, Message>>({});
  const [formError, setFormError] = useState<Message | null>(null);

  const submit = async (e: FormEvent, kind: 'user' | 'org') => {
    e.preventDefault();
    const chosen = kind === 'user' ? userId : organizationId;
    if (!chosen) {
      setErrors({ [kind === 'user' ? 'userId' : 'organizationId']: message('errors.field.required') });
      return;
    }
    setBusy(kind);
    setErrors({});
    setFormError(null);
    try {
      const result = await api.roundtables.addParticipants(roundtable.id, kind === 'user' ? { userId, role: userRole } : { organizationId, role: orgRole });
      onAdded(result.added, result.skippedUserIds.length);
      if (kind === 'user') setUserId('');
      else setOrganizationId('');
    } catch (error) {
      const result = formErrorsFrom(error, ['userId', 'organizationId', 'role'], { 409: { key: 'participants.alreadyTakesPart' } });
      setErrors(result.fields);
      setFormError(result.form);
    } finally {
      setBusy(null);
    }
  };

  const roleOptions = optionsOf(ROUNDTABLE_ROLES, (r) => t(`roundtableRole.${r}`));
  return (
    <section className="card add-participants" aria-labelledby="add-participants">
      <h3 id="add-participants">{t('participants.addTitle')}</h3>
      {formError ? <ErrorAlert>{msg(formError)}</ErrorAlert> : null}
      <div className="two-columns">
        <form onSubmit={(e) => void submit(e, 'user')} noValidate aria-labelledby="add-person">
          <h4 id="add-person">{t('participants.addPerson')}</h4>
          <SelectField
            label={t('participants.person')}
            value={userId}
            onChange={setUserId}
            emptyLabel={t('common.choose')}
            options={users.options.filter((o) => !taken.has(o.value))}
            error={msg(errors.userId)}
            required
          />
          <SelectField label={t('participants.role')} value={userRole} onChange={(v) => setUserRole(v)} options={roleOptions} />
          <SubmitRow busy={busy === 'user'} disabled={busy !== null} label={t('participants.addPersonButton')} busyLabel={t('common.working')} />
        </form>
        <form onSubmit={(e) => void submit(e, 'org')} noValidate aria-labelledby="add-org">
          <h4 id="add-org">{t('participants.addOrganization')}</h4>
          <SelectField
            label={t('participants.organization')}
            value={organizationId}
            onChange={setOrganizationId}
            emptyLabel={t('common.choose')}
            options={organizations.options}
            error={msg(errors.organizationId)}
            hint={t('participants.addOrganizationHint')}
            required
          />
          <SelectField label={t('participants.role')} value={orgRole} onChange={(v) => setOrgRole(v)} options={roleOptions} />
          <SubmitRow busy={busy === 'org'} disabled={busy !== null} label={t('participants.addOrganizationButton')} busyLabel={t('common.working')} />
        </form>
      </div>
    </section>
  );
}
