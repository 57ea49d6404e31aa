import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api';
import type { WorkingGroup, WorkingGroupMember, WorkingGroupStatus } from '../api/types';
import { useCurrentUser } from '../auth/AuthContext';
import { ActionItemStatusBadge, ConsensusBadge, ConstituencyBadge, WorkingGroupStatusBadge } from '../components/Badges';
import { BalanceWarning } from '../components/BalanceWarning';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { EmptyState, ErrorAlert, LoadError, Loading, Notice } from '../components/Feedback';
import { SelectField } from '../components/Field';
import { LocalizedName } from '../components/LocalizedName';
import { Breadcrumb, PageHeader } from '../components/PageHeader';
import { PageTabs } from '../components/PageTabs';
import { PeopleTable } from '../components/PeopleTable';
import { DiscussionPanelPart } from '../discussion/LazyDiscussionPanel';
import { BalanceCard, HistorySection, RecordDiscussion, ResourceView, StatusBar, statusMove } from '../components/RecordSections';
import type { StatusMove } from '../components/StatusMoves';
import { formatDate } from '../i18n/format';
import { htmlLangOf, localized } from '../i18n/localized';
import { formErrorsFrom } from '../lib/formErrors';
import { message, type Message } from '../lib/message';
import { useArrivalNotice } from '../lib/useArrivalNotice';
import { usePageTab } from '../lib/usePageTab';
import { preparing } from '../lib/lazyPage';
import { useResource } from '../lib/useResource';
import { useUsers } from '../lib/useUsers';
import { SummaryItem, SummaryList } from '../components/SummaryList';
import { SubmitRow } from '../components/FormCard';
import { useWording } from '../lib/useWording';
import { ResourceContent } from '../components/DataTable';
import { ItemCard } from '../components/ItemCard';
import { DocumentsPanel } from '../documents/DocumentsPanel';

const TABS = ['overview', 'members', 'commitments', 'discussion', 'history'] as const;

