import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { TestContext, type TestUser } from './support/context';
import { SmtpSink, type ReceivedMail } from './support/smtp-sink';
import { ack, connect, ok } from './support/sockets';

const PUBLIC = 'http://greentable.test';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('agenda and minutes circulated by mail', () => {
  let sink: SmtpSink;
  let ctx: TestContext;
  let facilitator: TestUser;
  /** An attendee reading English, in Zurich. */
  let anna: TestUser;
  /** An attendee reading Chinese, in Shanghai. */
  let li: TestUser;
  /** An attendee who turned off the mails of minutes circulated for comment. */
  let quiet: TestUser;
  /** Taking part but recorded absent. */
  let absent: TestUser;
  /** Not taking part. */
  let outsider: TestUser;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    ctx = await TestContext.create({ smtpUrl: sink.url, mailPollMs: 50, mailNotificationDelaySeconds: 1, publicUrl: PUBLIC });
    await ctx.app.listen(0);
    facilitator = await ctx.newUser({ role: 'facilitator', constituency: 'government', name: 'Fang Facilitator' });
    anna = await ctx.newUser({ constituency: 'employers', name: 'Anna Employer' });
    li = await ctx.newUser({ constituency: 'workers', name: 'Li Union' });
    quiet = await ctx.newUser({ constituency: 'park_management', name: 'Quinn Quiet' });
    absent = await ctx.newUser({ constituency: 'workers', name: 'Abe Absent' });
    outsider = await ctx.newUser({ constituency: 'workers', name: 'Otto Outsider' });
    await ctx.db.query(`UPDATE users SET locale = 'zh-CN' WHERE id = $1`, [li.id]);
    await ctx.http.put('/api/mail/preferences').set(anna.auth).send({ timeZone: 'Europe/Zurich' }).expect(200);
    await ctx.http.put('/api/mail/preferences').set(li.auth).send({ timeZone: 'Asia/Shanghai' }).expect(200);
    await ctx.http
      .put('/api/mail/preferences')
      .set(quiet.auth)
      .send({ kinds: [{ kind: 'roundtable.minutes', mode: 'never' }] })
      .expect(200);
  });
  afterAll(async () => {
    await ctx?.close();
    await sink?.close();
  });

  /** A Suzhou roundtable (Asia/Shanghai) with two agenda items carrying minutes; `absent` is recorded absent. */
  async function meeting() {
    const tag = randomUUID().slice(0, 8);
    const rt = (
      await ctx.http
        .post('/api/roundtables')
        .set(facilitator.auth)
        .send({
          title: { en: `Green jobs in Suzhou ${tag}`, zh: `苏州绿色就业 ${tag}` },
          startsAt: '2031-12-01T01:00:00.000Z',
          endsAt: '2031-12-01T04:00:00.000Z',
          timeZone: 'Asia/Shanghai',
          location: { city: 'Suzhou', venue: 'SIP Conference Centre', online: false },
          visibility: 'participants',
        })
        .expect(201)
    ).body as { id: string; title: { en: string; zh: string } };
    const base = `/api/roundtables/${rt.id}`;
    for (const user of [anna, li, quiet, absent]) {
      await ctx.http.post(`${base}/participants`).set(facilitator.auth).send({ userId: user.id, role: 'participant' }).expect(201);
    }
    await ctx.http.patch(`${base}/participants/${absent.id}`).set(facilitator.auth).send({ attended: false }).expect(200);
    const items: { id: string }[] = [];
    for (const [en, zh, startsAt, endsAt] of [
      ['Training needs', '培训需求', '2031-12-01T01:00:00.000Z', '2031-12-01T02:00:00.000Z'],
      ['Wages in green jobs', '绿色岗位的工资', '2031-12-01T02:00:00.000Z', '2031-12-01T03:30:00.000Z'],
    ]) {
      items.push((await ctx.http.post(`${base}/agenda-items`).set(facilitator.auth).send({ title: { en, zh }, startsAt, endsAt }).expect(201)).body);
    }
    return { rt, base, items, tag };
  }

  /** Who was mailed about a notification kind of the roundtable (outbox rows, written with the change). */
  const mailedFor = async (kind: string, roundtableId: string): Promise<string[]> =>
    (
      await ctx.db.query(
        `SELECT o.user_id FROM mail_outbox o JOIN notifications n ON n.id = o.notification_id
          WHERE n.kind = $1 AND n.payload->>'roundtableId' = $2 ORDER BY o.user_id`,
        [kind, roundtableId],
      )
    ).map((r: { user_id: string }) => r.user_id);
  const notifiedFor = async (kind: string, roundtableId: string): Promise<string[]> =>
    (await ctx.db.query(`SELECT user_id FROM notifications WHERE kind = $1 AND payload->>'roundtableId' = $2 ORDER BY user_id`, [kind, roundtableId])).map(
      (r: { user_id: string }) => r.user_id,
    );
  const sorted = (...users: TestUser[]) => users.map((u) => u.id).sort();
  const mailTo = (user: TestUser, tag: string, subject: RegExp): ReceivedMail | undefined =>
    sink.to(user.email).find((m) => (m.parsed.subject ?? '').includes(tag) && subject.test(m.parsed.subject ?? ''));

  it('mails the minutes circulated for comment to every attendee and no one else, in their language, the deadline in Suzhou time and theirs', async () => {
    const { rt, base, items, tag } = await meeting();
    await ctx.http
      .put(`${base}/agenda-items/${items[0].id}/minutes`)
      .set(facilitator.auth)
      .send({ text: { en: 'Parks will survey training needs by March.', zh: '园区将于三月前调查培训需求。' } })
      .expect(200);
    await ctx.http
      .put(`${base}/agenda-items/${items[1].id}/minutes`)
      .set(facilitator.auth)
      .send({ text: { en: 'Unions asked for a wage floor.', zh: '工会要求设定最低工资标准。' } })
      .expect(200);

    // 10 December 2031, 18:00 in Suzhou = 10:00 UTC = 11:00 in Zurich.
    await ctx.http.post(`${base}/minutes/status`).set(facilitator.auth).send({ status: 'circulated', commentDeadline: '2031-12-10T10:00:00.000Z' }).expect(200);

    // Written with the move: every attendee notified; mailed at once unless they chose otherwise; no one else.
    expect(await notifiedFor('minutes.circulated', rt.id)).toEqual(sorted(anna, li, quiet));
    expect(await mailedFor('minutes.circulated', rt.id)).toEqual(sorted(anna, li));

    const en = await sink.first(anna.email, new RegExp(`Minutes for comment: Green jobs in Suzhou ${tag}`));
    const text = en.parsed.text ?? '';
    expect(text).toContain('Fang Facilitator circulated the minutes');
    expect(text).toContain('Comments until: 10 December 2031, 18:00 Suzhou (UTC+8) · 10 December 2031, 11:00 Zurich (UTC+1), your time');
    expect(text).toMatch(/1\. Training needs\nParks will survey training needs by March\./);
    expect(text).toMatch(/2\. Wages in green jobs\nUnions asked for a wage floor\./);
    expect(text).toContain(`${PUBLIC}/roundtables/${rt.id}?tab=agenda`);
    expect(en.parsed.html).toContain(`href="${PUBLIC}/roundtables/${rt.id}?tab=agenda"`);
    expect(en.parsed.html).toContain('Unions asked for a wage floor.');
    expect(en.parsed.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line).toContain('List-Unsubscribe=One-Click');

    const zh = await sink.first(li.email, new RegExp(`会议纪要征求意见：苏州绿色就业 ${tag}`));
    const zhText = zh.parsed.text ?? '';
    // Li lives in the venue's zone: the deadline once, in Suzhou time.
    expect(zhText).toContain('意见截止时间: 2031年12月10日, 18:00 Suzhou (UTC+8)');
    expect(zhText).not.toContain('您的时间');
    expect(zhText).toContain('1. 培训需求\n园区将于三月前调查培训需求。');
    expect(zhText).toContain('2. 绿色岗位的工资\n工会要求设定最低工资标准。');
    expect(zhText).toContain('阅读纪要并提出意见');
    expect(zh.parsed.html).toContain('lang="zh-CN"');

    // The in-app notification names the deadline in the venue's zone too.
    const [note] = await ctx.db.query(
      `SELECT payload FROM notifications WHERE kind = 'minutes.circulated' AND user_id = $1 AND payload->>'roundtableId' = $2`,
      [li.id, rt.id],
    );
    expect(note.payload.title.zh).toContain('2031-12-10 18:00 UTC+8');

    await sleep(500);
    for (const user of [facilitator, quiet, absent, outsider]) expect(mailTo(user, tag, /Minutes|纪要/)).toBeUndefined();

    // Adoption: a short mail to the same attendees, its own kind (quiet turned off only the circulated minutes).
    await ctx.http.post(`${base}/minutes/status`).set(facilitator.auth).send({ status: 'adopted' }).expect(200);
    expect(await notifiedFor('minutes.adopted', rt.id)).toEqual(sorted(anna, li, quiet));
    expect(await mailedFor('minutes.adopted', rt.id)).toEqual(sorted(anna, li, quiet));
    const adopted = await sink.first(quiet.email, new RegExp(`Minutes adopted: Green jobs in Suzhou ${tag}`));
    expect(adopted.parsed.text).toContain(`The minutes of the roundtable “Green jobs in Suzhou ${tag}”`);
    expect(adopted.parsed.text).toContain(`${PUBLIC}/roundtables/${rt.id}?tab=agenda`);
    const zhAdopted = await sink.first(li.email, new RegExp(`会议纪要已通过：苏州绿色就业 ${tag}`));
    expect(zhAdopted.parsed.text).toContain('查看已通过的纪要');
    await sleep(300);
    for (const user of [facilitator, absent, outsider]) expect(mailTo(user, tag, /Minutes|纪要/)).toBeUndefined();
  });

  it('a move that is refused mails nothing', async () => {
    const { rt, base } = await meeting();
    // No minutes to adopt from draft: 409, and nothing written.
    await ctx.http.post(`${base}/minutes/status`).set(facilitator.auth).send({ status: 'adopted' }).expect(409);
    await ctx.http.post(`${base}/minutes/status`).set(li.auth).send({ status: 'circulated', commentDeadline: '2031-12-10T10:00:00.000Z' }).expect(403);
    expect(await notifiedFor('minutes.circulated', rt.id)).toEqual([]);
    expect(await notifiedFor('minutes.adopted', rt.id)).toEqual([]);
  });

  describe('POST /api/roundtables/:id/agenda/circulate', () => {
    it('a participant is refused (403), an outsider does not see it (404), and nothing is notified or queued', async () => {
      const { rt, base } = await meeting();
      const before = await ctx.count('mail_outbox');
      const refused = await ctx.http.post(`${base}/agenda/circulate`).set(anna.auth).expect(403);
      expect(refused.body).toMatchObject({ statusCode: 403 });
      await ctx.http.post(`${base}/agenda/circulate`).set(outsider.auth).expect(404);
      await ctx.http.post(`/api/roundtables/${randomUUID()}/agenda/circulate`).set(facilitator.auth).expect(404);
      expect(await notifiedFor('agenda.circulated', rt.id)).toEqual([]);
      expect(await ctx.count('mail_outbox')).toBe(before);
      expect((await ctx.http.get(base).set(facilitator.auth).expect(200)).body.agendaCirculatedAt).toBeNull();
    });

    it('an empty agenda is not circulated (409)', async () => {
      const rt = (
        await ctx.http
          .post('/api/roundtables')
          .set(facilitator.auth)
          .send({ title: { en: 'No agenda yet' }, startsAt: '2031-12-01T01:00:00.000Z', endsAt: '2031-12-01T02:00:00.000Z' })
          .expect(201)
      ).body;
      await ctx.http.post(`/api/roundtables/${rt.id}/agenda/circulate`).set(facilitator.auth).expect(409);
      expect((await ctx.http.get(`/api/roundtables/${rt.id}`).set(facilitator.auth).expect(200)).body.agendaCirculatedAt).toBeNull();
    });

    it('mails the agenda to everyone taking part, in their language with times in Suzhou and theirs; notified in the app; audited', async () => {
      const { rt, base, tag } = await meeting();
      await ctx.http
        .put('/api/mail/preferences')
        .set(absent.auth)
        .send({ kinds: [{ kind: 'roundtable.agenda', mode: 'digest' }] })
        .expect(200);
      const res = await ctx.http.post(`${base}/agenda/circulate`).set(facilitator.auth).expect(200);
      // anna, li, quiet and absent are notified; absent chose the digest for agendas.
      expect(res.body).toMatchObject({ roundtableId: rt.id, notified: 4, mailed: 3 });
      expect(new Date(res.body.agendaCirculatedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
      expect((await ctx.http.get(base).set(anna.auth).expect(200)).body.agendaCirculatedAt).toBe(res.body.agendaCirculatedAt);
      expect(await notifiedFor('agenda.circulated', rt.id)).toEqual(sorted(anna, li, quiet, absent));
      expect(await mailedFor('agenda.circulated', rt.id)).toEqual(sorted(anna, li, quiet));

      const en = await sink.first(anna.email, new RegExp(`Agenda: Green jobs in Suzhou ${tag}`));
      const text = en.parsed.text ?? '';
      // 09:00–12:00 in Suzhou = 02:00–05:00 in Zurich.
      expect(text).toContain('When: 1 December 2031, 09:00–12:00 Suzhou (UTC+8) · 1 December 2031, 02:00–05:00 Zurich (UTC+1), your time');
      expect(text).toContain('Where: SIP Conference Centre, Suzhou');
      expect(text).toContain('1. Training needs (1 December 2031, 09:00–10:00 Suzhou (UTC+8))');
      expect(text).toContain('2. Wages in green jobs (1 December 2031, 10:00–11:30 Suzhou (UTC+8))');
      expect(text).toContain(`${PUBLIC}/roundtables/${rt.id}?tab=agenda`);
      // Not a second calendar invitation: that went out when they were added.
      expect(en.parsed.attachments.filter((a) => a.contentType.startsWith('text/calendar'))).toHaveLength(0);

      const zh = await sink.first(li.email, new RegExp(`会议议程：苏州绿色就业 ${tag}`));
      expect(zh.parsed.text).toContain('1. 培训需求');
      expect(zh.parsed.text).toContain('时间: 2031年12月1日, 09:00–12:00 Suzhou (UTC+8)');
      expect(zh.parsed.text).toContain('地点: SIP Conference Centre, Suzhou');

      const history = (await ctx.http.get(`${base}/history`).set(facilitator.auth).expect(200)).body.items;
      expect(history.find((a: { action: string }) => a.action === 'roundtable.agenda_circulated')).toMatchObject({
        actorId: facilitator.id,
        changes: { items: 2, notified: 4, mailed: 3 },
      });
      await sleep(300);
      expect(mailTo(absent, tag, /Agenda/)).toBeUndefined();
      expect(mailTo(facilitator, tag, /Agenda/)).toBeUndefined();
      expect(mailTo(outsider, tag, /Agenda/)).toBeUndefined();
    });

    it('"never" for agendas stops the mail; the notification stays in the app', async () => {
      const { rt, base, tag } = await meeting();
      await ctx.http
        .put('/api/mail/preferences')
        .set(anna.auth)
        .send({ kinds: [{ kind: 'roundtable.agenda', mode: 'never' }] })
        .expect(200);
      try {
        const res = await ctx.http.post(`${base}/agenda/circulate`).set(facilitator.auth).expect(200);
        // Four notified; anna chose "never" and absent (above) the digest for agendas: two mailed at once.
        expect(res.body).toMatchObject({ notified: 4, mailed: 2 });
        expect(await notifiedFor('agenda.circulated', rt.id)).toContain(anna.id);
        expect(await mailedFor('agenda.circulated', rt.id)).not.toContain(anna.id);
        await sink.first(li.email, new RegExp(`苏州绿色就业 ${tag}`));
        await sleep(300);
        expect(mailTo(anna, tag, /Agenda/)).toBeUndefined();
      } finally {
        await ctx.http
          .put('/api/mail/preferences')
          .set(anna.auth)
          .send({ kinds: [{ kind: 'roundtable.agenda', mode: 'immediate' }] })
          .expect(200);
      }
    });
  });

  it('lists the three kinds among the mail preferences', async () => {
    const kinds = (await ctx.http.get('/api/mail/preferences').set(quiet.auth).expect(200)).body.kinds;
    expect(kinds).toEqual(
      expect.arrayContaining([
        { kind: 'roundtable.agenda', mode: 'immediate' },
        { kind: 'roundtable.minutes', mode: 'never' },
        { kind: 'roundtable.minutes_adopted', mode: 'immediate' },
      ]),
    );
  });

  it('a mention or reply names the roundtable it happened in, in the reader’s language, in the app and in the mail', async () => {
    const { rt, tag } = await meeting();
    const url = `http://127.0.0.1:${(ctx.app.getHttpServer().address() as AddressInfo).port}`;
    const channelId = (await ctx.http.get(`/api/channels?kind=roundtable&refId=${rt.id}`).set(anna.auth).expect(200)).body.items[0].id;
    const socket = await connect(url, anna.token);
    try {
      ok(await ack(socket, 'channel:join', { channelId }));
      const own = ok(
        await ack<{ message: { id: string } }>(socket, 'message:send', {
          channelId,
          clientMessageId: randomUUID(),
          body: `@${li.displayName} what do unions propose?`,
        }),
      ).message;
      const [note] = await ctx.db.query(`SELECT payload FROM notifications WHERE kind = 'mention' AND user_id = $1 AND payload->>'messageId' = $2`, [
        li.id,
        own.id,
      ]);
      expect(note.payload.title).toEqual({ en: `the roundtable “Green jobs in Suzhou ${tag}”`, zh: `圆桌会议“苏州绿色就业 ${tag}”` });
      const zh = await sink.first(li.email, new RegExp(`提到了您`));
      expect(zh.parsed.subject).toBe(`Anna Employer 在圆桌会议“苏州绿色就业 ${tag}”中提到了您`);

      // Li answers in the thread: Anna's reply mail names the roundtable in English.
      const liSocket = await connect(url, li.token);
      try {
        ok(await ack(liSocket, 'message:send', { channelId, clientMessageId: randomUUID(), body: 'A wage floor.', parentId: own.id }));
      } finally {
        liSocket.close();
      }
      const en = await sink.first(anna.email, new RegExp(`replied to you in the roundtable “Green jobs in Suzhou ${tag}”`));
      expect(en.parsed.subject).toBe(`Li Union replied to you in the roundtable “Green jobs in Suzhou ${tag}”`);
    } finally {
      socket.close();
    }
  });
});
