import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api';
import type { ActionItem } from '../api/types';
import { useCurrentUser } from '../auth/AuthContext';
import { ConsensusBadge, OverdueBadge, PriorityBadge } from '../components/Badges';
import { ProgressBar } from '../components/Charts';
import { EmptyState, LoadError, Loading } from '../components/Feedback';
import { LocalizedName } from '../components/LocalizedName';
import { ReasonDialog } from '../components/ReasonDialog';
import { formatDate } from '../i18n/format';
import { useResource } from '../lib/useResource';
import { columns, movesFor, needsReason, replaceItem } from './boardLogic';
import { MoveMenu } from './MoveMenu';
import { useRoadmap } from './RoadmapLayout';
import { useLiveRoadmap } from './useLiveActionItems';
import { useMoveActionItem } from './useMoveActionItem';
import { useWording } from '../lib/useWording';

/** The roadmap's commitments in columns by status; cards move through a menu of the allowed transitions. */
export default function RoadmapBoardPage() {
  const { roadmap } = useRoadmap();
  const { t, i18n, msg, label } = useWording();
  const user = useCurrentUser();
  const items = useResource(() => api.actionItems.list({ roadmapId: roadmap.id, sort: 'dueDate' }).then((r) => r.items), [roadmap.id]);
  const [announcement, setAnnouncement] = useState('');
  const [focusAfterMove, setFocusAfterMove] = useState<string | null>(null);
  const current = useRef(items.data);
  current.current = items.data;

  const applyChange = useCallback(
    (changed: ActionItem, announce: 'moved' | 'live') => {
      const before = current.current?.find((i) => i.id === changed.id);
      items.setData((list) => (list ? replaceItem(list, changed) : list));
      if (announce === 'moved') {
        setAnnouncement(t('board.moved', { title: label(changed.title), status: t(`actionItemStatus.${changed.status}`) }));
        setFocusAfterMove(changed.id);
      } else if (before && (before.status !== changed.status || before.consensus !== changed.consensus)) {
        setAnnouncement(
          t('board.liveChanged', {
            title: label(changed.title),
            status: t(`actionItemStatus.${changed.status}`),
            consensus: t(`consensus.${changed.consensus}`),
          }),
        );
      }
    },
    [items.setData, label, t],
  );

  useLiveRoadmap(
    roadmap.id,
    useCallback((changed: ActionItem) => applyChange(changed, 'live'), [applyChange]),
  );

  const mover = useMoveActionItem(
    (moved) => applyChange(moved, 'moved'),
    (id, allowed) => {
      // The card was stale: show the moves allowed now at once, and fetch where it really is.
      items.setData((list) => list?.map((i) => (i.id === id ? { ...i, allowedTransitions: allowed } : i)));
      items.reload();
    },
  );

  // Keep the keyboard on the card that moved: once it is drawn in its new column and its Move button is enabled again.
  useLayoutEffect(() => {
    if (!focusAfterMove || mover.busy) return;
    (document.getElementById(`move-${focusAfterMove}`) ?? document.getElementById(`card-${focusAfterMove}`))?.focus();
    setFocusAfterMove(null);
  }, [focusAfterMove, mover.busy]);

  if (items.error) return <LoadError error={items.error} onRetry={items.reload} />;
  if (!items.data) return <Loading />;
  if (!items.data.length) return <EmptyState>{t('board.empty')}</EmptyState>;

  return (
    <>
      <p className="muted small">{t('board.help')}</p>
      <div className="board" role="region" aria-label={t('board.label')} tabIndex={0}>
        {columns(items.data).map((column) => (
          <section key={column.status} className={`board-column state--${column.status}`} aria-labelledby={`col-${column.status}`}>
            <h2 id={`col-${column.status}`} className="board-column-title">
              <span className="swatch" aria-hidden="true" />
              {t(`actionItemStatus.${column.status}`)}
              <span className="count">{column.items.length}</span>
            </h2>
            {column.items.length ? (
              <ul className="board-cards">
                {column.items.map((item) => {
                  const moves = movesFor(user, item);
                  const title = label(item.title);
                  return (
                    <li key={item.id} id={`card-${item.id}`} tabIndex={-1} className={`board-card constituency--${item.leadOrganization.constituency}`}>
                      <h3 className="board-card-title">
                        <Link to={`/action-items/${item.id}`}>
                          <LocalizedName value={item.title} />
                        </Link>
                      </h3>
                      <p className="small muted">
                        <span className="row-swatch" aria-hidden="true" />
                        <LocalizedName value={item.leadOrganization.name} />
                      </p>
                      <p className="board-card-badges">
                        <ConsensusBadge consensus={item.consensus} withLabel />
                        <PriorityBadge priority={item.priority} />
                        {item.overdue ? <OverdueBadge /> : null}
                      </p>
                      {item.dueDate ? <p className="small">{t('actionItem.dueOn', { date: formatDate(item.dueDate, i18n.language) })}</p> : null}
                      {item.statusReason && (item.status === 'delayed' || item.status === 'dropped') ? (
                        <p className="small muted">{t('actionItem.reasonShort', { reason: item.statusReason })}</p>
                      ) : null}
                      <ProgressBar value={item.progress} label={t('actionItem.progressOf', { title })} />
                      <MoveMenu buttonId={`move-${item.id}`} moves={moves} itemTitle={title} disabled={mover.busy} onChoose={(to) => mover.choose(item, to)} />
                    </li>
                  );
                })}
              </ul>
            ) : (
              <p className="muted small board-empty">{t('board.columnEmpty')}</p>
            )}
          </section>
        ))}
      </div>
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
      <ReasonDialog
        open={mover.asking !== null}
        title={mover.asking ? t('board.moveTitle', { title: label(mover.asking.item.title), status: t(`actionItemStatus.${mover.asking.to}`) }) : ''}
        confirmLabel={mover.asking ? t(`board.moveTo.${mover.asking.to}`) : ''}
        required={mover.asking ? needsReason(mover.asking.to) : false}
        danger={mover.asking?.to === 'dropped'}
        busy={mover.busy}
        error={msg(mover.error)}
        onConfirm={(reason) => mover.confirm(reason)}
        onCancel={() => {
          const id = mover.asking?.item.id;
          mover.cancel();
          // The menu that opened the dialog has closed: the keyboard goes back to the card's Move button.
          requestAnimationFrame(() => document.getElementById(`move-${id}`)?.focus());
        }}
      >
        {mover.asking && needsReason(mover.asking.to) ? <p>{t('status.reasonRequired')}</p> : null}
      </ReasonDialog>
    </>
  );
}
