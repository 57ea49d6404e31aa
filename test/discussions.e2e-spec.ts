import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { ChannelView, MessageView } from '../src/realtime/dto/views';
import { TestContext, TestUser } from './support/context';
import { ack, cid, type ClientSocket, connect, next, ok, record, sleep } from './support/sockets';

type Joined = { channel: ChannelView; lastSeq: number };
type Sent = { message: MessageView };

/** The discussions of real roundtables, working groups and commitments: rights follow the thing they belong to. */
describe('discussions on roundtables, working groups and commitments', () => {
  let ctx: TestContext;
  let url: string;
  let facilitator: TestUser;
  let union: TestUser;
  let employer: TestUser;
  let outsider: TestUser;
  let observer: TestUser;
  const sockets: ClientSocket[] = [];

  const open = async (user: TestUser) => {
    const socket = await connect(url, user.token);
    sockets.push(socket);
    return socket;
  };
  const channelOf = async (user: TestUser, kind: string, refId: string): Promise<string | undefined> =>
    (await ctx.http.get(`/api/channels?kind=${kind}&refId=${refId}`).set(user.auth).expect(200)).body.items[0]?.id;
  const send = (socket: ClientSocket, channelId: string, body: string) => ack<Sent>(socket, 'message:send', { channelId, clientMessageId: cid(), body });

  beforeAll(async () => {
    ctx = await TestContext.create();
    await ctx.app.listen(0);
    url = `http://127.0.0.1:${(ctx.app.getHttpServer().address() as AddressInfo).port}`;
    facilitator = await ctx.newUser({ role: 'facilitator', constituency: 'international' });
    union = await ctx.newUser({ role: 'member', constituency: 'workers' });
    employer = await ctx.newUser({ role: 'member', constituency: 'employers' });
    outsider = await ctx.newUser({ role: 'member', constituency: 'government' });
    observer = await ctx.newUser({ role: 'observer', constituency: 'international' });
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });
  afterAll(() => ctx.close());

  describe('a participants-only roundtable', () => {
    let roundtableId: string;
    let channelId: string;

    beforeAll(async () => {
      const res = await ctx.http
        .post('/api/roundtables')
        .set(facilitator.auth)
        .send({
          title: { en: 'Suzhou social dialogue roundtable' },
          startsAt: '2030-12-02T01:00:00Z',
          endsAt: '2030-12-02T09:00:00Z',
          visibility: 'participants',
        })
        .expect(201);
      roundtableId = res.body.id;
      for (const user of [union, employer]) {
        await ctx.http.post(`/api/roundtables/${roundtableId}/participants`).set(facilitator.auth).send({ userId: user.id, role: 'participant' }).expect(201);
      }
      await ctx.http.post(`/api/roundtables/${roundtableId}/participants`).set(facilitator.auth).send({ userId: observer.id, role: 'observer' }).expect(201);
      expect(await ctx.count('channels', "kind = 'roundtable' AND ref_id = $1", [roundtableId])).toBe(1);
      channelId = (await channelOf(union, 'roundtable', roundtableId))!;
    });

    it('participants talk to each other; the message is in the database before the ack', async () => {
      const [a, b] = [await open(union), await open(employer)];
      ok(await ack<Joined>(a, 'channel:join', { channelId }));
      ok(await ack<Joined>(b, 'channel:join', { channelId }));
      const received = next<{ message: MessageView }>(b, 'message:new');
      const sent = ok(await send(a, channelId, '工会支持绿色技能培训，但需要工资保障。')).message;
      expect(await ctx.count('messages', 'id = $1', [sent.id])).toBe(1);
      expect((await received).message).toMatchObject({ id: sent.id, seq: sent.seq, author: { id: union.id } });
    });

    it('a non-participant cannot find, join or read it; a roundtable observer reads but cannot post', async () => {
      expect(await channelOf(outsider, 'roundtable', roundtableId)).toBeUndefined();
      const s = await open(outsider);
      expect(await ack(s, 'channel:join', { channelId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      await ctx.http.get(`/api/channels/${channelId}/messages`).set(outsider.auth).expect(404);
      const o = await open(observer);
      ok(await ack(o, 'channel:join', { channelId }));
      expect(await send(o, channelId, 'May I?')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    });

    it('hears roundtable changes live', async () => {
      const s = await open(employer);
      ok(await ack(s, 'channel:join', { channelId }));
      const changed = next<{ id: string; action: string }>(s, 'roundtable:changed');
      await ctx.http.post(`/api/roundtables/${roundtableId}/status`).set(facilitator.auth).send({ status: 'open' }).expect(200);
      expect(await changed).toEqual({ id: roundtableId, action: 'roundtable.status_changed' });
    });

    it('someone removed from the roundtable leaves its room at once and can no longer post', async () => {
      const [a, b] = [await open(union), await open(employer)];
      ok(await ack(a, 'channel:join', { channelId }));
      ok(await ack(b, 'channel:join', { channelId }));
      const evicted = next<{ channelId: string }>(b, 'channel:evicted');
      await ctx.http.delete(`/api/roundtables/${roundtableId}/participants/${employer.id}`).set(facilitator.auth).expect(204);
      expect(await evicted).toEqual({ channelId });
      const heard = record<{ message: MessageView }>(b, 'message:new');
      ok(await send(a, channelId, 'After the employer left'));
      expect(await send(b, channelId, 'Still here?')).toMatchObject({ ok: false, error: { code: 'not_found' } });
      await sleep(200);
      expect(heard).toHaveLength(0);
    });
  });

  describe('a working group', () => {
    it('members post; a removed member is evicted and may only read', async () => {
      const res = await ctx.http
        .post('/api/working-groups')
        .set(facilitator.auth)
        .send({ name: { en: 'Green jobs working group' }, mandate: { en: 'Follow the roadmap' }, chairId: union.id })
        .expect(201);
      const groupId = res.body.id;
      await ctx.http.post(`/api/working-groups/${groupId}/members`).set(facilitator.auth).send({ userId: employer.id }).expect(201);
      const channelId = (await channelOf(employer, 'working_group', groupId))!;
      const e = await open(employer);
      ok(await ack(e, 'channel:join', { channelId }));
      ok(await send(e, channelId, 'Employers agree to the timetable'));
      const evicted = next(e, 'channel:evicted');
      await ctx.http.delete(`/api/working-groups/${groupId}/members/${employer.id}`).set(facilitator.auth).expect(204);
      await evicted;
      ok(await ack(e, 'channel:join', { channelId })); // working groups are readable by everyone signed in
      expect(await send(e, channelId, 'One more thing')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    });
  });

  describe('a commitment', () => {
    it('everyone discusses it but observers; its followers see status and consensus change live', async () => {
      const roadmap = await ctx.http
        .post('/api/roadmaps')
        .set(facilitator.auth)
        .send({ title: { en: 'Roadmap' }, periodStart: 2020, periodEnd: 2025, ownerOrganizationId: outsider.organizationId })
        .expect(201);
      const item = await ctx.http
        .post('/api/action-items')
        .set(facilitator.auth)
        .send({
          roadmapId: roadmap.body.id,
          title: { en: 'Grievance mechanisms in every park' },
          leadOrganizationId: union.organizationId,
          policyArea: 'rights',
        })
        .expect(201);
      const channelId = (await channelOf(observer, 'action_item', item.body.id))!;
      const [f, o] = [await open(facilitator), await open(observer)];
      ok(await ack(f, 'channel:join', { channelId }));
      ok(await ack(o, 'channel:join', { channelId }));
      expect(await send(o, channelId, 'Observer here')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      const changed = next<{ id: string; actionItem: { consensus: string; positions: unknown[] } }>(f, 'action_item:changed');
      await ctx.http.post(`/api/action-items/${item.body.id}/positions`).set(union.auth).send({ stance: 'support_with_reservations' }).expect(200);
      expect(await changed).toMatchObject({
        id: item.body.id,
        actionItem: { consensus: 'partial', positions: [expect.objectContaining({ stance: 'support_with_reservations' })] },
        by: union.id,
      });
      // Wait for the status change itself (the position's own event may still be on its way to this socket).
      const moved = next<{ actionItem: { status: string }; by: string }>(o, 'action_item:changed', (e) => e.actionItem.status !== 'proposed');
      await ctx.http.post(`/api/action-items/${item.body.id}/status`).set(union.auth).send({ status: 'dropped' }).expect(400);
      await ctx.http.post(`/api/action-items/${item.body.id}/status`).set(facilitator.auth).send({ status: 'agreed' }).expect(200);
      expect(await moved).toMatchObject({ actionItem: { status: 'agreed' }, by: facilitator.id });
    });

    it("a roadmap's board follows all its commitments live through roadmap:watch", async () => {
      const roadmap = await ctx.http
        .post('/api/roadmaps')
        .set(facilitator.auth)
        .send({ title: { en: 'Board' }, periodStart: 2020, periodEnd: 2025, ownerOrganizationId: outsider.organizationId })
        .expect(201);
      const newItem = async (title: string) =>
        (
          await ctx.http
            .post('/api/action-items')
            .set(facilitator.auth)
            .send({ roadmapId: roadmap.body.id, title: { en: title }, leadOrganizationId: union.organizationId, policyArea: 'rights' })
            .expect(201)
        ).body.id as string;
      const [first, second] = [await newItem('Skills councils'), await newItem('Safety committees')];
      const o = await open(observer);
      expect(await ack(o, 'roadmap:watch', { roadmapId: randomUUID() })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await ack(o, 'roadmap:watch', { roadmapId: 'board' })).toMatchObject({
        ok: false,
        error: { code: 'validation', message: expect.stringContaining('roadmapId') },
      });
      ok(await ack(o, 'roadmap:watch', { roadmapId: roadmap.body.id }));

      const changes: { id: string; actionItem: { status: string; consensus: string } }[] = [];
      o.on('action_item:changed', (e: (typeof changes)[number]) => changes.push(e));
      const secondMoved = next(o, 'action_item:changed', (e: { id: string }) => e.id === second);
      await ctx.http.post(`/api/action-items/${first}/positions`).set(union.auth).send({ stance: 'support' }).expect(200);
      await ctx.http.post(`/api/action-items/${second}/status`).set(facilitator.auth).send({ status: 'agreed' }).expect(200);
      await secondMoved;
      expect(changes.map((c) => c.id)).toEqual([first, second]);
      expect(changes[1].actionItem.status).toBe('agreed');

      ok(await ack(o, 'roadmap:unwatch', { roadmapId: roadmap.body.id }));
      const control = await open(facilitator);
      ok(await ack(control, 'roadmap:watch', { roadmapId: roadmap.body.id }));
      const reached = next(control, 'action_item:changed');
      await ctx.http.post(`/api/action-items/${first}/status`).set(facilitator.auth).send({ status: 'agreed' }).expect(200);
      await reached;
      expect(changes).toHaveLength(2);
    });
  });
});
