import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MessageAttachmentView, MessageView } from '../src/realtime/dto/views';
import { TestContext, TestUser } from './support/context';
import { binary, pdf, png, sha256 } from './support/files';
import { ack, cid, type ClientSocket, connect, next, ok } from './support/sockets';

const DAY = 86_400_000;
const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

type Sent = { message: MessageView };

describe('files attached to messages', () => {
  let ctx: TestContext;
  let dataDir: string;
  let url: string;
  let facilitator: TestUser;
  let unionist: TestUser;
  let outsider: TestUser;
  let channelId: string;
  let otherChannelId: string;
  const sockets: ClientSocket[] = [];

  const open = async (user: TestUser) => {
    const socket = await connect(url, user.token);
    sockets.push(socket);
    return socket;
  };
  const upload = async (by: TestUser, bytes: Buffer, filename: string, target = channelId): Promise<string> =>
    (
      await ctx.http
        .post(`/api/documents?targetType=channel&targetId=${target}`)
        .set(by.auth)
        .attach('file', bytes, { filename, contentType: 'application/octet-stream' })
        .expect(201)
    ).body.id;
  const send = (socket: ClientSocket, payload: Record<string, unknown>) =>
    ack<Sent>(socket, 'message:send', { channelId, clientMessageId: cid(), body: 'see attached', ...payload });
  const download = (by: TestUser, path: string) => ctx.http.get(path).set(by.auth).buffer(true).parse(binary);

  const privateRoundtable = async (title: string) => {
    const rt = await ctx.http
      .post('/api/roundtables')
      .set(facilitator.auth)
      .send({ title: { en: title }, startsAt: at(5 * DAY), endsAt: at(5 * DAY + 3_600_000), visibility: 'participants' })
      .expect(201);
    await ctx.http.post(`/api/roundtables/${rt.body.id}/participants`).set(facilitator.auth).send({ userId: unionist.id, role: 'participant' }).expect(201);
    const channels = (await ctx.http.get(`/api/channels?kind=roundtable&refId=${rt.body.id}`).set(facilitator.auth).expect(200)).body.items;
    return channels[0].id as string;
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'greentable-attachments-'));
    ctx = await TestContext.create({ dataDir });
    await ctx.app.listen(0);
    url = `http://127.0.0.1:${(ctx.app.getHttpServer().address() as AddressInfo).port}`;
    facilitator = await ctx.newUser({ role: 'facilitator', constituency: 'international' });
    unionist = await ctx.newUser({ role: 'member', constituency: 'workers' });
    outsider = await ctx.newUser({ role: 'member', constituency: 'employers' });
    channelId = await privateRoundtable('Attachments');
    otherChannelId = await privateRoundtable('Elsewhere');
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await ctx.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('sends a message with files: the room receives them in message:new, history carries them, downloads are byte-identical', async () => {
    const paper = pdf(40_000);
    const photo = png(3000);
    const paperId = await upload(facilitator, paper, 'Background paper 背景.pdf');
    const photoId = await upload(facilitator, photo, 'site.png');
    const author = await open(facilitator);
    const reader = await open(unionist);
    ok(await ack(author, 'channel:join', { channelId }));
    ok(await ack(reader, 'channel:join', { channelId }));

    const received = next<{ message: MessageView }>(reader, 'message:new', (e) => e.message.channelId === channelId);
    const sent = ok(await send(author, { attachmentIds: [photoId, paperId] }));
    const expected: MessageAttachmentView[] = [
      { id: photoId, name: 'site.png', contentType: 'image/png', size: photo.length, sha256: sha256(photo), url: `/api/documents/${photoId}/download` },
      {
        id: paperId,
        name: 'Background paper 背景.pdf',
        contentType: 'application/pdf',
        size: paper.length,
        sha256: sha256(paper),
        url: `/api/documents/${paperId}/download`,
      },
    ];
    expect(sent.message.attachments).toEqual(expected);
    const pushed = (await received).message;
    expect(pushed.id).toBe(sent.message.id);
    expect(pushed.attachments).toEqual(expected);

    const history = await ctx.http.get(`/api/channels/${channelId}/messages`).set(unionist.auth).expect(200);
    const inHistory = history.body.items.find((m: MessageView) => m.id === sent.message.id);
    expect(inHistory.attachments.map((a: MessageAttachmentView) => a.id).sort()).toEqual([paperId, photoId].sort());
    const synced = ok(await ack<{ messages: MessageView[] }>(reader, 'channel:sync', { channelId, afterSeq: sent.message.seq - 1 }));
    expect(synced.messages[0].attachments).toHaveLength(2);

    const got = await download(unionist, pushed.attachments[1].url).expect(200);
    expect(sha256(got.body)).toBe(sha256(paper));
    expect(got.body.equals(paper)).toBe(true);
    expect(got.headers['content-disposition']).toMatch(/^attachment;/);
    const preview = await download(unionist, `${pushed.attachments[0].url}?disposition=inline`).expect(200);
    expect(preview.headers['content-disposition']).toMatch(/^inline;/);
    expect(preview.body.equals(photo)).toBe(true);

    const [row] = await ctx.db.query(`SELECT count(*)::int AS n FROM documents WHERE message_id = $1`, [sent.message.id]);
    expect(row.n).toBe(2);
  });

  it('hides the files from someone who may not read the channel (404)', async () => {
    const id = await upload(facilitator, pdf(40_000), 'private.pdf');
    const author = await open(facilitator);
    const sent = ok(await send(author, { attachmentIds: [id] }));
    await download(outsider, sent.message.attachments[0].url).expect(404);
    await ctx.http.get(`/api/documents/${id}`).set(outsider.auth).expect(404);
    await download(unionist, sent.message.attachments[0].url).expect(200);
  });

  it("refuses someone else's upload, another channel's, one already sent and a bad list, writing nothing", async () => {
    const theirs = await upload(unionist, pdf(40_000), 'theirs.pdf');
    const elsewhere = await upload(facilitator, pdf(40_000), 'elsewhere.pdf', otherChannelId);
    const mine = await upload(facilitator, pdf(40_000), 'mine.pdf');
    const author = await open(facilitator);
    const before = await ctx.count('messages', 'channel_id = $1', [channelId]);
    const [{ last_seq: seqBefore }] = await ctx.db.query(`SELECT last_seq FROM channels WHERE id = $1`, [channelId]);

    const refusals: unknown[] = [
      [mine, theirs],
      [elsewhere],
      ['00000000-0000-4000-8000-000000000000'],
      ['not-a-uuid'],
      [mine, mine],
      Array.from({ length: 11 }, () => mine),
      'mine',
      null,
    ];
    for (const attachmentIds of refusals) {
      const answer = await send(author, { attachmentIds });
      expect(answer.ok).toBe(false);
      if (answer.ok) continue;
      expect(answer.error.code).toBe('validation');
      expect(answer.error.message).toContain('attachmentIds');
    }
    expect(await ctx.count('messages', 'channel_id = $1', [channelId])).toBe(before);
    const [{ last_seq: seqAfter }] = await ctx.db.query(`SELECT last_seq FROM channels WHERE id = $1`, [channelId]);
    expect(seqAfter).toBe(seqBefore);
    expect(await ctx.count('documents', 'id = ANY($1) AND message_id IS NOT NULL', [[mine, theirs, elsewhere]])).toBe(0);

    // Mine alone goes; a second message cannot carry it again.
    ok(await send(author, { attachmentIds: [mine] }));
    const again = await send(author, { attachmentIds: [mine] });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.message).toContain('attachmentIds');
  });

  it('answers a resend with the first message and its files', async () => {
    const id = await upload(facilitator, pdf(40_000), 'resent.pdf');
    const author = await open(facilitator);
    const clientMessageId = cid();
    const first = ok(await send(author, { clientMessageId, attachmentIds: [id] }));
    const second = ok(await send(author, { clientMessageId, attachmentIds: [id] }));
    expect(second.message.id).toBe(first.message.id);
    expect(second.message.attachments.map((a) => a.id)).toEqual([id]);
  });

  it('sends a message without files as before, with an empty list', async () => {
    const author = await open(facilitator);
    const sent = ok(await ack<Sent>(author, 'message:send', { channelId, clientMessageId: cid(), body: 'plain' }));
    expect(sent.message.attachments).toEqual([]);
  });
});
