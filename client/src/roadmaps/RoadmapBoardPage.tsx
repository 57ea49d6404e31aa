import { useCallback, useEffect, useLayoutEffect, useRef, useState, type CSSProperties, type DragEvent } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api';
import type { ActionItem, ActionItemStatus } from '../api/types';
import { useCurrentUser } from '../auth/AuthContext';
import { ConsensusBadge, OverdueBadge, PriorityBadge } from '../components/Badges';
import { ProgressBar } from '../components/Charts';
import { EmptyState, ErrorAlert, LoadError, Loading } from '../components/Feedback';
import { LocalizedName } from '../components/LocalizedName';
import { ReasonDialog } from '../components/ReasonDialog';
import { formatDate } from '../i18n/format';
import { useResource } from '../lib/useResource';
import { boardTemplate, columns, movesFor, needsReason, readCollapsed, replaceItem, writeCollapsed } from './boardLogic';
import { MoveMenu } from './MoveMenu';
import { useRoadmap } from './RoadmapLayout';
import { useLiveRoadmap } from './useLiveActionItems';
import { useMoveActionItem } from './useMoveActionItem';
import { useWording } from '../lib/useWording';

/**
 * The roadmap's commitments in columns by status, all six side by side on a laptop (a column can be folded away).
 * Cards move by drag and drop, or through a menu of the allowed transitions (the keyboard's way); either way the
 * server's status route decides.
 */
export default function RoadmapBoardPage() {
  const { roadmap } = useRoadmap();
  const { t, i18n, msg, label } = useWording();
  const user = useCurrentUser();
  const loadCards = useCallback(() => api.actionItems.list({ roadmapId: roadmap.id, sort: 'dueDate' }).then((r) => r.items), [roadmap.id]);
  const items = useResource(loadCards, [loadCards]);
  const [announcement, setAnnouncement] = useState('');
  const [focusAfterMove, setFocusAfterMove] = useState<string | null>(null);
  const current = useRef(items.data);
  current.current = items.data;
  const [collapsed, setCollapsed] = useState<ActionItemStatus[]>(readCollapsed);
  useEffect(() => writeCollapsed(collapsed), [collapsed]);
  const [dragging, setDragging] = useState<ActionItem | null>(null);
  const [over, setOver] = useState<ActionItemStatus | null>(null);

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
    {
      // Once following the roadmap (and after a reconnection), the cards as they are now.
      reread: loadCards,
      onReread: (fresh) => items.setData(() => fresh),
    },
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

  const toggleColumn = (status: ActionItemStatus) => setCollapsed((list) => (list.includes(status) ? list.filter((s) => s !== status) : [...list, status]));

  const dropOn = (status: ActionItemStatus) => ({
    onDragOver: (e: DragEvent) => {
      if (!dragging || dragging.status === status) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
      if (over !== status) setOver(status);
    },
    onDragLeave: (e: DragEvent) => {
      if (!(e.currentTarget as Node).contains(e.relatedTarget as Node | null)) setOver((o) => (o === status ? null : o));
    },
    onDrop: (e: DragEvent) => {
      e.preventDefault();
      const item = dragging;
      setDragging(null);
      setOver(null);
      if (item && item.status !== status) mover.drop(item, status);
    },
  });

  if (items.error) return <LoadError error={items.error} onRetry={items.reload} />;
  if (!items.data) return <Loading />;
  if (!items.data.length) return <EmptyState>{t('board.empty')}</EmptyState>;

  return (
    <>
      <p className="muted small">{t('board.help')}</p>
      {mover.refusal ? (
        <ErrorAlert>
          <p>{msg(mover.refusal)}</p>
          <button type="button" className="button button--small button--secondary" onClick={mover.dismissRefusal}>
            {t('common.close')}
          </button>
        </ErrorAlert>
      ) : null}
      <div
        className={`board${dragging ? ' is-dragging' : ''}`}
        role="region"
        aria-label={t('board.label')}
        style={{ '--board-columns': boardTemplate(collapsed) } as CSSProperties}
      >
        {columns(items.data).map((column) => {
          const folded = collapsed.includes(column.status);
          const statusName = t(`actionItemStatus.${column.status}`);
          const target = dragging && dragging.status !== column.status;
          const welcome = target && dragging.allowedTransitions.includes(column.status);
          return (
            <section
              key={column.status}
              className={[
                'board-column',
                `state--${column.status}`,
                folded ? 'board-column--folded' : '',
                target ? (welcome ? 'is-drop-target' : 'is-drop-refused') : '',
                over === column.status ? 'is-over' : '',
              ].join(' ')}
              aria-labelledby={`col-${column.status}`}
              data-status={column.status}
              {...dropOn(column.status)}
            >
              <div className="board-column-head">
                <h2 id={`col-${column.status}`} className="board-column-title">
                  <span className="swatch" aria-hidden="true" />
                  <span className="board-column-name">{statusName}</span>
                  <span className="count">{column.items.length}</span>
                </h2>
                <button
                  type="button"
                  className="board-fold"
                  aria-expanded={!folded}
                  aria-controls={`cards-${column.status}`}
                  aria-label={t(folded ? 'board.unfold' : 'board.fold', { status: statusName })}
                  title={t(folded ? 'board.unfold' : 'board.fold', { status: statusName })}
                  onClick={() => toggleColumn(column.status)}
                >
                  <span aria-hidden="true">{folded ? '»' : '«'}</span>
                </button>
              </div>
              <div id={`cards-${column.status}`} hidden={folded}>
                {column.items.length ? (
                  <ul className="board-cards">
                    {column.items.map((item) => {
                      const moves = movesFor(user, item);
                      const title = label(item.title);
                      const draggable = moves.length > 0 && !mover.busy;
                      return (
                        <li
                          key={item.id}
                          id={`card-${item.id}`}
                          tabIndex={-1}
                          className={`board-card constituency--${item.leadOrganization.constituency}${draggable ? ' is-draggable' : ''}${dragging?.id === item.id ? ' is-dragged' : ''}`}
                          draggable={draggable}
                          onDragStart={
                            draggable
                              ? (e) => {
                                  e.dataTransfer.effectAllowed = 'move';
                                  e.dataTransfer.setData('text/plain', title);
                                  setDragging(item);
                                  setAnnouncement(
                                    t('board.dragging', {
                                      title,
                                      allowed: moves.map((s) => t(`actionItemStatus.${s}`)).join(t('common.listSeparator')),
                                    }),
                                  );
                                }
                              : undefined
                          }
                          onDragEnd={() => {
                            setDragging(null);
                            setOver(null);
                          }}
                        >
                          <h3 className="board-card-title">
                            <Link to={`/action-items/${item.id}`} draggable={false}>
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
                          <MoveMenu
                            buttonId={`move-${item.id}`}
                            moves={moves}
                            itemTitle={title}
                            disabled={mover.busy}
                            onChoose={(to) => mover.choose(item, to)}
                          />
                        </li>
                      );
                    })}
                  </ul>
                ) : (
                  <p className="muted small board-empty">{t('board.columnEmpty')}</p>
                )}
              </div>
            </section>
          );
        })}
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
