import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { SLOT_MARKS, sentenceParts, type SentencePart } from '../admin/auditSentence';
import type { ActivityEntry } from '../api/types';
import { useDynamicTranslate } from '../lib/useDynamicTranslate';
import { nameFor } from '../translations/translatedText';
import { useLocalizedLabel } from './LocalizedName';

const PEOPLE = '/directory?view=people';
const ALREADY_AFFILIATED = /[(（][^()（）]+[)）]\s*$/;

type Person = NonNullable<ActivityEntry['actor']>;

/** One entry as a sentence in the reader's language, its people and things named and linked. */
export function AuditSentence({ entry }: { entry: ActivityEntry }) {
  const { t, i18n } = useTranslation();
  const tr = useDynamicTranslate();
  const label = useLocalizedLabel();
  const person = (p: Person | null) => {
    if (!p) return null;
    const name = nameFor(p, i18n.language);
    // A name that already says its organization in brackets ("Chen Jing (ILO)") is shown as it is.
    return p.organization && !ALREADY_AFFILIATED.test(name) ? t('activity.actorWithOrg', { name, organization: label(p.organization.name) }) : name;
  };
  const { target } = entry;
  const place = target.place ? label(target.place) : null;
  const context = target.period
    ? place
      ? t('activity.contextPlacePeriod', { place, period: target.period })
      : t('activity.contextPeriod', { period: target.period })
    : '';
  const values = {
    actor: person(entry.actor) ?? t('activity.platform'),
    target: target.label ? label(target.label) : t('activity.unnamed'),
    subject: person(entry.subject) ?? t('activity.someone'),
    context,
  };
  // A translation of a message is about the message: its author is named, not the message.
  const key = `auditSentence.${entry.action}${entry.action.startsWith('translation.') && entry.entityType === 'message' ? '_message' : ''}`;
  const sentence = tr(key, { ...SLOT_MARKS, defaultValue: tr('activity.unknownAction', { actor: `<actor>${SLOT_MARKS.actor}</actor>` }) });
  const draw = (part: SentencePart, i: number) => {
    if (part.kind === 'text') return part.text;
    const to = part.kind === 'target' ? target.link : (part.kind === 'actor' ? entry.actor : entry.subject) ? PEOPLE : null;
    return to ? (
      <Link key={i} to={to} className="audit-name">
        {part.text}
      </Link>
    ) : (
      <strong key={i} className="audit-name">
        {part.text}
      </strong>
    );
  };
  return <>{sentenceParts(sentence, values).map(draw)}</>;
}
