import type { ComponentProps, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelKind, RoundtableBalance, TripartiteBalance } from '../api/types';
import { DiscussionPanel } from '../discussion/LazyDiscussionPanel';
import type { Resource } from '../lib/useResource';
import { VerdictBadge } from './Badges';
import { BalanceChart } from './Charts';
import { LoadError, Loading } from './Feedback';
import { GenderBalance } from './GenderBalance';
import { HistoryList } from './HistoryList';
import { StatusMoves, type StatusMove } from './StatusMoves';

/** Shows what a resource loaded, or its error with a retry, or that it is loading. */
export function ResourceView<T>({ resource, children }: { resource: Resource<T>; children: (data: T) => ReactNode }) {
  if (resource.error) return <LoadError error={resource.error} onRetry={resource.reload} />;
  if (!resource.data) return <Loading />;
  return <>{children(resource.data)}</>;
}

/** A status move on a record's page: sends it, shows the record as the server answers, then `done` says so. */
export function statusMove<S extends string, T>(
  record: Pick<Resource<T>, 'setData'>,
  send: (to: S, reason?: string) => Promise<T>,
  done: (updated: T) => void,
) {
  return async (to: S, reason?: string) => {
    const updated = await send(to, reason);
    record.setData(() => updated);
    done(updated);
  };
}

interface StatusBarProps<S extends string> {
  moves: readonly StatusMove<S>[];
  statusName: (status: S) => string;
  onMove: (to: S, reason?: string) => Promise<unknown>;
  onConflict: () => void;
}

/** The status moves a manager may make on a record, under its header; nothing when there are none. */
export function StatusBar<S extends string>({ moves, statusName, onMove, onConflict }: StatusBarProps<S>) {
  const { t } = useTranslation();
  if (!moves.length) return null;
  return (
    <div className="status-bar">
      <span className="muted small">{t('roundtables.statusActions')}</span>
      <StatusMoves moves={moves} statusName={statusName} onMove={onMove} onConflict={onConflict} />
    </div>
  );
}

interface BalanceCardProps {
  /** The heading's id, which names the section. */
  id: string;
  balance: Pick<Resource<RoundtableBalance | TripartiteBalance>, 'data' | 'error' | 'reload'>;
  chartTitle: string;
  /** Says which people the verdict counts, after it. */
  basis?: string;
}

/** The tripartite balance of a record's people: verdict, chart and the rule it is judged by. */
export function BalanceCard({ id, balance, chartTitle, basis }: BalanceCardProps) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{t('balance.title')}</h2>
      {balance.error ? (
        <LoadError error={balance.error} onRetry={balance.reload} />
      ) : !balance.data ? (
        <Loading />
      ) : (
        <>
          <p>
            <VerdictBadge verdict={balance.data.verdict} />
            {basis ? (
              <>
                {' '}
                <span className="muted small">{basis}</span>
              </>
            ) : null}
          </p>
          <BalanceChart balance={balance.data} title={chartTitle} />
          <p className="muted small">{t('balance.rule')}</p>
          <GenderBalance gender={balance.data.gender} />
        </>
      )}
    </section>
  );
}

/** A record's history tab: who changed what, with people named from the record's own list. */
export function HistorySection({
  id,
  names,
  ...list
}: { id: string; names: ReadonlyMap<string, string> } & Omit<ComponentProps<typeof HistoryList>, 'nameOf'>) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{t('history.title')}</h2>
      <HistoryList {...list} nameOf={(userId) => names.get(userId)} />
    </section>
  );
}

/** A record's discussion tab; the record's people (participants, members) are the ones offered for @mentions. */
export function RecordDiscussion({
  kind,
  refId,
  people,
}: {
  kind: ChannelKind;
  refId: string;
  people: readonly { userId: string; displayName: string }[] | undefined;
}) {
  const { t } = useTranslation();
  return (
    <DiscussionPanel kind={kind} refId={refId} title={t('discussion.title')} members={people?.map((p) => ({ id: p.userId, displayName: p.displayName }))} />
  );
}
