/** One formatter per time zone: making an Intl.DateTimeFormat is far dearer than using one. */
const formats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day a moment falls on in a time zone, as 2026-12-07. */
export function dayIn(at: Date, timeZone: string): string {
  let format = formats.get(timeZone);
  if (!format) formats.set(timeZone, (format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return format.format(at);
}
