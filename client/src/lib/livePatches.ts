/**
 * Live changes to something a page also reads whole: a list read again on joining its room while its room's events
 * patch it (a vote opened, a tally, a vote closed). A read answered after patches that came while it was under way may
 * predate them, so those patches are applied again, in the order they came, to its answer: the page ends as the last
 * event left it, not as the read found it (a vote closed while the list was being read again would otherwise show as
 * still open, with its ballot buttons, until the next event). Events come in order, so an answer newer than a patch
 * is overtaken by the later events that made it newer.
 */
export interface LivePatches<T> {
  /** Records a live patch for the reads under way and returns it, to apply to the page's state as well. */
  patch(update: (current: T) => T): (current: T) => T;
  /** Reads with `load`; resolves to its answer with the patches made meanwhile applied to it. */
  read(load: () => Promise<T>): Promise<T>;
}

export function livePatches<T>(): LivePatches<T> {
  const underWay = new Set<((current: T) => T)[]>();
  return {
    patch(update) {
      for (const during of underWay) during.push(update);
      return update;
    },
    async read(load) {
      const during: ((current: T) => T)[] = [];
      underWay.add(during);
      try {
        let value: T = await load();
        for (const update of during) value = update(value);
        return value;
      } finally {
        underWay.delete(during);
      }
    },
  };
}
