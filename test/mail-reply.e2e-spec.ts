import ICAL from 'ical.js';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createTransport, type Transporter } from 'nodemailer';
import { DigestService } from '../src/mail/digest.service';
import { MailInbound } from '../src/mail/inbound.service';
import { UsersService } from '../src/users/users.service';
import { TestContext, type TestUser } from './support/context';
import { SmtpSink, type ReceivedMail } from './support/smtp-sink';
import { type ClientSocket, ack, connect, next, ok, record } from './support/sockets';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface MessageRow {
  author_id: string;
  body: string;
  parent_id: string | null;
  channel_id: string;
}

/**
 * Replies by mail, end to end: the app's inbound SMTP listener (INBOUND_SMTP_PORT=0, the bound port read back), a
 * real SMTP client (nodemailer) answering the Reply-To of the mention mail that a real SMTP server (the sink) got.
 */
describe('replies by mail', () => {
  let sink: SmtpSink;
  let ctx: TestContext;
  let url: string;
  let client: Transporter;
  let facilitator: TestUser;
  let lobbyId: string;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    sink = await SmtpSink.start();
    ctx = await TestContext.create({
      smtpUrl: sink.url,
      mailPollMs: 50,
      mailNotificationDelaySeconds: 0,
      publicUrl: 'http://greentable.test',
      inboundSmtpPort: 0,
      mailReplyDomain: 'reply.greentable.test',
    });
    await ctx.app.listen(0);
    url = `http://127.0.0.1:${(ctx.app.getHttpServer().address() as AddressInfo).port}`;
    const port = ctx.app.get(MailInbound).port;
    expect(port).toBeGreaterThan(0);
    client = createTransport({ host: '127.0.0.1', port: port!, secure: false, ignoreTLS: true });
    facilitator = await ctx.newUser({ role: 'facilitator', constituency: 'government' });
    lobbyId = (await ctx.http.get('/api/channels?kind=lobby').set(facilitator.auth).expect(200)).body.items[0].id;
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });
  afterAll(async () => {
    client?.close();
    await ctx?.close();
    await sink?.close();
  });

  const open = async (user: TestUser, channelId: string) => {
    const socket = await connect(url, user.token);
    sockets.push(socket);
    ok(await ack(socket, 'channel:join', { channelId }));
    return socket;
  };

  /** `author` mentions `whom` in a channel; resolves with the mention mail `whom` received and the message. */
  const mention = async (author: TestUser, whom: TestUser, channelId: string, body = 'what do you think of the training budget?') => {
    const socket = await open(author, channelId);
    const sent = ok(
      await ack<{ message: { id: string } }>(socket, 'message:send', { channelId, clientMessageId: randomUUID(), body: `@${whom.displayName} ${body}` }),
    ).message;
    const mail = await sink.first(whom.email, /mentioned you|提到了您/);
    return { mail, message: sent, socket };
  };

  const replyAddress = (mail: ReceivedMail) => {
    const address = mail.parsed.replyTo?.value[0]?.address ?? '';
    expect(address).toMatch(/^reply\+[a-z2-7]{42}@reply\.greentable\.test$/);
    return address;
  };

  /** A reply as a mail program writes it: the answer above, the quoted mail below, a signature. */
  const replyMail = (from: string, to: string, original: ReceivedMail, answer: string, messageId = `<${randomUUID()}@mail.union.example>`) => ({
    from,
    to,
    subject: `Re: ${original.parsed.subject}`,
    messageId,
    inReplyTo: original.messageId,
    text: [
      answer,
      '',
      '-- ',
      'Wang Fang, Jiangsu Federation of Trade Unions',
      '',
      `On Tue, 3 Mar 2026 at 10:00, GreenTable <no-reply@greentable.localhost> wrote:`,
      ...(original.parsed.text ?? '').split('\n').map((l) => `> ${l}`),
    ].join('\n'),
  });

  const messagesBy = (userId: string) =>
    ctx.db.query<MessageRow[]>(`SELECT author_id, body, parent_id, channel_id FROM messages WHERE author_id = $1 ORDER BY seq`, [userId]);

  it('posts the reply into the thread as its author, quotes and signature taken off; a live socket receives message:new; twice posts once', async () => {
    const alice = await ctx.newUser({ name: `Alice Asker ${randomUUID().slice(0, 6)}` });
    const wang = await ctx.newUser({ name: `Wang Away ${randomUUID().slice(0, 6)}` });
    const { mail, message, socket } = await mention(alice, wang, lobbyId);
    const to = replyAddress(mail);
    const seen = record<{ message: { author: { id: string }; body: string } }>(socket, 'message:new');
    const live = next<{ message: { author: { id: string }; body: string; parentId: string | null } }>(
      socket,
      'message:new',
      (p) => p.message.author.id === wang.id,
      10_000,
    );

    const reply = replyMail(wang.email, to, mail, 'Yes: the budget covers 40 trainees.\nWe can confirm on Thursday.');
    const info = await client.sendMail(reply);
    expect(info.accepted).toEqual([to]);

    const pushed = await live;
    expect(pushed.message.body).toBe('Yes: the budget covers 40 trainees.\nWe can confirm on Thursday.');
    expect(pushed.message.parentId).toBe(message.id);
    const rows = await messagesBy(wang.id);
    expect(rows).toEqual([
      { author_id: wang.id, body: 'Yes: the budget covers 40 trainees.\nWe can confirm on Thursday.', parent_id: message.id, channel_id: lobbyId },
    ]);

    // The same mail delivered again (same Message-ID): accepted, posted once, no second push.
    await client.sendMail(reply);
    await sleep(300);
    expect(await messagesBy(wang.id)).toHaveLength(1);
    expect(seen.filter((p) => p.message.author.id === wang.id)).toHaveLength(1);
    // The history of the channel shows it as the author's, to anyone reading it.
    const history = await ctx.http.get(`/api/channels/${lobbyId}/messages`).set(alice.auth).expect(200);
    expect(history.body.items.map((m: { author: { id: string }; body: string }) => [m.author.id, m.body])).toContainEqual([
      wang.id,
      'Yes: the budget covers 40 trainees.\nWe can confirm on Thursday.',
    ]);
  });

  it('as a new union official: invited by mail, accepts from the link, gets the roundtable in the calendar, is mentioned while away, replies from the mail program, and the reply shows live', async () => {
    const admin = await ctx.newUser({ role: 'admin', constituency: 'international' });
    const union = await ctx.newOrganization('workers');
    const email = `wang-${randomUUID().slice(0, 8)}@union.example`;
    await ctx.http.post('/api/invitations').set(admin.auth).send({ email, organizationId: union.id, role: 'member' }).expect(201);
    const invitation = await sink.first(email, /GreenTable/);
    const token = /http:\/\/greentable\.test\/invitations\/([A-Za-z0-9_-]+)/.exec(invitation.parsed.text ?? '')?.[1];
    expect(token).toBeTruthy();
    const name = `Wang Fang ${randomUUID().slice(0, 6)}`;
    const accepted = await ctx.http.post(`/api/invitations/${token}/accept`).send({ displayName: name, password: 'a-long-password' }).expect(201);
    const wang: TestUser = {
      ...(accepted.body.user as { id: string; email: string; displayName: string }),
      password: 'a-long-password',
      role: 'member',
      organizationId: union.id,
      constituency: 'workers',
      token: accepted.body.accessToken,
      auth: { Authorization: `Bearer ${accepted.body.accessToken}` },
    };
    expect((await ctx.http.get('/api/auth/me').set(wang.auth).expect(200)).body).toMatchObject({ email, displayName: name });

    const rt = await ctx.http
      .post('/api/roundtables')
      .set(facilitator.auth)
      .send({
        title: { en: 'Suzhou skills roundtable' },
        startsAt: '2031-06-02T09:00:00+08:00',
        endsAt: '2031-06-02T11:00:00+08:00',
        timeZone: 'Asia/Shanghai',
      })
      .expect(201);
    await ctx.http.post(`/api/roundtables/${rt.body.id}/participants`).set(facilitator.auth).send({ userId: wang.id }).expect(201);
    const calendarMail = await sink.first(email, /^Invitation: Suzhou skills roundtable/);
    const ics = calendarMail.parsed.attachments.find((a) => a.contentType.startsWith('text/calendar') || a.filename?.endsWith('.ics'));
    const calendar = new ICAL.Component(ICAL.parse(ics!.content.toString('utf8')));
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    for (const tz of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(event.startDate.toJSDate().toISOString()).toBe('2031-06-02T01:00:00.000Z');

    // The facilitator mentions Wang, who is not signed in anywhere; the mail reaches him and he answers it.
    const channelId = (await ctx.http.get(`/api/channels?kind=roundtable&refId=${rt.body.id}`).set(facilitator.auth).expect(200)).body.items[0].id;
    const { mail, message, socket } = await mention(facilitator, wang, channelId, 'can the union confirm the apprentices?');
    const live = next<{ message: { author: { id: string }; body: string; parentId: string | null } }>(
      socket,
      'message:new',
      (p) => p.message.author.id === wang.id,
      10_000,
    );
    await client.sendMail(replyMail(email, replyAddress(mail), mail, 'Confirmed: 40 apprentices from March.'));
    const pushed = await live;
    expect(pushed.message).toMatchObject({ body: 'Confirmed: 40 apprentices from March.', parentId: message.id });
    expect(await messagesBy(wang.id)).toEqual([
      { author_id: wang.id, body: 'Confirmed: 40 apprentices from March.', parent_id: message.id, channel_id: channelId },
    ]);
  });

  it('refuses a forged or unknown reply address with 550 and posts nothing', async () => {
    const alice = await ctx.newUser({ name: `Alice Forge ${randomUUID().slice(0, 6)}` });
    const li = await ctx.newUser({ name: `Li Forge ${randomUUID().slice(0, 6)}` });
    const { mail } = await mention(alice, li, lobbyId);
    const to = replyAddress(mail);
    const token = to.slice('reply+'.length, to.indexOf('@'));
    // One character of the signature changed, and the last character spelt differently with the same bits.
    const at = token.length - 5;
    const forged = `reply+${token.slice(0, at)}${token[at] === 'a' ? 'b' : 'a'}${token.slice(at + 1)}@reply.greentable.test`;
    const respelt = `reply+${token.slice(0, -1)}${'abcdefghijklmnopqrstuvwxyz234567'['abcdefghijklmnopqrstuvwxyz234567'.indexOf(token.slice(-1)) ^ 1]}@reply.greentable.test`;
    for (const address of [
      forged,
      respelt,
      `reply+${'a'.repeat(42)}@reply.greentable.test`,
      `someone@reply.greentable.test`,
      `reply+${token}@elsewhere.example`,
    ]) {
      await expect(client.sendMail(replyMail(li.email, address, mail, 'forged answer'))).rejects.toMatchObject({ responseCode: 550 });
    }
    expect(await messagesBy(li.id)).toHaveLength(0);
  });

  it('refuses a reply whose From is not the address the mail went to (550) and posts nothing', async () => {
    const alice = await ctx.newUser({ name: `Alice From ${randomUUID().slice(0, 6)}` });
    const zhou = await ctx.newUser({ name: `Zhou From ${randomUUID().slice(0, 6)}` });
    const { mail } = await mention(alice, zhou, lobbyId);
    const to = replyAddress(mail);
    await expect(client.sendMail(replyMail('intruder@elsewhere.example', to, mail, 'not really Zhou'))).rejects.toMatchObject({ responseCode: 550 });
    // Someone else who is a user too.
    await expect(client.sendMail(replyMail(alice.email, to, mail, 'Alice pretending'))).rejects.toMatchObject({ responseCode: 550 });
    expect(await messagesBy(zhou.id)).toHaveLength(0);
    expect(await ctx.count('messages', 'author_id = $1', [alice.id])).toBe(1);
    // The real one still can.
    await client.sendMail(replyMail(zhou.email.toUpperCase(), to, mail, 'Zhou here.'));
    expect((await messagesBy(zhou.id)).map((m) => m.body)).toEqual(['Zhou here.']);
  });

  it('a participant removed from the roundtable posts nothing and gets a short bounce saying why', async () => {
    const alice = await ctx.newUser({ name: `Alice Table ${randomUUID().slice(0, 6)}` });
    const chen = await ctx.newUser({ name: `Chen Removed ${randomUUID().slice(0, 6)}` });
    const rt = await ctx.http
      .post('/api/roundtables')
      .set(facilitator.auth)
      .send({ title: { en: 'Reply roundtable' }, startsAt: '2031-06-02T09:00:00+08:00', endsAt: '2031-06-02T10:00:00+08:00', timeZone: 'Asia/Shanghai' })
      .expect(201);
    for (const user of [alice, chen])
      await ctx.http.post(`/api/roundtables/${rt.body.id}/participants`).set(facilitator.auth).send({ userId: user.id }).expect(201);
    const channelId = (await ctx.http.get(`/api/channels?kind=roundtable&refId=${rt.body.id}`).set(chen.auth).expect(200)).body.items[0].id;
    const { mail } = await mention(alice, chen, channelId);
    const to = replyAddress(mail);
    expect(mail.parsed.text).toContain(`http://greentable.test/roundtables/${rt.body.id}`);

    await ctx.http.delete(`/api/roundtables/${rt.body.id}/participants/${chen.id}`).set(facilitator.auth).expect(204);
    const info = await client.sendMail(replyMail(chen.email, to, mail, 'I still have a view on this.'));
    expect(info.accepted).toEqual([to]);
    const bounce = await sink.first(chen.email, /^Not posted:/);
    expect(bounce.parsed.text).toContain('You may no longer post in this discussion.');
    expect(bounce.parsed.html).toContain('You may no longer post in this discussion.');
    expect(await messagesBy(chen.id)).toHaveLength(0);
    expect(await ctx.count('messages', 'channel_id = $1', [channelId])).toBe(1);
  });

  it('a deactivated person posts nothing and is told so, in their language', async () => {
    const alice = await ctx.newUser({ name: `Alice Gone ${randomUUID().slice(0, 6)}` });
    const sun = await ctx.newUser({ name: `Sun Gone ${randomUUID().slice(0, 6)}` });
    await ctx.db.query(`UPDATE users SET locale = 'zh-CN' WHERE id = $1`, [sun.id]);
    const { mail } = await mention(alice, sun, lobbyId);
    const to = replyAddress(mail);
    await ctx.db.query(`UPDATE users SET active = false WHERE id = $1`, [sun.id]);
    await client.sendMail(replyMail(sun.email, to, mail, '我同意。'));
    const bounce = await sink.first(sun.email, /^未发布：/);
    expect(bounce.parsed.text).toContain('您的 GreenTable 账户已停用。');
    expect(await messagesBy(sun.id)).toHaveLength(0);
  });

  it('a reply with nothing above the quote posts nothing and says how to answer', async () => {
    const alice = await ctx.newUser({ name: `Alice Empty ${randomUUID().slice(0, 6)}` });
    const he = await ctx.newUser({ name: `He Empty ${randomUUID().slice(0, 6)}` });
    const { mail } = await mention(alice, he, lobbyId);
    await client.sendMail(replyMail(he.email, replyAddress(mail), mail, ''));
    const bounce = await sink.first(he.email, /^Not posted:/);
    expect(bounce.parsed.text).toContain('write your answer above the quoted text');
    expect(await messagesBy(he.id)).toHaveLength(0);
  });

  it('a digest of one discussion takes a reply into it; a digest of several answers with a bounce saying where to answer', async () => {
    const alice = await ctx.newUser({ name: `Alice Digest ${randomUUID().slice(0, 6)}` });
    const dai = await ctx.newUser({ name: `Dai One ${randomUUID().slice(0, 6)}` });
    const ma = await ctx.newUser({ name: `Ma Several ${randomUUID().slice(0, 6)}` });
    const rt = await ctx.http
      .post('/api/roundtables')
      .set(facilitator.auth)
      .send({ title: { en: 'Digest replies' }, startsAt: '2031-07-02T09:00:00+08:00', endsAt: '2031-07-02T10:00:00+08:00', timeZone: 'Asia/Shanghai' })
      .expect(201);
    for (const user of [alice, ma])
      await ctx.http.post(`/api/roundtables/${rt.body.id}/participants`).set(facilitator.auth).send({ userId: user.id }).expect(201);
    const roundtableChannel = (await ctx.http.get(`/api/channels?kind=roundtable&refId=${rt.body.id}`).set(ma.auth).expect(200)).body.items[0].id;
    // Dai has opened the lobby only; Ma the lobby and the roundtable's discussion.
    await ctx.db.query(`INSERT INTO channel_reads (user_id, channel_id, last_read_seq) VALUES ($1, $2, 0), ($3, $2, 0), ($3, $4, 0)`, [
      dai.id,
      lobbyId,
      ma.id,
      roundtableChannel,
    ]);
    const socket = await open(alice, lobbyId);
    ok(await ack(socket, 'message:send', { channelId: lobbyId, clientMessageId: randomUUID(), body: 'a point for the lobby' }));
    ok(await ack(socket, 'message:send', { channelId: roundtableChannel, clientMessageId: randomUUID(), body: 'a point for the roundtable' }));

    const digest = ctx.app.get(DigestService);
    const [daiProfile, maProfile] = await ctx.app.get(UsersService).mailProfiles([dai.id, ma.id]);
    for (const profile of [daiProfile, maProfile]) expect(await digest.digestFor(profile)).toBe(1);

    const one = await sink.first(dai.email, /What you missed/);
    expect(one.parsed.text).toContain('Reply to this mail to answer in the discussion.');
    await client.sendMail(replyMail(dai.email, replyAddress(one), one, 'Noted, thank you.'));
    expect(await messagesBy(dai.id)).toEqual([{ author_id: dai.id, body: 'Noted, thank you.', parent_id: null, channel_id: lobbyId }]);

    const several = await sink.first(ma.email, /What you missed/);
    expect(several.parsed.text).not.toContain('Reply to this mail');
    await client.sendMail(replyMail(ma.email, replyAddress(several), several, 'Which one?'));
    const bounce = await sink.first(ma.email, /^Not posted:/);
    expect(bounce.parsed.text).toContain('This digest covers several discussions');
    expect(await messagesBy(ma.id)).toHaveLength(0);
  });
});
