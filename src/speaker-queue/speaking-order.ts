import type { Constituency, QueueOrder } from '../shared/enums';

export { QUEUE_ORDERS, type QueueOrder } from '../shared/enums';

export interface RaisedHand {
  id: string;
  constituency: Constituency;
  raisedAt: number;
}

/**
 * The order in which waiting hands get the floor. Alternating: constituencies take turns, the one that has waited
 * longest for the floor first (never spoken before all who have; then the earliest last turn), ties by whose hand
 * went up first; within a constituency, first raised first. `lastSpoke`: when each constituency's last turn began.
 */
export function speakingOrder(hands: readonly RaisedHand[], order: QueueOrder, lastSpoke: Partial<Record<Constituency, number>> = {}): string[] {
  const byTime = [...hands].sort((a, b) => a.raisedAt - b.raisedAt || a.id.localeCompare(b.id));
  if (order === 'fifo') return byTime.map((h) => h.id);
  const groups = new Map<Constituency, RaisedHand[]>();
  for (const hand of byTime) groups.set(hand.constituency, [...(groups.get(hand.constituency) ?? []), hand]);
  // Map keeps insertion order, so a stable sort leaves ties in the order of the groups' first hands.
  const rotation = [...groups.keys()].sort((a, b) => (lastSpoke[a] ?? -Infinity) - (lastSpoke[b] ?? -Infinity));
  const out: string[] = [];
  for (let round = 0; out.length < byTime.length; round++) {
    for (const c of rotation) {
      const hand = groups.get(c)![round];
      if (hand) out.push(hand.id);
    }
  }
  return out;
}

/** Seconds spoken per constituency, from finished (or running, up to now) turns. */
export function speakingTime(
  turns: readonly { constituency: Constituency; startedAt: number; endedAt: number | null }[],
  now: number,
): Partial<Record<Constituency, number>> {
  const out: Partial<Record<Constituency, number>> = {};
  for (const t of turns) out[t.constituency] = (out[t.constituency] ?? 0) + Math.max(0, Math.round(((t.endedAt ?? now) - t.startedAt) / 1000));
  return out;
}
