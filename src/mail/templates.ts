/** The two languages mail is written in. */
export type MailLang = 'en' | 'zh';
export const mailLang = (locale: string | null | undefined): MailLang => (locale === 'zh-CN' ? 'zh' : 'en');

/** A text in both languages, or one string for both. */
export type Bilingual = { en?: string; zh?: string } | string;
export const pick = (text: Bilingual | undefined | null, lang: MailLang): string => {
  if (!text) return '';
  if (typeof text === 'string') return text;
  return (lang === 'zh' ? (text.zh ?? text.en) : (text.en ?? text.zh)) ?? '';
};

/** What one mail says, before it is laid out as HTML and plain text. */
export interface MailContent {
  subject: string;
  /** Paragraphs of plain text. */
  paragraphs: string[];
  /** The button: straight to the thing. */
  action?: { label: string; url: string };
  /** A short line above the footer (e.g. "Reply to this mail to answer in the discussion"). */
  note?: string;
  /** The footer's unsubscribe link, when this kind can be turned off. */
  unsubscribe?: { label: string; url: string };
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Lays a mail out: a plain-text part and a simple HTML part saying the same. */
export function render(content: MailContent, lang: MailLang): RenderedMail {
  const text = [
    ...content.paragraphs,
    ...(content.action ? [`${content.action.label}: ${content.action.url}`] : []),
    ...(content.note ? [content.note] : []),
    '-- ',
    'GreenTable',
    ...(content.unsubscribe ? [`${content.unsubscribe.label}: ${content.unsubscribe.url}`] : []),
  ].join('\n\n');
  const html = `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head>
<body style="font-family:system-ui,-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;color:#1b2b22;max-width:36rem;margin:0 auto;padding:1rem">
${content.paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('\n')}
${content.action ? `<p><a href="${escapeHtml(content.action.url)}" style="display:inline-block;background:#2f6b3f;color:#fff;padding:.6rem 1rem;border-radius:.3rem;text-decoration:none">${escapeHtml(content.action.label)}</a></p>` : ''}
${content.note ? `<p style="color:#555">${escapeHtml(content.note)}</p>` : ''}
<hr style="border:none;border-top:1px solid #ddd">
<p style="color:#777;font-size:.85em">GreenTable${content.unsubscribe ? ` · <a href="${escapeHtml(content.unsubscribe.url)}" style="color:#777">${escapeHtml(content.unsubscribe.label)}</a>` : ''}</p>
</body></html>`;
  return { subject: content.subject, text, html };
}

const L = (lang: MailLang, en: string, zh: string) => (lang === 'zh' ? zh : en);

export const words = {
  open: (lang: MailLang) => L(lang, 'Open in GreenTable', '在 GreenTable 中打开'),
  unsubscribe: (lang: MailLang, kindLabel: string) => L(lang, `Stop mails about ${kindLabel}`, `不再接收“${kindLabel}”邮件`),
  replyNote: (lang: MailLang) => L(lang, 'Reply to this mail to answer in the discussion.', '直接回复此邮件即可在讨论中作答。'),
};

export const KIND_LABELS: Record<string, { en: string; zh: string }> = {
  'roundtable.invitation': { en: 'roundtable invitations', zh: '圆桌会议邀请' },
  'roundtable.agenda': { en: 'circulated agendas', zh: '会议议程分发' },
  'roundtable.minutes': { en: 'minutes circulated for comment', zh: '会议纪要征求意见' },
  'roundtable.minutes_adopted': { en: 'adopted minutes', zh: '会议纪要通过' },
  mention: { en: 'mentions', zh: '提及' },
  reply: { en: 'replies', zh: '回复' },
  'action_item.status_changed': { en: 'commitment changes', zh: '承诺变更' },
  'observation.rejected': { en: 'rejected values', zh: '被退回的数值' },
  'position.awaited': { en: 'awaited positions', zh: '待表态事项' },
  'reporting.reminder': { en: 'reporting reminders', zh: '数据报送提醒' },
  other: { en: 'other notifications', zh: '其他通知' },
  digest: { en: 'the daily digest', zh: '每日摘要' },
};

/** The invitation to join the platform. */
export function invitationMail(
  lang: MailLang,
  input: { organization: Bilingual; role: string; inviter: string | null; url: string; expiresAt: Date },
): MailContent {
  const org = pick(input.organization, lang);
  const by = input.inviter ?? 'GreenTable';
  return {
    subject: L(lang, `${by} invites you to GreenTable`, `${by} 邀请您加入 GreenTable`),
    paragraphs: [
      L(
        lang,
        `You are invited to take part in GreenTable, the platform for social dialogue on green jobs, for ${org} (${input.role}).`,
        `您受邀代表 ${org}（${input.role}）参与 GreenTable 绿色就业社会对话平台。`,
      ),
      L(lang, `The invitation is valid until ${input.expiresAt.toISOString().slice(0, 10)}.`, `邀请有效期至 ${input.expiresAt.toISOString().slice(0, 10)}。`),
    ],
    action: { label: L(lang, 'Accept the invitation', '接受邀请'), url: input.url },
  };
}

export type CalendarMethod = 'REQUEST' | 'CANCEL';

/** A roundtable's calendar invitation, update or cancellation. */
export function calendarMail(
  lang: MailLang,
  input: { method: CalendarMethod; update: boolean; title: Bilingual; when: string; place: string; url: string },
): MailContent {
  const title = pick(input.title, lang);
  if (input.method === 'CANCEL') {
    return {
      subject: L(lang, `Cancelled: ${title}`, `已取消：${title}`),
      paragraphs: [L(lang, `You no longer take part in “${title}” (${input.when}).`, `您已不再参加“${title}”（${input.when}）。`)],
      action: { label: words.open(lang), url: input.url },
    };
  }
  return {
    subject: input.update ? L(lang, `Updated: ${title}`, `已更新：${title}`) : L(lang, `Invitation: ${title}`, `邀请：${title}`),
    paragraphs: [
      input.update
        ? L(lang, `The time or place of “${title}” has changed.`, `“${title}”的时间或地点已变更。`)
        : L(lang, `You have been added to the roundtable “${title}”.`, `您已被加入圆桌会议“${title}”。`),
      `${L(lang, 'When', '时间')}: ${input.when}`,
      ...(input.place ? [`${L(lang, 'Where', '地点')}: ${input.place}`] : []),
      L(lang, 'The attached calendar invitation adds it to your calendar.', '附件中的日历邀请可将其加入您的日历。'),
    ],
    action: { label: words.open(lang), url: input.url },
  };
}

/** A commitment's statuses as mails name them. */
const STATUS_LABELS: Record<string, { en: string; zh: string }> = {
  proposed: { en: 'Proposed', zh: '已提议' },
  agreed: { en: 'Agreed', zh: '已商定' },
  in_progress: { en: 'In progress', zh: '进行中' },
  delayed: { en: 'Delayed', zh: '已延误' },
  completed: { en: 'Completed', zh: '已完成' },
  dropped: { en: 'Dropped', zh: '已放弃' },
};

const STANCE_LABELS: Record<string, { en: string; zh: string }> = {
  support: { en: 'Support', zh: '支持' },
  support_with_reservations: { en: 'Support with reservations', zh: '有保留地支持' },
  oppose: { en: 'Oppose', zh: '反对' },
  abstain: { en: 'Abstain', zh: '弃权' },
};

/** A notification as a mail: what happened, with a link to it. */
export function notificationMail(lang: MailLang, kind: string, payload: Record<string, unknown>, url: string | null): MailContent {
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const text = (v: unknown) => pick(v as Bilingual, lang);
  const by = str(payload.by) || str((payload.author as { displayName?: string } | undefined)?.displayName);
  const where = text(payload.placeTitle ?? payload.title);
  let subject: string;
  const paragraphs: string[] = [];
  switch (kind) {
    case 'mention':
      subject = where ? L(lang, `${by} mentioned you in ${where}`, `${by} 在${where}中提到了您`) : L(lang, `${by} mentioned you`, `${by} 提到了您`);
      if (str(payload.excerpt)) paragraphs.push(`“${str(payload.excerpt)}”`);
      break;
    case 'reply':
      subject = where ? L(lang, `${by} replied to you in ${where}`, `${by} 在${where}中回复了您`) : L(lang, `${by} replied to you`, `${by} 回复了您`);
      if (str(payload.excerpt)) paragraphs.push(`“${str(payload.excerpt)}”`);
      break;
    case 'observation.rejected': {
      const indicator = text(payload.indicatorName) || str(payload.indicatorId);
      const park = text(payload.parkName);
      subject = L(lang, `Your value for ${indicator} (${str(payload.period)}) was rejected`, `您提交的“${indicator}”（${str(payload.period)}）数值被退回`);
      paragraphs.push(
        L(lang, `Indicator: ${indicator}`, `指标：${indicator}`),
        ...(park ? [L(lang, `Park: ${park}`, `园区：${park}`)] : []),
        L(lang, `Period: ${str(payload.period)}`, `期间：${str(payload.period)}`),
        L(lang, `Reason: ${str(payload.reason) || '—'}`, `原因：${str(payload.reason) || '—'}`),
        ...(by ? [L(lang, `Reviewed by ${by}`, `审核人：${by}`)] : []),
      );
      break;
    }
    case 'action_item.status_changed': {
      const status = (v: unknown) => pick(STATUS_LABELS[str(v)] ?? str(v), lang);
      subject = L(
        lang,
        `Commitment “${where}”: ${status(payload.from)} → ${status(payload.to)}`,
        `承诺事项“${where}”：${status(payload.from)} → ${status(payload.to)}`,
      );
      if (by) paragraphs.push(L(lang, `Changed by ${by}.`, `由 ${by} 更改。`));
      if (str(payload.reason)) paragraphs.push(L(lang, `Reason: ${str(payload.reason)}`, `原因：${str(payload.reason)}`));
      break;
    }
    case 'position.stated': {
      const org = text((payload.organization as { name?: unknown } | null)?.name) || by;
      subject = L(lang, `${org} stated a position on “${where}”`, `${org} 就“${where}”表明立场`);
      const stance = pick(STANCE_LABELS[str(payload.stance)] ?? str(payload.stance), lang);
      if (payload.stance) paragraphs.push(L(lang, `${by}: ${stance}.`, `${by}：${stance}。`));
      break;
    }
    case 'position.awaited':
      subject = L(lang, `A position is awaited from your organization on “${where}”`, `“${where}”等待贵组织表态`);
      if (by && payload.stance) paragraphs.push(L(lang, `${by} stated: ${str(payload.stance)}.`, `${by} 表态：${str(payload.stance)}。`));
      break;
    case 'reporting.due_soon':
    case 'reporting.overdue': {
      const indicator = text(payload.indicatorName) || str(payload.code);
      const park = text(payload.parkName);
      const period = str(payload.period);
      const due = str(payload.due);
      subject =
        kind === 'reporting.due_soon'
          ? L(lang, `${park}: ${indicator} for ${period} is due on ${due}`, `${park}：“${indicator}”${period} 的数据应于 ${due} 前报送`)
          : L(lang, `${park}: ${indicator} for ${period} is overdue (due ${due})`, `${park}：“${indicator}”${period} 的数据已逾期（截止 ${due}）`);
      paragraphs.push(
        L(lang, `Indicator: ${indicator} (${str(payload.code)})`, `指标：${indicator}（${str(payload.code)}）`),
        L(lang, `Park: ${park}`, `园区：${park}`),
        L(lang, `Period: ${period}`, `期间：${period}`),
        L(lang, `Due: ${due}`, `截止日期：${due}`),
        kind === 'reporting.due_soon'
          ? L(lang, 'No value has been reported for it yet.', '尚未报送该数值。')
          : L(lang, 'No value has been reported for it; please report it as soon as you can.', '该数值尚未报送，请尽快报送。'),
      );
      break;
    }
    default:
      subject = where || L(lang, 'New notification', '新通知');
      if (str(payload.body)) paragraphs.push(str(payload.body));
  }
  if (!paragraphs.length) paragraphs.push(subject);
  return { subject, paragraphs, ...(url ? { action: { label: words.open(lang), url } } : {}) };
}

/** Unread counts stop at 100 (UNREAD_COUNT_CAP): from there on a count reads "99+", as on screen. */
const atMost99 = (n: number) => (n > 99 ? '99+' : String(n));

/** The daily digest: unread messages per channel and notifications not yet read. */
export function digestMail(
  lang: MailLang,
  input: {
    channels: { title: string; unread: number; mentions: number; url: string }[];
    notifications: { subject: string; url: string | null }[];
    appUrl: string;
  },
): MailContent {
  const paragraphs: string[] = [];
  if (input.channels.length) {
    paragraphs.push(
      L(lang, 'Unread messages:', '未读消息：') +
        '\n' +
        input.channels
          .map(
            (c) =>
              `• ${c.title}: ${atMost99(c.unread)}${c.mentions ? L(lang, ` (${atMost99(c.mentions)} mentioning you)`, `（其中 ${atMost99(c.mentions)} 条提到您）`) : ''} — ${c.url}`,
          )
          .join('\n'),
    );
  }
  if (input.notifications.length) {
    paragraphs.push(L(lang, 'Notifications:', '通知：') + '\n' + input.notifications.map((n) => `• ${n.subject}${n.url ? ` — ${n.url}` : ''}`).join('\n'));
  }
  return {
    subject: L(lang, 'What you missed on GreenTable', '您在 GreenTable 上错过的内容'),
    paragraphs,
    action: { label: words.open(lang), url: input.appUrl },
  };
}

/** Why a reply by mail was not posted (the person was verified: their own address and a valid reply address). */
export type ReplyRefusal = 'inactive' | 'no_longer_allowed' | 'empty' | 'too_long' | 'invalid' | 'gone' | 'several';

/** The short bounce a verified person gets when their reply by mail was not posted. */
export function replyRefusedMail(
  lang: MailLang,
  input: { reason: ReplyRefusal; detail?: string; maxLength: number; subject: string; url: string | null },
): MailContent {
  const why: Record<ReplyRefusal, string> = {
    inactive: L(lang, 'Your GreenTable account is no longer active.', '您的 GreenTable 账户已停用。'),
    no_longer_allowed: L(lang, 'You may no longer post in this discussion.', '您已无权在此讨论中发言。'),
    empty: L(
      lang,
      'Nothing was left to post once the quoted mail and the signature were taken off: write your answer above the quoted text.',
      '去掉引用的原邮件和签名后没有剩余内容：请在引用内容上方写下您的回复。',
    ),
    too_long: L(lang, `The text is longer than ${input.maxLength} characters.`, `内容超过 ${input.maxLength} 个字符。`),
    invalid: L(lang, `The text cannot be posted (${input.detail ?? ''}).`, `内容无法发布（${input.detail ?? ''}）。`),
    gone: L(lang, 'The discussion this mail pointed to no longer exists.', '此邮件所指向的讨论已不存在。'),
    several: L(
      lang,
      'This digest covers several discussions, so a reply to it cannot go into one: open the discussion from its link in the digest and answer there, or reply to a mention or reply mail.',
      '此摘要涉及多个讨论，回复无法归入其中某一个：请通过摘要中的链接打开相应讨论并在其中作答，或直接回复提及或回复通知邮件。',
    ),
  };
  return {
    subject: L(lang, `Not posted: ${input.subject}`, `未发布：${input.subject}`),
    paragraphs: [L(lang, 'Your reply by mail was not posted in GreenTable.', '您通过邮件发送的回复未能在 GreenTable 中发布。'), why[input.reason]],
    ...(input.url ? { action: { label: words.open(lang), url: input.url } } : {}),
  };
}

// ---- a roundtable's agenda and minutes, circulated ----

/** "UTC+8" (or "UTC") for the zone at that moment. */
function utcOffset(at: Date, timeZone: string): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'shortOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName');
  const offset = part?.value.replace('GMT', '') ?? '';
  return offset === '+0' ? 'UTC' : `UTC${offset}`;
}

