import type { AddressInfo } from 'node:net';
import { TestContext, type TestUser } from './support/context';
import { ack, type ClientSocket, connect, next, ok } from './support/sockets';

type Turn = { id: string; speaker: { id: string }; constituency: string; status: string; agendaItemId: string | null; limitSeconds: number | null };
type Queue = { order: string; speaking: Turn | null; waiting: Turn[]; spoken: Turn[]; speakingTime: { constituency: string; seconds: number }[] };

describe('speaker queue: hands, the floor, alternating constituencies and the speaker’s timer, live', () => {
  let ctx: TestContext;
  let url: string;
  let facilitator: TestUser;
  let gov1: TestUser;
  let gov2: TestUser;
  let gov3: TestUser;
  let employer: TestUser;
  let union: TestUser;
  let observer: TestUser;
  let roundtableId: string;
  let channelId: string;
  let agendaItemId: string;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    ctx = await TestContext.create();
    await ctx.app.listen(0);
    url = `http://127.0.0.1:${(ctx.app.getHttpServer().address() as AddressInfo).port}`;
    facilitator = await ctx.newUser({ role: 'facilitator', constituency: 'international' });
    gov1 = await ctx.newUser({ constituency: 'government' });
    gov2 = await ctx.newUser({ constituency: 'government' });
    gov3 = await ctx.newUser({ constituency: 'government' });
    employer = await ctx.newUser({ constituency: 'employers' });
    union = await ctx.newUser({ constituency: 'workers', name: 'Union Rep Wang' });
    observer = await ctx.newUser({ constituency: 'academia' });
    roundtableId = (
      await ctx.http
        .post('/api/roundtables')
        .set(facilitator.auth)
        .send({ title: { en: 'Plenary' }, startsAt: '2031-03-10T09:00:00+08:00', endsAt: '2031-03-10T17:00:00+08:00', visibility: 'platform' })
        .expect(201)
    ).body.id;
    for (const user of [gov1, gov2, gov3, employer, union]) {
      await ctx.http.post(`/api/roundtables/${roundtableId}/participants`).set(facilitator.auth).send({ userId: user.id }).expect(201);
    }
    await ctx.http.post(`/api/roundtables/${roundtableId}/participants`).set(facilitator.auth).send({ userId: observer.id, role: 'observer' }).expect(201);
    agendaItemId = (
      await ctx.http
        .post(`/api/roundtables/${roundtableId}/agenda-items`)
        .set(facilitator.auth)
        .send({ title: { en: 'Skills fund' } })
        .expect(201)
    ).body.id;
    channelId = (await ctx.http.get(`/api/channels?kind=roundtable&refId=${roundtableId}`).set(facilitator.auth).expect(200)).body.items[0].id;
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await ctx.close();
  });

  const raise = (user: TestUser) => ctx.http.post(`/api/roundtables/${roundtableId}/queue/hand`).set(user.auth);

  it('refuses hands before the roundtable opens and from observers', async () => {
    await raise(gov1).expect(409);
    await ctx.http.post(`/api/roundtables/${roundtableId}/status`).set(facilitator.auth).send({ status: 'open' }).expect(200);
    await raise(observer).expect(403);
    await ctx.http.post(`/api/roundtables/${roundtableId}/queue/floor`).set(gov1.auth).send({}).expect(403);
    expect(await ctx.count('speaker_turns', 'roundtable_id = $1', [roundtableId])).toBe(0);
  });

  it('alternates constituencies, tells the room live, keeps who spoke on which item and for how long; the timer tells when time is up', async () => {
    const watcher = await connect(url, facilitator.token);
    sockets.push(watcher);
    ok(await ack(watcher, 'channel:join', { channelId }));

    const firstChange = next<{ queue: Queue }>(watcher, 'queue:changed');
    await raise(gov1).expect(201);
    expect((await firstChange).queue.waiting.map((t) => t.speaker.id)).toEqual([gov1.id]);
    await raise(gov2).expect(201);
    await raise(gov3).expect(201);
    await raise(employer).expect(201);
    const last = next<{ queue: Queue }>(watcher, 'queue:changed');
    const queue = (await raise(union).expect(201)).body as Queue;
    expect((await last).queue.waiting).toHaveLength(5);
    await raise(union).expect(409);
    // Three government hands went up first; the employers and the workers are not crowded out.
    expect(queue.waiting.map((t) => t.speaker.id)).toEqual([gov1.id, employer.id, union.id, gov2.id, gov3.id]);
    const fifo = (await ctx.http.get(`/api/roundtables/${roundtableId}/queue?order=fifo`).set(union.auth).expect(200)).body as Queue;
    expect(fifo.waiting.map((t) => t.speaker.id)).toEqual([gov1.id, gov2.id, gov3.id, employer.id, union.id]);
    // Lowering a hand takes it out.
    await ctx.http.delete(`/api/roundtables/${roundtableId}/queue/hand`).set(gov3.auth).expect(200);

    const floor = (body: object) => ctx.http.post(`/api/roundtables/${roundtableId}/queue/floor`).set(facilitator.auth).send(body);
    let now = (await floor({ agendaItemId }).expect(200)).body as Queue;
    expect(now.speaking).toMatchObject({ speaker: { id: gov1.id }, status: 'speaking', agendaItemId });
    // The union representative is given the floor by name, with 5 seconds; the timer tells the room when it is up.
    const timeUp = next<{ turnId: string; speaker: { id: string }; limitSeconds: number }>(watcher, 'queue:time_up', () => true, 9_000);
    now = (await floor({ userId: union.id, limitSeconds: 5, agendaItemId }).expect(200)).body as Queue;
    expect(now.speaking).toMatchObject({ speaker: { id: union.id, displayName: 'Union Rep Wang' }, limitSeconds: 5 });
    expect(now.spoken.map((t) => t.speaker.id)).toEqual([gov1.id]);
    expect(await timeUp).toMatchObject({ turnId: now.speaking!.id, speaker: { id: union.id }, limitSeconds: 5 });
    // The speaker yields; the next in order follows the workers: the employers, then government.
    await ctx.http.post(`/api/roundtables/${roundtableId}/queue/done`).set(union.auth).expect(200);
    now = (await floor({}).expect(200)).body as Queue;
    expect(now.speaking?.speaker.id).toBe(employer.id);
    expect(now.waiting.map((t) => t.speaker.id)).toEqual([gov2.id]);
    await ctx.http.post(`/api/roundtables/${roundtableId}/queue/done`).set(gov2.auth).expect(403);
    await ctx.http.post(`/api/roundtables/${roundtableId}/queue/done`).set(facilitator.auth).expect(200);

    const record = (await ctx.http.get(`/api/roundtables/${roundtableId}/queue`).set(gov2.auth).expect(200)).body as Queue;
    expect(record.spoken.map((t) => [t.speaker.id, t.agendaItemId])).toEqual([
      [gov1.id, agendaItemId],
      [union.id, agendaItemId],
      [employer.id, null],
    ]);
    const workersTime = record.speakingTime.find((s) => s.constituency === 'workers')!.seconds;
    expect(workersTime).toBeGreaterThanOrEqual(5);
    const rows = await ctx.db.query(
      `SELECT status, started_at IS NOT NULL AS started, ended_at IS NOT NULL AS ended FROM speaker_turns WHERE roundtable_id = $1 AND user_id = $2`,
      [roundtableId, union.id],
    );
    expect(rows).toEqual([{ status: 'done', started: true, ended: true }]);
    const history = (await ctx.http.get(`/api/roundtables/${roundtableId}/history`).set(facilitator.auth).expect(200)).body.items;
    expect(history.filter((h: { action: string }) => h.action === 'roundtable.turn_ended')).toHaveLength(3);
  });

  it('bad input names the field and changes nothing', async () => {
    const res = await ctx.http.post(`/api/roundtables/${roundtableId}/queue/floor`).set(facilitator.auth).send({ limitSeconds: 2 }).expect(400);
    expect(res.body.details).toEqual([{ field: 'limitSeconds', message: 'limitSeconds must be at least 5' }]);
    await ctx.http.post(`/api/roundtables/${roundtableId}/queue/floor`).set(facilitator.auth).send({ userId: observer.id }).expect(400);
    await ctx.http.get(`/api/roundtables/${roundtableId}/queue?order=loudest`).set(facilitator.auth).expect(400);
    expect((await ctx.http.get(`/api/roundtables/${roundtableId}/queue`).set(facilitator.auth).expect(200)).body.speaking).toBeNull();
  });

  it('a hand raised from a phone over the socket (queue:hand) goes through the same rules and reaches the room; queue:lower takes it down', async () => {
    const [phone, observerPhone, outsiderPhone, watcher] = await Promise.all([
      connect(url, union.token),
      connect(url, observer.token),
      connect(url, (await ctx.newUser({ constituency: 'workers' })).token),
      connect(url, employer.token),
    ]);
    sockets.push(phone, observerPhone, outsiderPhone, watcher);
    ok(await ack(watcher, 'channel:join', { channelId }));
    const before = await ctx.count('speaker_turns', 'roundtable_id = $1', [roundtableId]);

    const changed = next<{ queue: Queue }>(watcher, 'queue:changed', (e) => e.queue.waiting.some((t) => t.speaker.id === union.id));
    const raised = ok(await ack<{ queue: Queue }>(phone, 'queue:hand', { roundtableId }));
    // (The government delegate's hand from before is still up, and goes first.)
    expect(raised.queue.waiting.map((t) => t.speaker.id)).toEqual([gov2.id, union.id]);
    expect(raised.queue.waiting[1]).toMatchObject({ constituency: 'workers', status: 'waiting' });
    expect((await changed).queue.waiting.map((t) => t.speaker.id)).toEqual([gov2.id, union.id]);
    // The same rules as POST …/queue/hand: a hand already up, an observer, someone not taking part, a bad id.
    expect(await ack(phone, 'queue:hand', { roundtableId })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await ack(observerPhone, 'queue:hand', { roundtableId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await ack(outsiderPhone, 'queue:hand', { roundtableId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await ack(phone, 'queue:hand', { roundtableId: 'front-row' })).toMatchObject({
      ok: false,
      error: { code: 'validation', details: [{ field: 'roundtableId', message: 'roundtableId must be a UUID' }] },
    });
    expect(await ack(phone, 'queue:hand', { roundtableId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await ctx.count('speaker_turns', 'roundtable_id = $1', [roundtableId])).toBe(before + 1);

    // The facilitator gives the floor to the hand raised from the phone.
    const given = (await ctx.http.post(`/api/roundtables/${roundtableId}/queue/floor`).set(facilitator.auth).send({ userId: union.id }).expect(200))
      .body as Queue;
    expect(given.speaking?.speaker.id).toBe(union.id);
    await ctx.http.post(`/api/roundtables/${roundtableId}/queue/done`).set(union.auth).expect(200);

    // Raised again, then lowered from the phone: the room hears it gone.
    ok(await ack(phone, 'queue:hand', { roundtableId }));
    const lowered = next<{ queue: Queue }>(watcher, 'queue:changed', (e) => !e.queue.waiting.some((t) => t.speaker.id === union.id));
    expect(ok(await ack<{ queue: Queue }>(phone, 'queue:lower', { roundtableId })).queue.waiting.map((t) => t.speaker.id)).toEqual([gov2.id]);
    await lowered;
    expect(await ack(phone, 'queue:lower', { roundtableId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const [row] = await ctx.db.query(`SELECT status FROM speaker_turns WHERE roundtable_id = $1 AND user_id = $2 ORDER BY raised_at DESC LIMIT 1`, [
      roundtableId,
      union.id,
    ]);
    expect(row.status).toBe('withdrawn');
  });

  it('the facilitator switches the queue to the order hands went up and back: kept, and told live to everyone in the room', async () => {
    const watcher = await connect(url, gov1.token);
    sockets.push(watcher);
    ok(await ack(watcher, 'channel:join', { channelId }));
    // gov2's hand is still up; a second government hand, then the employers'.
    await raise(gov3).expect(201);
    await raise(employer).expect(201);
    const setOrder = (user: TestUser, order: unknown) => ctx.http.put(`/api/roundtables/${roundtableId}/queue/order`).set(user.auth).send({ order });
    expect(((await ctx.http.get(`/api/roundtables/${roundtableId}/queue`).set(gov1.auth).expect(200)).body as Queue).order).toBe('alternate');

    // Only its facilitators choose; a bad order names the field; neither changes anything.
    await setOrder(gov1, 'fifo').expect(403);
    expect((await setOrder(facilitator, 'loudest').expect(400)).body.details).toEqual([{ field: 'order', message: 'order must be one of alternate, fifo' }]);
    expect(await ctx.count('speaker_queue_settings', 'roundtable_id = $1', [roundtableId])).toBe(0);

    const told = next<{ queue: Queue }>(watcher, 'queue:changed', (e) => e.queue.order === 'fifo');
    const fifo = (await setOrder(facilitator, 'fifo').expect(200)).body as Queue;
    expect(fifo.order).toBe('fifo');
    expect(fifo.waiting.map((t) => t.speaker.id)).toEqual([gov2.id, gov3.id, employer.id]);
    expect((await told).queue.waiting.map((t) => t.speaker.id)).toEqual([gov2.id, gov3.id, employer.id]);
    // Everyone reading the queue now gets it in that order, and "next" follows it.
    expect(((await ctx.http.get(`/api/roundtables/${roundtableId}/queue`).set(union.auth).expect(200)).body as Queue).order).toBe('fifo');
    const [kept] = await ctx.db.query(`SELECT queue_order, updated_by_id FROM speaker_queue_settings WHERE roundtable_id = $1`, [roundtableId]);
    expect(kept).toEqual({ queue_order: 'fifo', updated_by_id: facilitator.id });
    let now = (await ctx.http.post(`/api/roundtables/${roundtableId}/queue/floor`).set(facilitator.auth).send({}).expect(200)).body as Queue;
    expect(now.speaking?.speaker.id).toBe(gov2.id);
    expect(now.waiting.map((t) => t.speaker.id)).toEqual([gov3.id, employer.id]);

    // Back to alternating: the government has just spoken, so the employers come first.
    const back = next<{ queue: Queue }>(watcher, 'queue:changed', (e) => e.queue.order === 'alternate');
    now = (await setOrder(facilitator, 'alternate').expect(200)).body as Queue;
    expect(now.waiting.map((t) => t.speaker.id)).toEqual([employer.id, gov3.id]);
    expect((await back).queue.waiting.map((t) => t.speaker.id)).toEqual([employer.id, gov3.id]);
    const history = (await ctx.http.get(`/api/roundtables/${roundtableId}/history`).set(facilitator.auth).expect(200)).body.items;
    expect(history.filter((h: { action: string }) => h.action === 'roundtable.queue_order_set')).toHaveLength(2);
  });
});
