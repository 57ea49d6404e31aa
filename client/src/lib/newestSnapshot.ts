/**
 * The newest of the whole snapshots of one thing that reach a page two ways: reads it asks for (which take a while)
 * and snapshots pushed to it (a live event, the answer to the reader's own action). A read answered after a push that
 * came while it was under way may predate that push, so its answer gives way to the pushed snapshot instead of
 * showing older state over it (a speaker queue read again on joining its room, while hands go up live).
 */
export interface NewestSnapshot<T> {
  /** Records a pushed snapshot and returns it. */
  push(snapshot: T): T;
  /** Reads with `load`; resolves to its answer, or to the last pushed snapshot when one came meanwhile. */
  read(load: () => Promise<T>): Promise<T>;
}

export function newestSnapshot<T>(): NewestSnapshot<T> {
  let pushes = 0;
  let pushed: T | undefined;
  return {
    push(snapshot) {
      pushes++;
      pushed = snapshot;
      return snapshot;
    },
    async read(load) {
      const before = pushes;
      const answer = await load();
      return pushes === before ? answer : (pushed as T);
    },
  };
}