/** "Suzhou (UTC+8)": the venue's city (or the zone's) and the offset then; "UTC" alone for UTC. */
function zoneName(at: Date, timeZone: string, city: string | null): string {
  if (timeZone === 'UTC' && !city) return 'UTC';
  return `${city || (timeZone.split('/').pop() ?? timeZone).replace(/_/g, ' ')} (${utcOffset(at, timeZone)})`;
}

/** "10 December 2026, 18:00 Suzhou (UTC+8)", or with an end "10 December 2026, 09:00–12:00 Suzhou (UTC+8)". */
function zonedSpan(start: Date, end: Date | null, timeZone: string, city: string | null, lang: MailLang): string {
  const locale = lang === 'zh' ? 'zh-CN' : 'en-GB';
  const day = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'long' });
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const span = !end
    ? time.format(start)
    : day.format(start) === day.format(end)
      ? `${time.format(start)}–${time.format(end)}`
      : `${time.format(start)} – ${day.format(end)} ${time.format(end)}`;
  return `${day.format(start)}, ${span} ${zoneName(start, timeZone, city)}`;
}

/**
 * A time in the venue's zone with the zone named, then in the reader's own zone when it differs there:
 * "10 December 2026, 18:00 Suzhou (UTC+8) · 10 December 2026, 11:00 Zurich (UTC+1), your time".
 */
