import { useCallback, useEffect, useState } from 'react';
import { api } from '../api';
import { QUEUE_ORDERS, TRIPARTITE, type QueueOrder, type Roundtable, type RoundtableBalance, type SpeakerQueue, type SpeakerTurn } from '../api/types';
import { useCurrentUser } from '../auth/AuthContext';
import { ConstituencyBadge } from '../components/Badges';
import { ErrorAlert, LoadError, Loading } from '../components/Feedback';
import { SelectField } from '../components/Field';
import { SectionHeader } from '../components/SectionHeader';
import { formErrorsFrom } from '../lib/formErrors';
import { newestSnapshot } from '../lib/newestSnapshot';
import { useResource } from '../lib/useResource';
import { useWording } from '../lib/useWording';
import { useRealtime } from '../realtime/useRealtime';
import { useRoundtableRoom } from './useRoundtableRoom';
import { clock, percent, turnTimer } from './voting';

const LIMITS = ['', '60', '120', '180', '300', '600'] as const;

/** Ticks every second while `on`, for running timers. */
function useNow(on: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!on) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [on]);
  return now;
}

/**
 * The speaker queue of an open roundtable: raise or lower your hand (large, for a phone), the queue in the order the
 * floor will be given (alternating constituencies or as hands went up, the facilitator's choice, live for everyone),
 * the facilitator's "give the floor" and "done", the current speaker's running time with a time-up signal, and
 * speaking time per constituency beside the attendance.
 */
