import ICAL from 'ical.js';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { DigestService } from '../src/mail/digest.service';
import { UsersService } from '../src/users/users.service';
import { TestContext, type TestUser } from './support/context';
import { SmtpSink, type ReceivedMail } from './support/smtp-sink';
import { type ClientSocket, ack, connect, ok } from './support/sockets';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The calendar part of a mail (nodemailer's icalEvent: a text/calendar alternative and an attachment). */
function calendarOf(mail: ReceivedMail): string {
  const part = mail.parsed.attachments.find((a) => a.contentType.startsWith('text/calendar') || a.filename?.endsWith('.ics'));
  if (part) return part.content.toString('utf8');
  const match = /BEGIN:VCALENDAR[\s\S]*END:VCALENDAR/.exec(mail.raw);
  if (!match) throw new Error('no calendar in the mail');
  return match[0];
}

/** A header's value as sent (mailparser turns List-* headers into a structure of its own). */
function header(mail: ReceivedMail, name: string): string | undefined {
  const line = mail.parsed.headerLines.find((h) => h.key === name.toLowerCase())?.line;
  return line
    ?.slice(line.indexOf(':') + 1)
    .replace(/\r?\n\s+/g, ' ')
    .trim();
}

/** The event of an iCalendar text, read with ical.js (its VTIMEZONE registered, so times convert). */
function readEvent(ics: string) {
  const root = new ICAL.Component(ICAL.parse(ics));
  for (const tz of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  const vevent = root.getFirstSubcomponent('vevent')!;
  const event = new ICAL.Event(vevent);
  return { method: root.getFirstPropertyValue('method'), event, vevent };
}

describe('mail', () => {
  let sink: SmtpSink;
  let ctx: TestContext;
  let url: string;
  let admin: TestUser;
  let facilitator: TestUser;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    sink = await SmtpSink.start();
    ctx = await TestContext.create({ smtpUrl: sink.url, mailPollMs: 50, mailNotificationDelaySeconds: 1, publicUrl: 'http://greentable.test' });
    await ctx.app.listen(0);
    url = `http://127.0.0.1:${(ctx.app.getHttpServer().address() as AddressInfo).port}`;
    admin = await ctx.newUser({ role: 'admin', constituency: 'international' });
    facilitator = await ctx.newUser({ role: 'facilitator', constituency: 'government' });
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });
  afterAll(async () => {
    await ctx?.close();
    await sink?.close();
  });

  const open = async (user: TestUser) => {
    const socket = await connect(url, user.token);
    sockets.push(socket);
    return socket;
  };

  it('mails an invitation whose link accepts it, in HTML and plain text, and the admin outbox shows it sent', async () => {
    const union = await ctx.newOrganization('workers');
    const email = `official-${randomUUID().slice(0, 8)}@union.example`;
    const created = await ctx.http.post('/api/invitations').set(admin.auth).send({ email, organizationId: union.id, role: 'member' }).expect(201);
    const mail = await sink.first(email);
    expect(mail.parsed.subject).toContain('GreenTable');
    expect(mail.parsed.text).toContain('http://greentable.test/invitations/');
    expect(mail.parsed.html).toContain('href="http://greentable.test/invitations/');
    expect(mail.parsed.text).toMatch(/接受邀请/);
    const token = /\/invitations\/([A-Za-z0-9_-]+)/.exec(mail.parsed.text!)![1];
    expect(token).toBe(created.body.token);
    const accepted = await ctx.http.post(`/api/invitations/${token}/accept`).send({ displayName: 'Wang Fang Union', password: 'a-long-password' }).expect(201);
    expect(accepted.body.user).toMatchObject({ email });

    const outbox = await ctx.http.get('/api/admin/outbox?limit=200').set(admin.auth).expect(200);
    const row = outbox.body.items.find((m: { to: string }) => m.to === email);
    expect(row).toMatchObject({ kind: 'invitation', status: 'sent', attempts: 1, lastError: null });
    expect(`<${row.messageId}>`).toBe(mail.messageId);
    await ctx.http.get('/api/admin/outbox').set(facilitator.auth).expect(403);
    await ctx.http.get('/api/admin/outbox?status=lost').set(admin.auth).expect(400);
  });

  it('resends an invitation with a new link; the old one stops working', async () => {
    const union = await ctx.newOrganization('workers');
    const email = `resend-${randomUUID().slice(0, 8)}@union.example`;
    const created = await ctx.http.post('/api/invitations').set(admin.auth).send({ email, organizationId: union.id, role: 'member' }).expect(201);
    await sink.first(email);
    const resent = await ctx.http.post(`/api/invitations/${created.body.id}/resend`).set(facilitator.auth).expect(200);
    await sink.until(() => sink.to(email).length === 2);
    const second = sink.to(email)[1];
    expect(second.parsed.text).toContain(`/invitations/${resent.body.token}`);
    await ctx.http.get(`/api/invitations/by-token/${created.body.token}`).expect(404);
    await ctx.http.get(`/api/invitations/by-token/${resent.body.token}`).expect(200);
  });

  it('sends a calendar invitation in the venue zone, an update with a higher SEQUENCE, and a cancellation, all with one UID', async () => {
    const guest = await ctx.newUser({ role: 'member' });
    const rt = await ctx.http
      .post('/api/roundtables')
      .set(facilitator.auth)
      .send({
        title: { en: 'Suzhou green jobs roundtable', zh: '苏州绿色就业圆桌会议' },
        startsAt: '2031-04-02T09:00:00+08:00',
        endsAt: '2031-04-02T12:00:00+08:00',
        timeZone: 'Asia/Shanghai',
        location: { venue: 'SIP Centre', city: 'Suzhou', online: false },
      })
      .expect(201);
    await ctx.http.post(`/api/roundtables/${rt.body.id}/participants`).set(facilitator.auth).send({ userId: guest.id }).expect(201);
    const invitation = await sink.first(guest.email, /Suzhou green jobs roundtable/);
    expect(invitation.parsed.subject).toMatch(/^Invitation:/);
    expect(invitation.parsed.text).toContain(`http://greentable.test/roundtables/${rt.body.id}`);
    expect(header(invitation, 'List-Unsubscribe')).toBeTruthy();
    const first = readEvent(calendarOf(invitation));
    expect(first.method).toBe('REQUEST');
    expect(first.event.uid).toBe(`roundtable-${rt.body.id}@greentable`);
    expect(first.event.startDate.zone?.tzid).toBe('Asia/Shanghai');
    expect([first.event.startDate.hour, first.event.startDate.minute]).toEqual([9, 0]);
    expect(first.event.startDate.toJSDate().toISOString()).toBe('2031-04-02T01:00:00.000Z');
    expect(first.event.sequence).toBe(0);
    expect(first.vevent.getFirstPropertyValue('attendee')).toBe(`mailto:${guest.email}`);

    await ctx.http.patch(`/api/roundtables/${rt.body.id}`).set(facilitator.auth).send({ startsAt: '2031-04-02T10:00:00+08:00' }).expect(200);
    const update = await sink.first(guest.email, /^Updated:/);
    const second = readEvent(calendarOf(update));
    expect(second.method).toBe('REQUEST');
    expect(second.event.uid).toBe(first.event.uid);
    expect(second.event.sequence).toBe(1);
    expect(second.event.startDate.hour).toBe(10);

    // A change of title only is no calendar update.
    await ctx.http
      .patch(`/api/roundtables/${rt.body.id}`)
      .set(facilitator.auth)
      .send({ title: { en: 'Suzhou green jobs roundtable (II)' } })
      .expect(200);

    await ctx.http.delete(`/api/roundtables/${rt.body.id}/participants/${guest.id}`).set(facilitator.auth).expect(204);
    const cancel = await sink.first(guest.email, /^Cancelled:/);
    const third = readEvent(calendarOf(cancel));
    expect(third.method).toBe('CANCEL');
    expect(third.event.uid).toBe(first.event.uid);
    expect(third.vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(sink.to(guest.email).filter((m) => /^Updated:/.test(m.parsed.subject ?? ''))).toHaveLength(1);
  });

  it('exports the .ics of a Suzhou meeting in its zone: 09:00 Asia/Shanghai as ical.js reads it', async () => {
    const rt = await ctx.http
      .post('/api/roundtables')
      .set(facilitator.auth)
      .send({ title: { en: 'Zone check' }, startsAt: '2031-04-02T09:00:00+08:00', endsAt: '2031-04-02T11:00:00+08:00', timeZone: 'Asia/Shanghai' })
      .expect(201);
    const res = await ctx.http
      .get(`/api/roundtables/${rt.body.id}/calendar.ics`)
      .set(facilitator.auth)
      .buffer(true)
      .parse((r, cb) => {
        let data = '';
        r.setEncoding('utf8');
        r.on('data', (chunk: string) => (data += chunk));
        r.on('end', () => cb(null, data));
      })
      .expect(200);
    const { event } = readEvent(res.body as string);
    expect(event.startDate.zone?.tzid).toBe('Asia/Shanghai');
    expect([event.startDate.hour, event.startDate.minute]).toEqual([9, 0]);
    expect(event.startDate.toJSDate().toISOString()).toBe('2031-04-02T01:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2031-04-02T03:00:00.000Z');
  });

  describe('notifications', () => {
    let lobbyId: string;
    let alice: TestUser;
    beforeAll(async () => {
      alice = await ctx.newUser({ name: `Alice Mail ${randomUUID().slice(0, 6)}` });
      lobbyId = (await ctx.http.get('/api/channels?kind=lobby').set(alice.auth).expect(200)).body.items[0].id;
    });
    const say = async (body: string, parentId?: string) => {
      const socket = await open(alice);
      return ok(
        await ack<{ message: { id: string; mentions: string[] } }>(socket, 'message:send', {
          channelId: lobbyId,
          clientMessageId: randomUUID(),
          body,
          parentId,
        }),
      ).message;
    };
    const mailsOfKind = (userId: string, kind: string) => ctx.count('mail_outbox', 'user_id = $1 AND kind = $2', [userId, kind]);

    it('mails a mention to someone away, with a link and one-click unsubscribe; not to someone who read it in the app', async () => {
      const away = await ctx.newUser({ name: `Away Person ${randomUUID().slice(0, 6)}` });
      const reader = await ctx.newUser({ name: `Reader Person ${randomUUID().slice(0, 6)}` });
      const sent = await say(`@${away.displayName} and @${reader.displayName}: the training budget?`);
      expect(sent.mentions.sort()).toEqual([away.id, reader.id].sort());
      // The reader sees it in the app at once.
      await ctx.http.post('/api/notifications/read').set(reader.auth).send({}).expect(200);

      const mail = await sink.first(away.email, /mentioned you/);
      expect(mail.parsed.subject).toContain(alice.displayName);
      expect(mail.parsed.text).toContain('http://greentable.test/discussions');
      expect(mail.parsed.html).toContain('http://greentable.test/discussions');
      expect(header(mail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
      expect(String(mail.parsed.replyTo?.text ?? '')).toMatch(/^reply\+[a-z2-7]{42}@/);

      await sleep(1500);
      expect(sink.to(reader.email)).toHaveLength(0);
      expect(await ctx.count('mail_outbox', "user_id = $1 AND status = 'cancelled'", [reader.id])).toBe(1);
    });

    it('one-click unsubscribe (RFC 8058) stops that kind, without signing in; a forged token changes nothing', async () => {
      const bob = await ctx.newUser({ name: `Bob Unsub ${randomUUID().slice(0, 6)}` });
      await say(`@${bob.displayName} first`);
      const mail = await sink.first(bob.email, /mentioned you/);
      const link = /<([^>]+)>/.exec(String(header(mail, 'List-Unsubscribe')))![1];
      const path = new URL(link).pathname;
      expect(path).toMatch(/^\/api\/mail\/unsubscribe\//);
      const forged = path.slice(0, -3) + (path.endsWith('AAA') ? 'BBB' : 'AAA');
      await ctx.http.post(forged).type('form').send('List-Unsubscribe=One-Click').expect(404);
      expect((await ctx.http.get('/api/mail/preferences').set(bob.auth).expect(200)).body.kinds).toContainEqual({ kind: 'mention', mode: 'immediate' });
      // The page behind the link only asks; it turns nothing off.
      await ctx.http
        .get(path)
        .expect(200)
        .expect('Content-Type', /text\/html/);
      await ctx.http.post(path).type('form').send('List-Unsubscribe=One-Click').expect(200);
      const prefs = await ctx.http.get('/api/mail/preferences').set(bob.auth).expect(200);
      expect(prefs.body.kinds).toContainEqual({ kind: 'mention', mode: 'never' });

      const before = await mailsOfKind(bob.id, 'notification.mention');
      await say(`@${bob.displayName} second`);
      expect(await ctx.count('notifications', "user_id = $1 AND kind = 'mention'", [bob.id])).toBe(2);
      expect(await mailsOfKind(bob.id, 'notification.mention')).toBe(before);
    });

    it('a reply to one’s message is notified and mailed as a reply; "digest" and "never" write no mail at once', async () => {
      const carol = await ctx.newUser({ name: `Carol Reply ${randomUUID().slice(0, 6)}` });
      const carolSocket = await open(carol);
      const own = ok(
        await ack<{ message: { id: string } }>(carolSocket, 'message:send', { channelId: lobbyId, clientMessageId: randomUUID(), body: 'my proposal' }),
      ).message;
      await say('I agree with this', own.id);
      const mail = await sink.first(carol.email, /replied to you/);
      expect(mail.parsed.text).toContain('/discussions');
      await ctx.http
        .put('/api/mail/preferences')
        .set(carol.auth)
        .send({ kinds: [{ kind: 'reply', mode: 'digest' }] })
        .expect(200);
      const before = await mailsOfKind(carol.id, 'notification.reply');
      await say('and one more', own.id);
      expect(await ctx.count('notifications', "user_id = $1 AND kind = 'reply'", [carol.id])).toBe(2);
      expect(await mailsOfKind(carol.id, 'notification.reply')).toBe(before);
    });
  });

  /** A Suzhou roundtable with these participants, and its discussion's channel id. */
  const discussion = async (title: string, users: TestUser[]) => {
    const rt = await ctx.http
      .post('/api/roundtables')
      .set(facilitator.auth)
      .send({ title: { en: title }, startsAt: '2031-05-02T09:00:00+08:00', endsAt: '2031-05-02T10:00:00+08:00', timeZone: 'Asia/Shanghai' })
      .expect(201);
    for (const user of users) await ctx.http.post(`/api/roundtables/${rt.body.id}/participants`).set(facilitator.auth).send({ userId: user.id }).expect(201);
    const channelId = (await ctx.http.get(`/api/channels?kind=roundtable&refId=${rt.body.id}`).set(users[0].auth).expect(200)).body.items[0].id as string;
    return { rt, channelId };
  };
  const shanghaiHour = () => Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', hourCycle: 'h23' }).format(new Date()));

  it('mails a digest at the chosen hour in the person’s zone holding exactly the unread items, once a day', async () => {
    const alice = await ctx.newUser({ name: `Alice Digest ${randomUUID().slice(0, 6)}` });
    const dave = await ctx.newUser({ name: `Dave Digest ${randomUUID().slice(0, 6)}` });
    const erin = await ctx.newUser({ name: `Erin Digest ${randomUUID().slice(0, 6)}` });
    const { rt, channelId } = await discussion('Digest roundtable', [alice, dave, erin]);
    // Dave has never opened the discussion: it is one of his channels all the same, and its unread messages are his.
    expect(await ctx.count('channel_reads', 'user_id = $1', [dave.id])).toBe(0);
    const hour = shanghaiHour();
    for (const user of [dave, erin])
      await ctx.http
        .put('/api/mail/preferences')
        .set(user.auth)
        .send({ timeZone: 'Asia/Shanghai', digestHour: hour, kinds: [{ kind: 'mention', mode: 'digest' }] })
        .expect(200);

    const socket = await open(alice);
    const post = async (body: string) => ok(await ack(socket, 'message:send', { channelId, clientMessageId: randomUUID(), body }));
    await post('the first point');
    await post(`@${dave.displayName} the second point`);
    await post(`@${dave.displayName} the third point`);
    const notes = (await ctx.http.get('/api/notifications').set(dave.auth).expect(200)).body.items as { id: string }[];
    expect(notes).toHaveLength(2);
    // He reads one of the two mentions in the app.
    await ctx.http
      .post('/api/notifications/read')
      .set(dave.auth)
      .send({ ids: [notes[0].id] })
      .expect(200);
    expect(await ctx.count('mail_outbox', "user_id = $1 AND kind = 'notification.mention'", [dave.id])).toBe(0);

    // Erin had opened it and read nothing of it; then she is taken off the roundtable: its messages are no longer hers.
    await ctx.db.query(`INSERT INTO channel_reads (user_id, channel_id, last_read_seq) VALUES ($1, $2, 0)`, [erin.id, channelId]);
    await ctx.http.delete(`/api/roundtables/${rt.body.id}/participants/${erin.id}`).set(facilitator.auth).expect(204);

    const digest = ctx.app.get(DigestService);
    await digest.run();
    const mail = await sink.first(dave.email, /What you missed/);
    expect(mail.parsed.text).toMatch(/The roundtable “Digest roundtable”: 3 \(2 mentioning you\)/);
    expect(mail.parsed.text).toContain(`http://greentable.test/roundtables/${rt.body.id}`);
    expect(mail.parsed.text!.match(/mentioned you/g)).toHaveLength(1);
    expect(header(mail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    // Once a day.
    await digest.run();
    expect(await ctx.count('mail_outbox', "user_id = $1 AND kind = 'digest'", [dave.id])).toBe(1);
    // Someone with nothing unread gets none (Alice wrote them all), nor does someone removed from the discussion.
    const profiles = await ctx.app.get(UsersService).mailProfiles([alice.id, dave.id, erin.id]);
    const [aliceProfile, daveProfile, erinProfile] = [alice, dave, erin].map((u) => profiles.find((p) => p.id === u.id)!);
    expect(await digest.digestFor(aliceProfile)).toBe(0);
    expect(await digest.digestFor(erinProfile)).toBe(0);
    expect(await ctx.count('mail_outbox', "user_id = $1 AND kind = 'digest'", [erin.id])).toBe(0);
    // The next day, with nothing new, the same unread backlog is not mailed again.
    expect(await digest.digestFor(daveProfile, new Date(Date.now() + 24 * 3600 * 1000))).toBe(0);
  });

  it('decides each person’s digest once at their hour: what comes unread later in that hour waits for the next digest', async () => {
    const frank = await ctx.newUser({ name: `Frank Digest ${randomUUID().slice(0, 6)}` });
    const gina = await ctx.newUser({ name: `Gina Digest ${randomUUID().slice(0, 6)}` });
    const { channelId } = await discussion('Hourly roundtable', [frank, gina]);
    await ctx.http.put('/api/mail/preferences').set(gina.auth).send({ timeZone: 'Asia/Shanghai', digestHour: shanghaiHour() }).expect(200);
    const digest = ctx.app.get(DigestService);
    const digests = () => ctx.count('mail_outbox', "user_id = $1 AND kind = 'digest'", [gina.id]);

    await digest.run(); // nothing unread for Gina at her hour: no digest
    expect(await digests()).toBe(0);
    const socket = await open(frank);
    ok(await ack(socket, 'message:send', { channelId, clientMessageId: randomUUID(), body: `@${gina.displayName} a point for you` }));
    await digest.run(); // later in the same hour: decided already
    expect(await digests()).toBe(0);
    // The next digest (here asked for directly) has it.
    const [profile] = await ctx.app.get(UsersService).mailProfiles([gina.id]);
    expect(await digest.digestFor(profile)).toBe(1);
    expect(await digests()).toBe(1);
  });

  it('keeps preferences per person, refuses bad ones naming the field, and changes nothing then', async () => {
    const user = await ctx.newUser();
    const initial = await ctx.http.get('/api/mail/preferences').set(user.auth).expect(200);
    expect(initial.body).toMatchObject({ timeZone: 'UTC', digestHour: 8 });
    const set = await ctx.http
      .put('/api/mail/preferences')
      .set(user.auth)
      .send({ timeZone: 'Asia/Shanghai', digestHour: 18, kinds: [{ kind: 'observation.rejected', mode: 'digest' }] })
      .expect(200);
    expect(set.body).toMatchObject({ timeZone: 'Asia/Shanghai', digestHour: 18 });
    expect(set.body.kinds).toContainEqual({ kind: 'observation.rejected', mode: 'digest' });
    for (const [body, field] of [
      [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ digestHour: 24 }, 'digestHour'],
      [{ kinds: [{ kind: 'mention', mode: 'sometimes' }] }, 'kinds.0.mode'],
      [{ kinds: [{ kind: 'gossip', mode: 'never' }] }, 'kinds.0.kind'],
    ] as const) {
      const res = await ctx.http.put('/api/mail/preferences').set(user.auth).send(body).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    const after = await ctx.http.get('/api/mail/preferences').set(user.auth).expect(200);
    expect(after.body).toEqual(set.body);
    const off = await ctx.http.put('/api/mail/preferences').set(user.auth).send({ digestHour: null }).expect(200);
    expect(off.body.digestHour).toBeNull();
  });

  it('a refused recipient fails with the SMTP answer; an admin retries it and it is sent', async () => {
    const union = await ctx.newOrganization('workers');
    const email = `bounce-${randomUUID().slice(0, 8)}@union.example`;
    sink.reject.add(email);
    await ctx.http.post('/api/invitations').set(admin.auth).send({ email, organizationId: union.id, role: 'member' }).expect(201);
    let row: { id: string; status: string; lastError: string | null } | undefined;
    // Up to 30 s: should the pooled connection drop on the first attempt, the mail is tried again after 10 s.
    for (let i = 0; i < 300 && row?.status !== 'failed'; i++) {
      await sleep(100);
      row = (await ctx.http.get('/api/admin/outbox?status=failed&limit=200').set(admin.auth).expect(200)).body.items.find(
        (m: { to: string }) => m.to === email,
      );
    }
    expect(row).toMatchObject({ status: 'failed' });
    expect(row!.lastError).toMatch(/550/);
    const health = await ctx.http.get('/api/health').expect(200);
    expect(health.body.mail.failed).toBeGreaterThanOrEqual(1);
    expect(health.body.mail).toHaveProperty('queued');
    expect(health.body.mail).toHaveProperty('oldestQueuedAgeSeconds');

    sink.reject.delete(email);
    const retried = await ctx.http.post(`/api/admin/outbox/${row!.id}/retry`).set(admin.auth).expect(200);
    expect(retried.body.status).toBe('queued');
    await sink.first(email);
    await sink.until(() => true);
    for (let i = 0; i < 50; i++) {
      const one = await ctx.http.get(`/api/admin/outbox/${row!.id}`).set(admin.auth).expect(200);
      if (one.body.status === 'sent') break;
      await sleep(100);
    }
    const sent = await ctx.http.get(`/api/admin/outbox/${row!.id}`).set(admin.auth).expect(200);
    expect(sent.body).toMatchObject({ status: 'sent', lastError: null });
    await ctx.http.post(`/api/admin/outbox/${row!.id}/retry`).set(admin.auth).expect(409);
    await ctx.http.post(`/api/admin/outbox/${randomUUID()}/retry`).set(admin.auth).expect(404);
  }, 60_000);
});