export function venueAndReaderTime(
  start: Date,
  end: Date | null,
  venue: { timeZone: string; city: string | null },
  readerZone: string | null,
  lang: MailLang,
): string {
  const there = zonedSpan(start, end, venue.timeZone, venue.city, lang);
  if (!readerZone || readerZone === venue.timeZone || utcOffset(start, readerZone) === utcOffset(start, venue.timeZone)) return there;
  const mine = zonedSpan(start, end, readerZone, null, lang);
  return L(lang, `${there} · ${mine}, your time`, `${there} · 您的时间：${mine}`);
}

/** What every agenda or minutes mail says about its meeting. */
export interface MeetingFacts {
  title: Bilingual;
  startsAt: Date;
  endsAt: Date;
  /** The venue's IANA zone and city (the zone's name when the city is not known). */
  timeZone: string;
  city: string | null;
  place: string;
  /** Who circulated or adopted. */
  by: string;
}

/** What a roundtable mail says beyond its notification's payload: rendered per reader, language and zone. */
export type RoundtableMailDetail =
  | { kind: 'agenda.circulated'; meeting: MeetingFacts; items: { title: Bilingual; startsAt: Date | null; endsAt: Date | null; presenter: string | null }[] }
  | { kind: 'minutes.circulated'; meeting: MeetingFacts; commentDeadline: Date; items: { title: Bilingual; minutes: Bilingual | null }[] }
  | { kind: 'minutes.adopted'; meeting: MeetingFacts; adoptedAt: Date; objections: number };

