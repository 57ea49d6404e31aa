/**
 * The kinds of mail a person chooses about, each "at once", "in the digest" or "never". Notification kinds the list
 * does not name are mailed as `other`. Shared by the server and the settings page.
 */
export const MAIL_KINDS = [
  'roundtable.invitation',
  'roundtable.agenda',
  'roundtable.minutes',
  'roundtable.minutes_adopted',
  'mention',
  'reply',
  'action_item.status_changed',
  'observation.rejected',
  'position.awaited',
  'reporting.reminder',
  'other',
] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

export const MAIL_MODES = ['immediate', 'digest', 'never'] as const;
export type MailMode = (typeof MAIL_MODES)[number];

/** Notification kinds whose mail kind has another name. */
const NOTIFICATION_MAIL_KINDS: Record<string, MailKind> = {
  'agenda.circulated': 'roundtable.agenda',
  'minutes.circulated': 'roundtable.minutes',
  'minutes.adopted': 'roundtable.minutes_adopted',
};

/** The mail kind a notification kind falls under. */
export function mailKindOf(notificationKind: string): MailKind {
  if ((MAIL_KINDS as readonly string[]).includes(notificationKind)) return notificationKind as MailKind;
  if (NOTIFICATION_MAIL_KINDS[notificationKind]) return NOTIFICATION_MAIL_KINDS[notificationKind];
  if (notificationKind === 'position.stated' || notificationKind === 'position.requested') return 'position.awaited';
  if (notificationKind === 'reporting.due_soon' || notificationKind === 'reporting.overdue') return 'reporting.reminder';
  return 'other';
}

/** What a person gets before choosing: everything at once. */
export const DEFAULT_MAIL_MODE: MailMode = 'immediate';