export function SpeakerQueueSection({ roundtable, balance }: { roundtable: Roundtable; balance: RoundtableBalance | null }) {
  const { t, msg } = useWording();
  const me = useCurrentUser();
  // Read again on every (re)join of the room while hands may go up live: a snapshot told meanwhile wins over the read.
  const [snapshots] = useState(() => newestSnapshot<SpeakerQueue>());
  const queue = useResource(() => snapshots.read(() => api.roundtables.queue(roundtable.id)), [roundtable.id]);
  const { connection } = useRealtime();
  const setQueue = queue.setData;
  const show = useCallback((q: SpeakerQueue) => setQueue(() => snapshots.push(q)), [setQueue, snapshots]);
  useRoundtableRoom(roundtable.id, queue.reload);
  const [timeUp, setTimeUp] = useState<{ turnId: string; name: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [limit, setLimit] = useState<(typeof LIMITS)[number]>('180');

  useEffect(() => {
    if (!connection) return;
    const offs = [
      connection.on('queue:changed', ({ queue: q }) => q.roundtableId === roundtable.id && show(q)),
      connection.on('queue:time_up', (e) => e.roundtableId === roundtable.id && setTimeUp({ turnId: e.turnId, name: e.speaker.displayName })),
    ];
    return () => offs.forEach((off) => off());
  }, [connection, roundtable.id, show]);

  const q: SpeakerQueue | undefined = queue.data;
  const speaking = q?.speaking ?? null;
  const now = useNow(!!speaking);
  const act = async (action: () => Promise<SpeakerQueue>) => {
    setBusy(true);
    setError(null);
    try {
      show(await action());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (queue.error) return <LoadError error={queue.error} onRetry={queue.reload} />;
  if (!q) return <Loading />;

  const open = roundtable.status === 'open';
  const takingPart = roundtable.myRole === 'participant' || roundtable.myRole === 'facilitator';
  const manage = roundtable.canManage && open;
  const myPlace = q.waiting.findIndex((turn) => turn.speaker.id === me.id);
  const iSpeak = speaking?.speaker.id === me.id;
  const timer = speaking ? turnTimer(speaking, now) : null;
  const over = !!speaking && (timer?.over || timeUp?.turnId === speaking.id);
  const floorBody = () => ({ ...(limit ? { limitSeconds: Number(limit) } : {}) });

  return (
    <section aria-labelledby="rt-queue" className="speaker-queue">
      <SectionHeader id="rt-queue" title={t('queue.title')} />
      <p className="muted">{t('queue.intro')}</p>
      {!open ? <p className="muted small">{t('queue.onlyWhenOpen')}</p> : null}
      {error ? <ErrorAlert>{msg(formErrorsFrom(error, []).form)}</ErrorAlert> : null}

      <div className="card queue-floor" aria-live="polite">
        {speaking ? (
          <>
            <p className="queue-speaker">
              <span className="muted small">{t('queue.speaking')}</span>
              <strong className="queue-speaker-name">{speaking.speaker.displayName}</strong> <ConstituencyBadge constituency={speaking.constituency} />
            </p>
            <p className={`queue-timer${over ? ' queue-timer--over' : ''}`}>
              <span className="queue-clock">{t('queue.timer', { time: clock(timer?.elapsed ?? 0) })}</span>
              {timer?.left !== null && timer?.left !== undefined && !over ? (
                <span className="muted small"> · {t('queue.timeLeft', { time: clock(timer.left) })}</span>
              ) : null}
            </p>
            {over ? (
              <p className="alert alert--warning queue-time-up" role="alert">
                ⏰ {t('queue.timeUp', { name: speaking.speaker.displayName })}
              </p>
            ) : null}
            {iSpeak ? <p className="queue-you">{t('queue.youSpeak')}</p> : null}
          </>
        ) : (
          <p className="muted">{t('queue.nobodySpeaking')}</p>
        )}
        <div className="button-row">
          {speaking && (manage || iSpeak) ? (
            <button type="button" className="button button--secondary" disabled={busy} onClick={() => void act(() => api.roundtables.endTurn(roundtable.id))}>
              {iSpeak && !manage ? t('queue.yield') : t('queue.done')}
            </button>
          ) : null}
        </div>
      </div>

      {open && takingPart && !iSpeak ? (
        <div className="queue-hand">
          {myPlace >= 0 ? (
            <>
              <p className="queue-you" role="status">
                ✋ {t('queue.raised', { place: myPlace + 1 })}
              </p>
              <button
                type="button"
                className="button button--secondary button--large button--wide"
                disabled={busy}
                onClick={() => void act(() => api.roundtables.lowerHand(roundtable.id))}
              >
                {t('queue.lower')}
              </button>
            </>
          ) : (
            <button
              type="button"
              className="button button--large button--wide"
              disabled={busy}
              onClick={() => void act(() => api.roundtables.raiseHand(roundtable.id))}
            >
              ✋ {t('queue.raise')}
            </button>
          )}
        </div>
      ) : open && !takingPart ? (
        <p className="muted small">{t('queue.notTakingPart')}</p>
      ) : null}

      <section className="card" aria-labelledby="rt-queue-waiting">
        <h3 id="rt-queue-waiting">{t('queue.waiting')}</h3>
        {manage ? (
          <QueueOrderSwitch order={q.order} busy={busy} onChange={(order) => act(() => api.roundtables.setQueueOrder(roundtable.id, order))} />
        ) : (
          <p className="muted small queue-order-now">{t(`queue.orderNow.${q.order}`)}</p>
        )}
        {manage ? (
          <div className="queue-manage">
            <SelectField
              label={t('queue.limit')}
              value={limit}
              onChange={setLimit}
              options={LIMITS.map((l) => ({ value: l, label: l ? t('queue.minutes', { count: Number(l) / 60 }) : t('queue.noLimit') }))}
            />
            <button
              type="button"
              className="button"
              disabled={busy || q.waiting.length === 0}
              onClick={() => void act(() => api.roundtables.giveFloor(roundtable.id, floorBody()))}
            >
              {t('queue.next')}
            </button>
          </div>
        ) : null}
        {q.waiting.length === 0 ? (
          <p className="muted">{t('queue.noneWaiting')}</p>
        ) : (
          <ol className="queue-list">
            {q.waiting.map((turn) => (
              <QueueRow
                key={turn.id}
                turn={turn}
                manage={manage}
                busy={busy}
                onGive={() => void act(() => api.roundtables.giveFloor(roundtable.id, { userId: turn.speaker.id, ...floorBody() }))}
              />
            ))}
          </ol>
        )}
      </section>

      <SpeakingTime queue={q} balance={balance} />

      {q.spoken.length ? (
        <details className="card queue-spoken">
          <summary>
            {t('queue.spoken')} ({q.spoken.length})
          </summary>
          <ol>
            {q.spoken.map((turn) => (
              <li key={turn.id}>
                {t('queue.turn', {
                  name: turn.speaker.displayName,
                  time: clock(turn.startedAt && turn.endedAt ? (Date.parse(turn.endedAt) - Date.parse(turn.startedAt)) / 1000 : 0),
                })}{' '}
                <span className="muted small">{t(`constituency.${turn.constituency}`)}</span>
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </section>
  );
}

/** The facilitator's choice of the order the floor is given in; the room is told at once (queue:changed). */
function QueueOrderSwitch({ order, busy, onChange }: { order: QueueOrder; busy: boolean; onChange: (order: QueueOrder) => Promise<void> }) {
  const { t } = useWording();
  // The choice shows at once, while the server is told (it falls back to the queue's order if refused).
  const [chosen, setChosen] = useState<QueueOrder | null>(null);
  const choose = (o: QueueOrder) => {
    setChosen(o);
    void onChange(o).finally(() => setChosen(null));
  };
  return (
    <fieldset className="fieldset queue-order">
      <legend>{t('queue.order')}</legend>
      <div className="radio-column">
        {QUEUE_ORDERS.map((o) => (
          <label key={o} className="choice">
            <input type="radio" name="queue-order" value={o} checked={(chosen ?? order) === o} disabled={busy} onChange={() => choose(o)} />
            <span>
              {t(`queue.orderName.${o}`)}
              <span className="block muted small">{t(`queue.orderHint.${o}`)}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function QueueRow({ turn, manage, busy, onGive }: { turn: SpeakerTurn; manage: boolean; busy: boolean; onGive: () => void }) {
  const { t } = useWording();
  return (
    <li className="queue-row">
      <span className="queue-row-name">
        <strong>{turn.speaker.displayName}</strong> <ConstituencyBadge constituency={turn.constituency} />
      </span>
      {manage ? (
        <button
          type="button"
          className="button button--small"
          disabled={busy}
          onClick={onGive}
          aria-label={t('queue.giveTo', { name: turn.speaker.displayName })}
        >
          {t('queue.give')}
        </button>
      ) : null}
    </li>
  );
}

/** Speaking time per constituency beside how many of it attend, so that a group crowded out shows. */
function SpeakingTime({ queue, balance }: { queue: SpeakerQueue; balance: RoundtableBalance | null }) {
  const { t } = useWording();
  const total = queue.speakingTime.reduce((s, x) => s + x.seconds, 0);
  const rows = queue.speakingTime.filter(
    (x) => (TRIPARTITE as readonly string[]).includes(x.constituency) || x.seconds > 0 || (balance?.attending.byConstituency[x.constituency] ?? 0) > 0,
  );
  return (
    <section className="card" aria-labelledby="rt-queue-time">
      <h3 id="rt-queue-time">{t('queue.timeTitle')}</h3>
      <p className="muted small">{t('queue.timeIntro')}</p>
      <div className="table-scroll">
        <table className="data-table speaking-time">
          <thead>
            <tr>
              <th scope="col">{t('queue.constituency')}</th>
              <th scope="col">{t('queue.attending')}</th>
              <th scope="col">{t('queue.spokenFor')}</th>
              <th scope="col">{t('queue.share')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((x) => (
              <tr key={x.constituency}>
                <th scope="row">{t(`constituency.${x.constituency}`)}</th>
                <td>{balance ? balance.attending.byConstituency[x.constituency] : '—'}</td>
                <td>{clock(x.seconds)}</td>
                <td>{total ? percent(x.seconds / total) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