export default function WorkingGroupPage() {
  const { id = '' } = useParams();
  const { t, i18n, msg, label } = useWording();
  const user = useCurrentUser();
  const tab = usePageTab(TABS);
  const group = useResource(() => api.workingGroups.get(id), [id]);
  const members = useResource(() => api.workingGroups.members(id).then((r) => r.items), [id]);
  const [version, setVersion] = useState(0);
  const balance = useResource(() => api.workingGroups.balance(id), [id, version]);
  const [notice, setNotice] = useArrivalNotice({ created: 'workingGroups.created', saved: 'workingGroups.saved' });
  const names = useMemo(() => new Map((members.data ?? []).map((m) => [m.userId, m.displayName])), [members.data]);

  if (group.error) return <LoadError error={group.error} onRetry={group.reload} />;
  if (!group.data) return <Loading />;
  const g: WorkingGroup = group.data;
  const mandate = localized(g.mandate, i18n.language);
  const moves: StatusMove<WorkingGroupStatus>[] = g.canManage
    ? g.status === 'active'
      ? [{ to: 'closed', label: t('workingGroups.move.close'), reason: 'optional', danger: true }]
      : user.role === 'admin'
        ? [{ to: 'active', label: t('workingGroups.move.reactivate'), reason: 'optional' }]
        : []
    : [];

  const membersChanged = () => {
    group.reload();
    setVersion((v) => v + 1);
  };

  return (
    <>
      <Breadcrumb to="/working-groups" label={t('workingGroups.title')} />
      <PageHeader
        title={label(g.name)}
        description={
          <span className="header-meta">
            <WorkingGroupStatusBadge status={g.status} />
            <span>{t('workingGroups.chairedBy', { name: g.chair.displayName })}</span>
          </span>
        }
        actions={
          g.canManage ? (
            <Link to={`/working-groups/${g.id}/edit`} className="button button--secondary">
              {t('common.edit')}
            </Link>
          ) : null
        }
      />
      <div aria-live="polite">{notice ? <Notice>{msg(notice)}</Notice> : null}</div>
      <StatusBar
        moves={moves}
        statusName={(s) => t(`workingGroupStatus.${s}`)}
        onMove={statusMove(
          group,
          (to, reason) => api.workingGroups.changeStatus(g.id, to, reason),
          (updated) => setNotice(message('workingGroups.statusChanged', { status: t(`workingGroupStatus.${updated.status}`) })),
        )}
        onConflict={group.reload}
      />
      {g.canManageMembers && balance.data ? <BalanceWarning balance={balance.data} /> : null}
      <PageTabs
        label={t('workingGroups.sections')}
        current={tab}
        tabs={TABS.map((key) => ({
          key,
          label: t(`workingGroups.tab.${key}`),
          extra: key === 'members' ? t('common.count', { count: g.memberCount }) : undefined,
          prepare: key === 'discussion' ? preparing(DiscussionPanelPart) : undefined,
        }))}
      />

      {tab === 'overview' ? (
        <div className="two-columns">
          <section className="card" aria-labelledby="wg-mandate">
            <h2 id="wg-mandate">{t('workingGroups.mandate')}</h2>
            <p className="prewrap" lang={mandate.fallback && mandate.language ? htmlLangOf(mandate.language) : undefined}>
              {mandate.text}
            </p>
            <SummaryList>
              <SummaryItem term={t('workingGroups.chair')}>
                {g.chair.displayName} · <LocalizedName value={g.chair.organization.name} />{' '}
                <ConstituencyBadge constituency={g.chair.organization.constituency} />
              </SummaryItem>
              <SummaryItem term={t('workingGroups.formedByLabel')}>
                {g.formedByRoundtable ? (
                  <Link to={`/roundtables/${g.formedByRoundtable.id}`}>
                    <LocalizedName value={g.formedByRoundtable.title} />
                  </Link>
                ) : g.formedByRoundtableId ? (
                  <span className="muted">{t('workingGroups.hiddenRoundtable')}</span>
                ) : (
                  <span className="muted">{t('common.none')}</span>
                )}
              </SummaryItem>
              <SummaryItem term={t('workingGroups.status')}>
                <WorkingGroupStatusBadge status={g.status} />
              </SummaryItem>
              <SummaryItem term={t('workingGroups.since')}>{formatDate(g.createdAt, i18n.language)}</SummaryItem>
            </SummaryList>
          </section>
          <BalanceCard id="wg-balance" balance={balance} chartTitle={t('balance.membersChartTitle')} />
        </div>
      ) : null}

      {tab === 'overview' ? <DocumentsPanel targetType="working_group" targetId={g.id} /> : null}

      {tab === 'members' ? (
        <ResourceView resource={members}>
          {(list) => (
            <MembersSection group={g} members={list} setMembers={(update) => members.setData((current) => update(current ?? []))} onChanged={membersChanged} />
          )}
        </ResourceView>
      ) : null}

      {tab === 'commitments' ? <GroupCommitments groupId={g.id} /> : null}

      {tab === 'discussion' ? <RecordDiscussion kind="working_group" refId={g.id} people={members.data} /> : null}

      {tab === 'history' ? (
        <HistorySection id="wg-history" loader={(cursor) => api.workingGroups.history(g.id, cursor)} names={names} version={g.updatedAt} />
      ) : null}
    </>
  );
}