const isRoundtableMailDetail = (detail: unknown, kind: string): detail is RoundtableMailDetail =>
  typeof detail === 'object' && detail !== null && (detail as { kind?: unknown }).kind === kind && 'meeting' in detail;

/** The agenda or minutes mail of a roundtable, in the reader's language and with times in their zone too. */
export function roundtableMail(lang: MailLang, kind: string, detail: unknown, readerZone: string | null, url: string | null): MailContent | null {
  if (!isRoundtableMailDetail(detail, kind)) return null;
  const { meeting } = detail;
  const title = pick(meeting.title, lang);
  const venue = { timeZone: meeting.timeZone, city: meeting.city };
  const when = venueAndReaderTime(meeting.startsAt, meeting.endsAt, venue, readerZone, lang);
  const action = (en: string, zh: string) => (url ? { action: { label: L(lang, en, zh), url } } : {});
  switch (detail.kind) {
    case 'agenda.circulated': {
      const items = detail.items.map((item, index) => {
        const slot = item.startsAt ? ` (${zonedSpan(item.startsAt, item.endsAt, meeting.timeZone, meeting.city, lang)})` : '';
        const presenter = item.presenter ? L(lang, ` — presented by ${item.presenter}`, ` — 报告人：${item.presenter}`) : '';
        return `${index + 1}. ${pick(item.title, lang)}${slot}${presenter}`;
      });
      return {
        subject: L(lang, `Agenda: ${title}`, `会议议程：${title}`),
        paragraphs: [
          L(lang, `${meeting.by} circulated the agenda of the roundtable “${title}”.`, `${meeting.by} 分发了圆桌会议“${title}”的议程。`),
          `${L(lang, 'When', '时间')}: ${when}`,
          ...(meeting.place ? [`${L(lang, 'Where', '地点')}: ${meeting.place}`] : []),
          `${L(lang, 'Agenda', '议程')}:\n${items.join('\n')}`,
        ],
        ...action('Open the agenda', '查看议程'),
      };
    }
    case 'minutes.circulated': {
      const deadline = venueAndReaderTime(detail.commentDeadline, null, venue, readerZone, lang);
      return {
        subject: L(lang, `Minutes for comment: ${title}`, `会议纪要征求意见：${title}`),
        paragraphs: [
          L(
            lang,
            `${meeting.by} circulated the minutes of the roundtable “${title}” (${when}) for comment.`,
            `${meeting.by} 分发了圆桌会议“${title}”（${when}）的会议纪要，征求意见。`,
          ),
          `${L(lang, 'Comments until', '意见截止时间')}: ${deadline}`,
          ...detail.items.map(
            (item, index) => `${index + 1}. ${pick(item.title, lang)}\n${pick(item.minutes, lang) || L(lang, '(no minutes recorded)', '（未记录纪要）')}`,
          ),
        ],
        ...action('Read and comment on the minutes', '阅读纪要并提出意见'),
      };
    }
    case 'minutes.adopted': {
      const adopted = venueAndReaderTime(detail.adoptedAt, null, venue, readerZone, lang);
      return {
        subject: L(lang, `Minutes adopted: ${title}`, `会议纪要已通过：${title}`),
        paragraphs: [
          L(lang, `The minutes of the roundtable “${title}” (${when}) were adopted.`, `圆桌会议“${title}”（${when}）的会议纪要已获通过。`),
          L(lang, `Adopted by ${meeting.by} on ${adopted}.`, `由 ${meeting.by} 于 ${adopted} 确认通过。`),
          ...(detail.objections ? [L(lang, `Objections recorded: ${detail.objections}.`, `记录在案的反对意见：${detail.objections} 条。`)] : []),
        ],
        ...action('Read the adopted minutes', '查看已通过的纪要'),
      };
    }
  }
}
