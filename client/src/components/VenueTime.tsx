import { useTranslation } from 'react-i18next';
import { readerTimeZone, venueAndReaderTimes, zonedDay, zoneCity } from '../lib/venueTime';

/**
 * A meeting's time as "09:00 Suzhou (UTC+8) · 02:00 your time": in the venue's zone, named, then in the reader's.
 * With `end`, a span; with `withDate`, dates too.
 */
export function VenueTime({
  start,
  end,
  timeZone,
  place,
  withDate = false,
}: {
  start: string;
  end?: string | null;
  timeZone: string;
  place?: string | null;
  withDate?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const a = venueAndReaderTimes(start, timeZone, i18n.language, withDate);
  // An end on the same day (in each zone) shows its time alone.
  const sameDay = (zone: string) => !!end && zonedDay(start, zone) === zonedDay(end, zone);
  const venueEnd = end ? venueAndReaderTimes(end, timeZone, i18n.language, withDate && !sameDay(timeZone)).venue : null;
  const readerEnd = end ? venueAndReaderTimes(end, timeZone, i18n.language, withDate && !sameDay(readerTimeZone())).reader : null;
  const venue = venueEnd ? `${a.venue}–${venueEnd}` : a.venue;
  const reader = readerEnd ? `${a.reader}–${readerEnd}` : a.reader;
  return (
    <span className="venue-time">
      <time dateTime={start} className="venue-time-venue">
        {t('record.venueTime', { time: venue, place: place || zoneCity(timeZone), offset: a.offset })}
      </time>
      <span aria-hidden="true"> · </span>
      <span className="venue-time-reader time-zone-note">{t('record.yourTime', { time: reader })}</span>
    </span>
  );
}