function MembersSection({
  group,
  members,
  setMembers,
  onChanged,
}: {
  group: WorkingGroup;
  members: WorkingGroupMember[];
  setMembers: (update: (current: WorkingGroupMember[]) => WorkingGroupMember[]) => void;
  onChanged: () => void;
}) {
  const { t, msg } = useWording();
  const manage = group.canManageMembers;
  const users = useUsers(manage);
  const [userId, setUserId] = useState('');
  const [busy, setBusy] = useState(false);
  const [fieldError, setFieldError] = useState<Message | null>(null);
  const [notice, setNotice] = useState<Message | null>(null);
  const [error, setError] = useState<Message | null>(null);
  const [removing, setRemoving] = useState<WorkingGroupMember | null>(null);
  const taken = new Set(members.map((m) => m.userId));

  const add = async (e: FormEvent) => {
    e.preventDefault();
    if (!userId) {
      setFieldError(message('errors.field.required'));
      return;
    }
    setBusy(true);
    setFieldError(null);
    setError(null);
    try {
      const added = await api.workingGroups.addMember(group.id, userId);
      setMembers((list) => [...list, added]);
      setNotice(message('workingGroups.memberAdded', { name: added.displayName }));
      setUserId('');
      onChanged();
    } catch (err) {
      const result = formErrorsFrom(err, ['userId'], { 409: { key: 'workingGroups.alreadyMember' } });
      setFieldError(result.fields.userId ? message(result.fields.userId.key, result.fields.userId.values) : result.form);
    } finally {
      setBusy(false);
    }
  };

  const confirmRemove = async () => {
    if (!removing) return;
    setBusy(true);
    setError(null);
    try {
      await api.workingGroups.removeMember(group.id, removing.userId);
      setMembers((list) => list.filter((m) => m.userId !== removing.userId));
      setNotice(message('workingGroups.memberRemoved', { name: removing.displayName }));
      setRemoving(null);
      onChanged();
    } catch (err) {
      setError(formErrorsFrom(err, [], { 409: { key: 'workingGroups.chairCannotLeave' } }).form);
      setRemoving(null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="wg-members">
      <h2 id="wg-members">{t('workingGroups.members')}</h2>
      <div aria-live="polite">
        {notice ? <Notice>{msg(notice)}</Notice> : null}
        {error ? <ErrorAlert>{msg(error)}</ErrorAlert> : null}
      </div>
      {members.length === 0 ? (
        <EmptyState>{t('workingGroups.noMembers')}</EmptyState>
      ) : (
        <PeopleTable
          caption={t('workingGroups.members')}
          people={members}
          afterName={(m) => (m.isChair ? <span className="badge role">{t('workingGroups.chair')}</span> : null)}
          actions={
            manage
              ? (m) =>
                  !m.isChair ? (
                    <button
                      type="button"
                      className="button button--small button--danger-outline"
                      onClick={() => setRemoving(m)}
                      aria-label={t('participants.removeNamed', { name: m.displayName })}
                    >
                      {t('participants.remove')}
                    </button>
                  ) : null
              : undefined
          }
        />
      )}
      {manage ? (
        <form className="card inline-form" onSubmit={add} noValidate aria-labelledby="wg-add-member">
          <h3 id="wg-add-member">{t('workingGroups.addMember')}</h3>
          <SelectField
            label={t('participants.person')}
            value={userId}
            onChange={setUserId}
            emptyLabel={t('common.choose')}
            options={users.options.filter((o) => !taken.has(o.value))}
            error={msg(fieldError)}
            required
          />
          <SubmitRow busy={busy} label={t('workingGroups.addMemberButton')} busyLabel={t('common.working')} />
        </form>
      ) : null}
      <ConfirmDialog
        open={removing !== null}
        title={t('workingGroups.removeMemberTitle')}
        confirmLabel={t('participants.remove')}
        busy={busy}
        onConfirm={() => void confirmRemove()}
        onCancel={() => setRemoving(null)}
      >
        <p>{removing ? t('workingGroups.removeMemberText', { name: removing.displayName }) : null}</p>
      </ConfirmDialog>
    </section>
  );
}

/** The commitments this group is responsible for. */
function GroupCommitments({ groupId }: { groupId: string }) {
  const { t, i18n } = useTranslation();
  const items = useResource(() => api.actionItems.list({ workingGroupId: groupId }).then((r) => r.items), [groupId]);
  return (
    <section aria-labelledby="wg-commitments">
      <h2 id="wg-commitments">{t('workingGroups.commitments')}</h2>
      <ResourceContent resource={items} empty={t('workingGroups.noCommitments')}>
        {(rows) => (
          <ul className="item-cards">
            {rows.map((item) => (
              <ItemCard
                key={item.id}
                to={`/action-items/${item.id}`}
                title={item.title}
                heading="h3"
                badges={
                  <>
                    <ActionItemStatusBadge status={item.status} />
                    <ConsensusBadge consensus={item.consensus} />
                  </>
                }
              >
                <p className="muted small">
                  <LocalizedName value={item.leadOrganization.name} />
                  {item.dueDate ? ` · ${t('actionItem.dueOn', { date: formatDate(item.dueDate, i18n.language) })}` : ''}
                </p>
              </ItemCard>
            ))}
          </ul>
        )}
      </ResourceContent>
    </section>
  );
}
