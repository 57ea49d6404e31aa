import { randomUUID } from 'node:crypto';
import type { AuthUser } from '../src/auth/auth-user';
import { ChannelAccessRegistry } from '../src/realtime/channel-access.registry';
import { RoundtablesService } from '../src/roundtables/roundtables.service';
import { TestContext, TestUser } from './support/context';

const DAY = 86_400_000;
const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();
const NOBODY = '00000000-0000-4000-8000-000000000000';

type Body = Record<string, unknown>;
const fieldsOf = (body: { details: { field: string }[] }) => body.details.map((d) => d.field);
const asAuthUser = (u: TestUser): AuthUser => ({
  id: u.id,
  email: u.email,
  displayName: u.displayName,
  role: u.role,
  locale: 'en',
  organizationId: u.organizationId,
  constituency: u.constituency,
});

describe('roundtables', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let facilitator: TestUser;
  let otherFacilitator: TestUser;
  let government: TestUser;
  let employer: TestUser;
  let unionist: TestUser;
  let observer: TestUser;
  let outsider: TestUser;

  beforeAll(async () => {
    ctx = await TestContext.create();
    admin = await ctx.newUser({ role: 'admin', constituency: 'international', name: 'Ada Admin' });
    facilitator = await ctx.newUser({ role: 'facilitator', constituency: 'international', name: 'Fei Facilitator' });
    otherFacilitator = await ctx.newUser({ role: 'facilitator', constituency: 'government' });
    government = await ctx.newUser({ role: 'member', constituency: 'government', name: 'Gao Government' });
    employer = await ctx.newUser({ role: 'member', constituency: 'employers', name: 'Emma Employer' });
    unionist = await ctx.newUser({ role: 'member', constituency: 'workers', name: 'Wang Union' });
    observer = await ctx.newUser({ role: 'observer', constituency: 'international' });
    outsider = await ctx.newUser({ role: 'member', constituency: 'workers' });
  });
  afterAll(() => ctx.close());

  const validRoundtable = (overrides: Body = {}): Body => ({
    title: { en: 'Green jobs in eco-industrial parks', zh: '生态工业园区的绿色就业' },
    description: { en: 'Skills, wages and safety in the green transition' },
    startsAt: at(30 * DAY),
    endsAt: at(30 * DAY + 6 * 3_600_000),
    location: { city: 'Suzhou', venue: 'SIP Conference Centre', online: false },
    visibility: 'platform',
    ...overrides,
  });
  const create = async (by: TestUser = facilitator, overrides: Body = {}) =>
    (await ctx.http.post('/api/roundtables').set(by.auth).send(validRoundtable(overrides)).expect(201)).body;
  const addParticipant = (id: string, user: TestUser, role = 'participant', by: TestUser = facilitator) =>
    ctx.http.post(`/api/roundtables/${id}/participants`).set(by.auth).send({ userId: user.id, role }).expect(201);

  describe('creating and reading', () => {
    it('a facilitator creates one and becomes its facilitator; the creation is audited', async () => {
      const body = validRoundtable({ location: { city: 'Suzhou', venue: 'Hall A', online: true, url: 'https://meet.example/sip' } });
      const res = await ctx.http.post('/api/roundtables').set(facilitator.auth).send(body).expect(201);
      expect(res.body).toMatchObject({
        title: body.title,
        description: body.description,
        startsAt: body.startsAt,
        endsAt: body.endsAt,
        location: { city: 'Suzhou', venue: 'Hall A', online: true, url: 'https://meet.example/sip' },
        status: 'planned',
        visibility: 'platform',
        createdBy: { id: facilitator.id, displayName: facilitator.displayName },
        participantCounts: { facilitator: 1, participant: 0, observer: 0, attended: 0, total: 1 },
        verdict: 'missing',
        myRole: 'facilitator',
        canManage: true,
      });
      const [row] = await ctx.db.query('SELECT role, attended FROM roundtable_participants WHERE roundtable_id = $1 AND user_id = $2', [
        res.body.id,
        facilitator.id,
      ]);
      expect(row).toEqual({ role: 'facilitator', attended: null });
      expect(
        await ctx.count('activity', "entity_type = 'roundtable' AND entity_id = $1 AND action = 'roundtable.created' AND actor_id = $2", [
          res.body.id,
          facilitator.id,
        ]),
      ).toBe(1);
    });

    it('defaults to participants-only visibility and an in-person location', async () => {
      const res = await ctx.http
        .post('/api/roundtables')
        .set(admin.auth)
        .send({ title: { zh: '圆桌会议' }, startsAt: '2031-03-10T09:00:00+08:00', endsAt: '2031-03-10T17:00:00+08:00' })
        .expect(201);
      expect(res.body).toMatchObject({
        visibility: 'participants',
        description: {},
        startsAt: '2031-03-10T01:00:00.000Z',
        location: { city: null, venue: null, online: false, url: null },
        timeZone: 'UTC',
        myRole: 'facilitator',
      });
    });

    it('keeps the venue time zone, changes it on edit (audited) and refuses a zone that does not exist', async () => {
      const created = await create(facilitator, { timeZone: 'Asia/Shanghai', startsAt: '2031-04-02T09:00:00+08:00', endsAt: '2031-04-02T17:00:00+08:00' });
      expect(created).toMatchObject({ timeZone: 'Asia/Shanghai', startsAt: '2031-04-02T01:00:00.000Z' });
      const bad = await ctx.http.patch(`/api/roundtables/${created.id}`).set(facilitator.auth).send({ timeZone: 'Mars/Olympus' }).expect(400);
      expect(fieldsOf(bad.body)).toEqual(['timeZone']);
      const edited = await ctx.http.patch(`/api/roundtables/${created.id}`).set(facilitator.auth).send({ timeZone: 'Europe/Zurich' }).expect(200);
      expect(edited.body.timeZone).toBe('Europe/Zurich');
      const [row] = await ctx.db.query('SELECT time_zone FROM roundtables WHERE id = $1', [created.id]);
      expect(row.time_zone).toBe('Europe/Zurich');
      const [audit] = await ctx.db.query(`SELECT changes FROM activity WHERE entity_id = $1 AND action = 'roundtable.updated'`, [created.id]);
      expect(audit.changes.timeZone).toEqual({ from: 'Asia/Shanghai', to: 'Europe/Zurich' });
    });

    it('members and observers cannot create one (403), and nothing is written', async () => {
      for (const user of [government, observer]) {
        const res = await ctx.http.post('/api/roundtables').set(user.auth).send(validRoundtable()).expect(403);
        expect(res.body.message).toMatch(/admin or facilitator/);
        expect(await ctx.count('roundtables', 'created_by_id = $1', [user.id])).toBe(0);
      }
    });

    it('refuses bad input with 400 naming each field, and writes nothing', async () => {
      const author = await ctx.newUser({ role: 'facilitator' });
      const send = (body: Body) => ctx.http.post('/api/roundtables').set(author.auth).send(body).expect(400);

      const res = await send({
        title: { en: ' ' },
        startsAt: at(2 * DAY),
        endsAt: at(DAY),
        location: { city: 'Suzhou', url: 'javascript:alert(1)', room: 'B' },
        visibility: 'everyone',
        status: 'open',
      });
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(fieldsOf(res.body)).toEqual(
        expect.arrayContaining(['title', 'endsAt', 'location.online', 'location.url', 'location.room', 'visibility', 'status']),
      );
      expect(res.body.details.find((d: { field: string }) => d.field === 'endsAt').message).toBe('endsAt must be after startsAt');

      const times = await send(validRoundtable({ startsAt: '2031-03-10T09:00:00', endsAt: '2031-02-30T10:00:00Z' }));
      expect(fieldsOf(times.body)).toEqual(['startsAt', 'endsAt']);
      const sameTime = await send(validRoundtable({ startsAt: '2031-03-10T09:00:00Z', endsAt: '2031-03-10T09:00:00Z' }));
      expect(fieldsOf(sameTime.body)).toEqual(['endsAt']);

      expect(await ctx.count('roundtables', 'created_by_id = $1', [author.id])).toBe(0);
      expect(await ctx.count('activity', 'actor_id = $1', [author.id])).toBe(0);
    });

    it('a platform roundtable is readable by every signed-in user but managed only by its facilitators and admins', async () => {
      const rt = await create(facilitator, { visibility: 'platform' });
      for (const user of [outsider, observer, otherFacilitator]) {
        const res = await ctx.http.get(`/api/roundtables/${rt.id}`).set(user.auth).expect(200);
        expect(res.body).toMatchObject({ id: rt.id, myRole: null, canManage: false });
        await ctx.http.get(`/api/roundtables/${rt.id}/participants`).set(user.auth).expect(200);
        await ctx.http.get(`/api/roundtables/${rt.id}/agenda-items`).set(user.auth).expect(200);
        await ctx.http.get(`/api/roundtables/${rt.id}/decisions`).set(user.auth).expect(200);
      }
      const denied = [
        ctx.http.patch(`/api/roundtables/${rt.id}`).send({ title: { en: 'Hijacked' } }),
        ctx.http.post(`/api/roundtables/${rt.id}/status`).send({ status: 'open' }),
        ctx.http.post(`/api/roundtables/${rt.id}/participants`).send({ userId: outsider.id }),
        ctx.http.post(`/api/roundtables/${rt.id}/agenda-items`).send({ title: { en: 'X' } }),
        ctx.http.post(`/api/roundtables/${rt.id}/decisions`).send({ text: { en: 'X' }, adoption: 'consensus' }),
      ];
      for (const req of denied) {
        const res = await req.set(otherFacilitator.auth).expect(403);
        expect(res.body.message).toMatch(/facilitators and admins/);
      }
      const [row] = await ctx.db.query('SELECT title, status FROM roundtables WHERE id = $1', [rt.id]);
      expect(row).toEqual({ title: rt.title, status: 'planned' });
      expect(await ctx.count('roundtable_participants', 'roundtable_id = $1', [rt.id])).toBe(1);

      // An admin manages any roundtable without taking part.
      const edited = await ctx.http
        .patch(`/api/roundtables/${rt.id}`)
        .set(admin.auth)
        .send({ title: { en: 'Renamed by admin' } })
        .expect(200);
      expect(edited.body).toMatchObject({ title: { en: 'Renamed by admin' }, canManage: true, myRole: null });
    });

    it('a participants-only roundtable is hidden (404 everywhere, absent from lists) from those not taking part', async () => {
      const token = randomUUID();
      const rt = await create(facilitator, { visibility: 'participants', title: { en: `Closed meeting ${token}` } });
      const item = (
        await ctx.http
          .post(`/api/roundtables/${rt.id}/agenda-items`)
          .set(facilitator.auth)
          .send({ title: { en: 'A' } })
          .expect(201)
      ).body;
      const decision = (
        await ctx.http
          .post(`/api/roundtables/${rt.id}/decisions`)
          .set(facilitator.auth)
          .send({ text: { en: 'D' }, adoption: 'consensus' })
          .expect(201)
      ).body;
      const base = `/api/roundtables/${rt.id}`;
      const attempts = () => [
        ctx.http.get(base),
        ctx.http.patch(base).send({ title: { en: 'X' } }),
        ctx.http.post(`${base}/status`).send({ status: 'open' }),
        ctx.http.get(`${base}/participants`),
        ctx.http.post(`${base}/participants`).send({ userId: outsider.id }),
        ctx.http.patch(`${base}/participants/${facilitator.id}`).send({ attended: true }),
        ctx.http.delete(`${base}/participants/${facilitator.id}`),
        ctx.http.get(`${base}/agenda-items`),
        ctx.http.post(`${base}/agenda-items`).send({ title: { en: 'X' } }),
        ctx.http.put(`${base}/agenda-items/order`).send({ itemIds: [item.id] }),
        ctx.http.patch(`${base}/agenda-items/${item.id}`).send({ title: { en: 'X' } }),
        ctx.http.delete(`${base}/agenda-items/${item.id}`),
        ctx.http.put(`${base}/agenda-items/${item.id}/minutes`).send({ text: { en: 'X' } }),
        ctx.http.get(`${base}/agenda-items/${item.id}/minutes/history`),
        ctx.http.get(`${base}/decisions`),
        ctx.http.post(`${base}/decisions`).send({ text: { en: 'X' }, adoption: 'consensus' }),
        ctx.http.patch(`${base}/decisions/${decision.id}`).send({ text: { en: 'X' } }),
        ctx.http.delete(`${base}/decisions/${decision.id}`),
        ctx.http.get(`${base}/balance`),
        ctx.http.get(`${base}/calendar.ics`),
        ctx.http.get(`${base}/history`),
      ];
      for (const user of [outsider, otherFacilitator, observer]) {
        for (const req of attempts()) {
          const res = await req.set(user.auth).expect(404);
          expect(res.body).toMatchObject({ statusCode: 404, message: 'Roundtable not found' });
        }
        const list = await ctx.http.get(`/api/roundtables?q=${token}`).set(user.auth).expect(200);
        expect(list.body.items).toEqual([]);
      }
      expect(await ctx.count('roundtable_agenda_items', 'roundtable_id = $1', [rt.id])).toBe(1);
      expect(await ctx.count('roundtable_decisions', 'roundtable_id = $1', [rt.id])).toBe(1);

      // Admins see it; once added (even as an observer) a user sees it but does not manage it.
      await ctx.http.get(base).set(admin.auth).expect(200);
      expect((await ctx.http.get(`/api/roundtables?q=${token}`).set(admin.auth).expect(200)).body.items.map((r: Body) => r.id)).toEqual([rt.id]);
      await addParticipant(rt.id, outsider, 'observer');
      const seen = await ctx.http.get(base).set(outsider.auth).expect(200);
      expect(seen.body).toMatchObject({ myRole: 'observer', canManage: false });
      expect((await ctx.http.get(`/api/roundtables?q=${token}`).set(outsider.auth).expect(200)).body.items).toHaveLength(1);
      await ctx.http
        .post(`${base}/agenda-items`)
        .set(outsider.auth)
        .send({ title: { en: 'X' } })
        .expect(403);
    });

    it('answers 401 without a token, 404 for an unknown id and 400 for a malformed one', async () => {
      await ctx.http.get('/api/roundtables').expect(401);
      await ctx.http.get(`/api/roundtables/${NOBODY}`).set(admin.auth).expect(404);
      const bad = await ctx.http.get('/api/roundtables/not-a-uuid/agenda-items').set(admin.auth).expect(400);
      expect(fieldsOf(bad.body)).toEqual(['id']);
    });

    it('edits details, keeps the time window consistent and audits from/to', async () => {
      const rt = await create(facilitator);
      const res = await ctx.http
        .patch(`/api/roundtables/${rt.id}`)
        .set(facilitator.auth)
        .send({ description: { en: 'New agenda', zh: '新议程' }, location: { city: 'Nanjing', online: false }, visibility: 'participants' })
        .expect(200);
      expect(res.body).toMatchObject({
        description: { en: 'New agenda', zh: '新议程' },
        location: { city: 'Nanjing', venue: null, online: false, url: null },
        visibility: 'participants',
      });
      // endsAt alone, before the stored start: refused, nothing changes.
      const bad = await ctx.http
        .patch(`/api/roundtables/${rt.id}`)
        .set(facilitator.auth)
        .send({ endsAt: at(DAY) })
        .expect(400);
      expect(fieldsOf(bad.body)).toEqual(['endsAt']);
      const [row] = await ctx.db.query('SELECT ends_at FROM roundtables WHERE id = $1', [rt.id]);
      expect(new Date(row.ends_at).toISOString()).toBe(rt.endsAt);
      const history = await ctx.http.get(`/api/roundtables/${rt.id}/history`).set(facilitator.auth).expect(200);
      expect(history.body.items[0]).toMatchObject({
        action: 'roundtable.updated',
        actorName: facilitator.displayName,
        changes: { visibility: { from: 'platform', to: 'participants' }, location: { to: { city: 'Nanjing' } } },
      });
    });
  });

  describe('lists', () => {
    let token: string;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      token = randomUUID();
      const make = async (key: string, start: number, extra: Body = {}) => {
        ids[key] = (await create(facilitator, { title: { en: `${key} ${token}` }, startsAt: at(start), endsAt: at(start + 3_600_000), ...extra })).id;
      };
      await make('soon', 2 * DAY);
      await make('later', 20 * DAY);
      await make('latest', 40 * DAY);
      await make('ended', -10 * DAY);
      await make('long-ago', -400 * DAY);
      await ctx.http.post(`/api/roundtables/${ids.soon}/status`).set(facilitator.auth).send({ status: 'open' }).expect(200);
    });

    const titles = (body: { items: { title: { en: string } }[] }) => body.items.map((r) => r.title.en.split(' ')[0]);

    it('upcoming: not yet ended, soonest first; past: latest first; default: latest start first', async () => {
      const upcoming = await ctx.http.get(`/api/roundtables?when=upcoming&q=${token}`).set(government.auth).expect(200);
      expect(titles(upcoming.body)).toEqual(['soon', 'later', 'latest']);
      const past = await ctx.http.get(`/api/roundtables?when=past&q=${token}`).set(government.auth).expect(200);
      expect(titles(past.body)).toEqual(['ended', 'long-ago']);
      const all = await ctx.http.get(`/api/roundtables?q=${token}`).set(government.auth).expect(200);
      expect(titles(all.body)).toEqual(['latest', 'later', 'soon', 'ended', 'long-ago']);
    });

    it('filters by status, and each item carries participant counts and the balance verdict', async () => {
      await addParticipant(ids.soon, government);
      const res = await ctx.http.get(`/api/roundtables?status=open&q=${token}`).set(observer.auth).expect(200);
      expect(res.body.items).toHaveLength(1);
      expect(res.body.items[0]).toMatchObject({
        id: ids.soon,
        status: 'open',
        participantCounts: { facilitator: 1, participant: 1, observer: 0, attended: 0, total: 2 },
        verdict: 'missing',
        myRole: null,
        canManage: false,
      });
    });

    it('pages with limit and cursor, without skipping or repeating', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/roundtables?q=${token}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await ctx.http.get(url).set(government.auth).expect(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...titles(res.body));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(['latest', 'later', 'soon', 'ended', 'long-ago']);
      const upcoming = await ctx.http.get(`/api/roundtables?when=upcoming&q=${token}&limit=1`).set(government.auth).expect(200);
      const next = await ctx.http.get(`/api/roundtables?when=upcoming&q=${token}&limit=5&cursor=${upcoming.body.nextCursor}`).set(government.auth).expect(200);
      expect(titles(next.body)).toEqual(['later', 'latest']);
      expect(next.body.nextCursor).toBeNull();
    });

    it('refuses bad filters with 400 naming them', async () => {
      const res = await ctx.http.get('/api/roundtables?when=someday&status=cancelled&limit=0&cursor=garbage').set(government.auth).expect(400);
      expect(fieldsOf(res.body)).toEqual(expect.arrayContaining(['when', 'status', 'limit']));
      const cursor = await ctx.http.get('/api/roundtables?cursor=garbage').set(government.auth).expect(400);
      expect(fieldsOf(cursor.body)).toEqual(['cursor']);
    });
  });

  describe('status', () => {
    it('moves planned → open → concluded; only an admin reopens, with a reason; the rest is refused with 409 naming allowed moves', async () => {
      const rt = await create(facilitator);
      await addParticipant(rt.id, government);
      const move = (by: TestUser, body: Body) => ctx.http.post(`/api/roundtables/${rt.id}/status`).set(by.auth).send(body);

      const skip = await move(facilitator, { status: 'concluded' }).expect(409);
      expect(skip.body).toEqual({
        statusCode: 409,
        error: 'Conflict',
        message: 'Cannot move from planned to concluded; allowed: open',
        details: [],
        allowed: ['open'],
      });
      // A participant who is not a facilitator may not move it at all.
      await move(government, { status: 'open' }).expect(403);

      expect((await move(facilitator, { status: 'open' }).expect(200)).body.status).toBe('open');
      const back = await move(facilitator, { status: 'planned' }).expect(409);
      expect(back.body).toMatchObject({ message: 'Cannot move from open to planned; allowed: concluded', allowed: ['concluded'] });
      expect((await move(facilitator, { status: 'open' }).expect(409)).body.allowed).toEqual(['concluded']);
      expect((await move(facilitator, { status: 'concluded' }).expect(200)).body.status).toBe('concluded');

      const byFacilitator = await move(facilitator, { status: 'open', reason: 'More to discuss' }).expect(403);
      expect(byFacilitator.body.message).toMatch(/admin/);
      const noReason = await move(admin, { status: 'open' }).expect(400);
      expect(noReason.body.details).toEqual([{ field: 'reason', message: 'reason is required to reopen a concluded roundtable' }]);
      await move(admin, { status: 'open', reason: '   ' }).expect(400);
      expect((await move(admin, { status: 'planned', reason: 'x' }).expect(409)).body.allowed).toEqual(['open']);
      const [still] = await ctx.db.query('SELECT status FROM roundtables WHERE id = $1', [rt.id]);
      expect(still.status).toBe('concluded');

      const reopened = await move(admin, { status: 'open', reason: 'The unions asked for a second session' }).expect(200);
      expect(reopened.body.status).toBe('open');
      const history = await ctx.http.get(`/api/roundtables/${rt.id}/history`).set(government.auth).expect(200);
      const moves = history.body.items.filter((e: Body) => e.action === 'roundtable.status_changed');
      expect(moves.map((e: { changes: Body }) => e.changes)).toEqual([
        { status: { from: 'concluded', to: 'open' }, reason: 'The unions asked for a second session' },
        { status: { from: 'open', to: 'concluded' } },
        { status: { from: 'planned', to: 'open' } },
      ]);
      expect(moves[0].actorName).toBe(admin.displayName);
    });

    it('refuses an unknown status with 400', async () => {
      const rt = await create(facilitator);
      const res = await ctx.http.post(`/api/roundtables/${rt.id}/status`).set(facilitator.auth).send({ status: 'cancelled' }).expect(400);
      expect(fieldsOf(res.body)).toEqual(['status']);
    });
  });

  describe('participants', () => {
    it('adds a person, lists participants with organization and constituency, records attendance and removes', async () => {
      const rt = await create(facilitator);
      const added = await addParticipant(rt.id, unionist, 'participant');
      expect(added.body).toEqual({
        added: [
          expect.objectContaining({
            userId: unionist.id,
            displayName: unionist.displayName,
            role: 'participant',
            attended: null,
            constituency: 'workers',
            organization: expect.objectContaining({ id: unionist.organizationId, constituency: 'workers' }),
          }),
        ],
        skippedUserIds: [],
      });
      // Role defaults to participant.
      await ctx.http.post(`/api/roundtables/${rt.id}/participants`).set(facilitator.auth).send({ userId: employer.id }).expect(201);
      await addParticipant(rt.id, observer, 'observer');

      const list = await ctx.http.get(`/api/roundtables/${rt.id}/participants`).set(unionist.auth).expect(200);
      expect(list.body.items.map((p: Body) => [p.userId, p.role])).toEqual([
        [facilitator.id, 'facilitator'],
        ...[
          [employer.id, 'participant', employer.displayName],
          [unionist.id, 'participant', unionist.displayName],
        ]
          .sort((a, b) => a[2].localeCompare(b[2]))
          .map(([id, role]) => [id, role]),
        [observer.id, 'observer'],
      ]);

      const attended = await ctx.http.patch(`/api/roundtables/${rt.id}/participants/${unionist.id}`).set(facilitator.auth).send({ attended: true }).expect(200);
      expect(attended.body).toMatchObject({ userId: unionist.id, attended: true, role: 'participant' });
      const promoted = await ctx.http
        .patch(`/api/roundtables/${rt.id}/participants/${employer.id}`)
        .set(facilitator.auth)
        .send({ role: 'facilitator', attended: false })
        .expect(200);
      expect(promoted.body).toMatchObject({ role: 'facilitator', attended: false });
      // The promoted employer now manages the roundtable.
      await ctx.http
        .post(`/api/roundtables/${rt.id}/agenda-items`)
        .set(employer.auth)
        .send({ title: { en: 'Their item' } })
        .expect(201);
      const cleared = await ctx.http.patch(`/api/roundtables/${rt.id}/participants/${unionist.id}`).set(facilitator.auth).send({ attended: null }).expect(200);
      expect(cleared.body.attended).toBeNull();

      await ctx.http.delete(`/api/roundtables/${rt.id}/participants/${observer.id}`).set(facilitator.auth).expect(204);
      expect(await ctx.count('roundtable_participants', 'roundtable_id = $1 AND user_id = $2', [rt.id, observer.id])).toBe(0);
      await ctx.http.delete(`/api/roundtables/${rt.id}/participants/${observer.id}`).set(facilitator.auth).expect(404);
      await ctx.http.patch(`/api/roundtables/${rt.id}/participants/${outsider.id}`).set(facilitator.auth).send({ attended: true }).expect(404);

      const actions = (await ctx.http.get(`/api/roundtables/${rt.id}/history?limit=100`).set(facilitator.auth).expect(200)).body.items.map(
        (e: Body) => e.action,
      );
      expect(actions).toEqual(
        expect.arrayContaining([
          'roundtable.participant_added',
          'roundtable.attendance_recorded',
          'roundtable.participant_updated',
          'roundtable.participant_removed',
        ]),
      );
    });

    it('adds every active user of an organization at once, skipping those already in', async () => {
      const rt = await create(facilitator);
      const union = await ctx.newOrganization('workers');
      const [a, b, c, gone] = await Promise.all([1, 2, 3, 4].map(() => ctx.newUser({ organizationId: union.id })));
      await ctx.db.query('UPDATE users SET active = false WHERE id = $1', [gone.id]);
      await addParticipant(rt.id, a, 'observer');

      const res = await ctx.http
        .post(`/api/roundtables/${rt.id}/participants`)
        .set(facilitator.auth)
        .send({ organizationId: union.id, role: 'participant' })
        .expect(201);
      expect(res.body.added.map((p: Body) => p.userId).sort()).toEqual([b.id, c.id].sort());
      expect(res.body.added.every((p: Body) => p.role === 'participant' && p.constituency === 'workers')).toBe(true);
      expect(res.body.skippedUserIds).toEqual([a.id]);
      const rows = await ctx.db.query('SELECT user_id, role FROM roundtable_participants WHERE roundtable_id = $1 AND user_id = ANY($2)', [
        rt.id,
        [a.id, b.id, c.id, gone.id],
      ]);
      expect(Object.fromEntries(rows.map((r: { user_id: string; role: string }) => [r.user_id, r.role]))).toEqual({
        [a.id]: 'observer',
        [b.id]: 'participant',
        [c.id]: 'participant',
      });
      const [entry] = await ctx.db.query(
        "SELECT changes FROM activity WHERE entity_type = 'roundtable' AND entity_id = $1 AND action = 'roundtable.participants_added'",
        [rt.id],
      );
      expect(entry.changes).toMatchObject({ organizationId: union.id, role: 'participant' });

      // Again: everyone is in already.
      const again = await ctx.http.post(`/api/roundtables/${rt.id}/participants`).set(facilitator.auth).send({ organizationId: union.id }).expect(201);
      expect(again.body.added).toEqual([]);
      expect(again.body.skippedUserIds).toHaveLength(3);
    });

    it('refuses bad additions with 400 or 409 and writes nothing', async () => {
      const rt = await create(facilitator);
      const inactive = await ctx.newUser();
      await ctx.db.query('UPDATE users SET active = false WHERE id = $1', [inactive.id]);
      const post = (body: Body) => ctx.http.post(`/api/roundtables/${rt.id}/participants`).set(facilitator.auth).send(body);
      const before = await ctx.count('roundtable_participants', 'roundtable_id = $1', [rt.id]);
      const activityBefore = await ctx.count('activity', "entity_type = 'roundtable' AND entity_id = $1", [rt.id]);

      expect(fieldsOf((await post({}).expect(400)).body)).toEqual(['userId']);
      expect(fieldsOf((await post({ userId: unionist.id, organizationId: unionist.organizationId }).expect(400)).body)).toEqual(['organizationId']);
      expect(fieldsOf((await post({ userId: unionist.id, role: 'chair' }).expect(400)).body)).toEqual(['role']);
      expect(fieldsOf((await post({ userId: NOBODY }).expect(400)).body)).toEqual(['userId']);
      expect(fieldsOf((await post({ userId: inactive.id }).expect(400)).body)).toEqual(['userId']);
      expect(fieldsOf((await post({ organizationId: NOBODY }).expect(400)).body)).toEqual(['organizationId']);
      const duplicate = await post({ userId: facilitator.id }).expect(409);
      expect(duplicate.body.message).toMatch(/already/);
      expect(
        fieldsOf(
          (await ctx.http.patch(`/api/roundtables/${rt.id}/participants/${facilitator.id}`).set(facilitator.auth).send({ attended: 'yes' }).expect(400)).body,
        ),
      ).toEqual(['attended']);

      expect(await ctx.count('roundtable_participants', 'roundtable_id = $1', [rt.id])).toBe(before);
      expect(await ctx.count('activity', "entity_type = 'roundtable' AND entity_id = $1", [rt.id])).toBe(activityBefore);
    });

    it('keeps at least one facilitator', async () => {
      const rt = await create(facilitator);
      const demote = await ctx.http
        .patch(`/api/roundtables/${rt.id}/participants/${facilitator.id}`)
        .set(facilitator.auth)
        .send({ role: 'participant' })
        .expect(409);
      expect(demote.body.message).toMatch(/last facilitator/);
      await ctx.http.delete(`/api/roundtables/${rt.id}/participants/${facilitator.id}`).set(admin.auth).expect(409);
      await addParticipant(rt.id, otherFacilitator, 'facilitator');
      await ctx.http.delete(`/api/roundtables/${rt.id}/participants/${facilitator.id}`).set(facilitator.auth).expect(204);
      // Having left, the former facilitator no longer manages it.
      await ctx.http
        .patch(`/api/roundtables/${rt.id}`)
        .set(facilitator.auth)
        .send({ title: { en: 'X' } })
        .expect(403);
    });
  });

  describe('tripartite balance', () => {
    it('changes as people from the three constituencies are added and attendance is recorded', async () => {
      const rt = await create(facilitator, { visibility: 'participants' });
      const balance = async () => (await ctx.http.get(`/api/roundtables/${rt.id}/balance`).set(facilitator.auth).expect(200)).body;
      const seven = (counts: Body) => ({
        government: 0,
        employers: 0,
        workers: 0,
        park_management: 0,
        civil_society: 0,
        academia: 0,
        international: 0,
        ...counts,
      });

      // Only the facilitator (international) so far.
      let b = await balance();
      expect(b.invited).toEqual({ byConstituency: seven({ international: 1 }), verdict: 'missing', missing: ['government', 'employers', 'workers'] });
      expect(b.verdict).toBe('missing');

      await addParticipant(rt.id, government);
      await addParticipant(rt.id, employer);
      b = await balance();
      expect(b.invited).toMatchObject({ verdict: 'missing', missing: ['workers'] });

      await addParticipant(rt.id, unionist);
      b = await balance();
      expect(b).toMatchObject({ verdict: 'balanced', invited: { verdict: 'balanced', missing: [] } });

      // Three government officials against one employer and one unionist: more than twice.
      const officials = await Promise.all([1, 2].map(() => ctx.newUser({ constituency: 'government' })));
      for (const o of officials) await addParticipant(rt.id, o);
      b = await balance();
      expect(b.invited.byConstituency).toMatchObject({ government: 3, employers: 1, workers: 1 });
      expect(b.verdict).toBe('unbalanced');

      // Observers are not counted.
      const watcher = await ctx.newUser({ constituency: 'workers' });
      await addParticipant(rt.id, watcher, 'observer');
      expect((await balance()).invited.byConstituency.workers).toBe(1);

      // Exactly twice the smallest is balanced: 3 / 2 / 2.
      const more = [await ctx.newUser({ constituency: 'employers' }), await ctx.newUser({ constituency: 'workers' })];
      for (const p of more) await addParticipant(rt.id, p);
      b = await balance();
      expect(b.invited.byConstituency).toMatchObject({ government: 3, employers: 2, workers: 2, international: 1 });
      expect(b.verdict).toBe('balanced');
      expect(b.attending.verdict).toBe('missing');

      // Once attendance is recorded, the verdict follows who came.
      const attend = (u: TestUser, attended: boolean) =>
        ctx.http.patch(`/api/roundtables/${rt.id}/participants/${u.id}`).set(facilitator.auth).send({ attended }).expect(200);
      await attend(government, true);
      await attend(unionist, false);
      b = await balance();
      expect(b.attending).toMatchObject({ verdict: 'missing', missing: ['employers', 'workers'], byConstituency: seven({ government: 1 }) });
      expect(b.invited.verdict).toBe('balanced');
      expect(b.verdict).toBe('missing');

      await attend(employer, true);
      await attend(more[1], true);
      b = await balance();
      expect(b.attending.byConstituency).toMatchObject({ government: 1, employers: 1, workers: 1 });
      expect(b.verdict).toBe('balanced');

      await attend(officials[0], true);
      await attend(officials[1], true);
      b = await balance();
      expect(b.verdict).toBe('unbalanced');
      const summary = await ctx.http.get(`/api/roundtables/${rt.id}`).set(government.auth).expect(200);
      expect(summary.body).toMatchObject({ verdict: 'unbalanced', participantCounts: { participant: 7, observer: 1, facilitator: 1, attended: 5, total: 9 } });
    });
  });

  describe('agenda and minutes', () => {
    let rt: { id: string };
    beforeAll(async () => {
      rt = await create(facilitator, { visibility: 'participants' });
      await addParticipant(rt.id, unionist, 'participant');
    });
    const agenda = async () => (await ctx.http.get(`/api/roundtables/${rt.id}/agenda-items`).set(unionist.auth).expect(200)).body.items;
    const titles = async () => (await agenda()).map((i: { title: { en: string } }) => i.title.en);

    it('adds items at the end or at a position, with a presenter and a time slot', async () => {
      const first = await ctx.http
        .post(`/api/roundtables/${rt.id}/agenda-items`)
        .set(facilitator.auth)
        .send({ title: { en: 'Opening', zh: '开幕' }, presenterId: government.id, startsAt: '2031-03-10T09:00:00+08:00', endsAt: '2031-03-10T09:30:00+08:00' })
        .expect(201);
      expect(first.body).toMatchObject({
        position: 0,
        title: { en: 'Opening', zh: '开幕' },
        presenter: { id: government.id, displayName: government.displayName },
        presenterName: null,
        startsAt: '2031-03-10T01:00:00.000Z',
        endsAt: '2031-03-10T01:30:00.000Z',
        minutes: null,
      });
      await ctx.http
        .post(`/api/roundtables/${rt.id}/agenda-items`)
        .set(facilitator.auth)
        .send({ title: { en: 'Skills' }, presenterName: 'Prof. Li (Nanjing University)' })
        .expect(201);
      await ctx.http
        .post(`/api/roundtables/${rt.id}/agenda-items`)
        .set(facilitator.auth)
        .send({ title: { en: 'Welcome' }, position: 0 })
        .expect(201);
      await ctx.http
        .post(`/api/roundtables/${rt.id}/agenda-items`)
        .set(facilitator.auth)
        .send({ title: { en: 'Close' }, position: 99 })
        .expect(201);
      expect(await titles()).toEqual(['Welcome', 'Opening', 'Skills', 'Close']);
      expect((await agenda()).map((i: { position: number }) => i.position)).toEqual([0, 1, 2, 3]);
      expect((await agenda())[2]).toMatchObject({ presenter: null, presenterName: 'Prof. Li (Nanjing University)' });
    });

    it('refuses bad items with 400 naming the field and writes nothing', async () => {
      const before = await ctx.count('roundtable_agenda_items', 'roundtable_id = $1', [rt.id]);
      const post = (body: Body) => ctx.http.post(`/api/roundtables/${rt.id}/agenda-items`).set(facilitator.auth).send(body).expect(400);
      expect(fieldsOf((await post({ title: { en: 'X' }, presenterId: government.id, presenterName: 'Someone' })).body)).toEqual(['presenterName']);
      expect(fieldsOf((await post({ title: { en: 'X' }, startsAt: '2031-03-10T10:00:00Z', endsAt: '2031-03-10T09:00:00Z' })).body)).toEqual(['endsAt']);
      expect(fieldsOf((await post({ title: { en: 'X' }, endsAt: '2031-03-10T09:00:00Z' })).body)).toEqual(['endsAt']);
      expect(fieldsOf((await post({ title: { en: 'X' }, presenterId: NOBODY })).body)).toEqual(['presenterId']);
      expect(fieldsOf((await post({ title: {}, position: -1 })).body)).toEqual(['title', 'position']);
      expect(await ctx.count('roundtable_agenda_items', 'roundtable_id = $1', [rt.id])).toBe(before);
    });

    it('edits an item and moves it, keeping positions dense', async () => {
      const items = await agenda();
      const close = items.find((i: Body) => (i.title as Body).en === 'Close');
      const moved = await ctx.http
        .patch(`/api/roundtables/${rt.id}/agenda-items/${close.id}`)
        .set(facilitator.auth)
        .send({ position: 1, presenterName: 'Ms. Zhou' })
        .expect(200);
      expect(moved.body).toMatchObject({ position: 1, presenterName: 'Ms. Zhou', presenter: null });
      expect(await titles()).toEqual(['Welcome', 'Close', 'Opening', 'Skills']);
      // Naming an account as presenter replaces the free-text name.
      const named = await ctx.http
        .patch(`/api/roundtables/${rt.id}/agenda-items/${close.id}`)
        .set(facilitator.auth)
        .send({ presenterId: employer.id, position: 3 })
        .expect(200);
      expect(named.body).toMatchObject({ presenter: { id: employer.id }, presenterName: null, position: 3 });
      expect(await titles()).toEqual(['Welcome', 'Opening', 'Skills', 'Close']);
      const bad = await ctx.http
        .patch(`/api/roundtables/${rt.id}/agenda-items/${close.id}`)
        .set(facilitator.auth)
        .send({ endsAt: '2031-03-10T09:00:00Z' })
        .expect(400);
      expect(fieldsOf(bad.body)).toEqual(['endsAt']);
      const other = await create(facilitator);
      await ctx.http
        .patch(`/api/roundtables/${other.id}/agenda-items/${close.id}`)
        .set(facilitator.auth)
        .send({ title: { en: 'X' } })
        .expect(404);
    });

    it('reorders with the exact list of items, refusing anything else with 400', async () => {
      const items = await agenda();
      const ids = items.map((i: Body) => i.id as string);
      const reversed = [...ids].reverse();
      const res = await ctx.http.put(`/api/roundtables/${rt.id}/agenda-items/order`).set(facilitator.auth).send({ itemIds: reversed }).expect(200);
      expect(res.body.items.map((i: Body) => i.id)).toEqual(reversed);
      expect(res.body.items.map((i: Body) => i.position)).toEqual([0, 1, 2, 3]);
      const rows = await ctx.db.query('SELECT id FROM roundtable_agenda_items WHERE roundtable_id = $1 ORDER BY position', [rt.id]);
      expect(rows.map((r: { id: string }) => r.id)).toEqual(reversed);

      const put = (itemIds: unknown) => ctx.http.put(`/api/roundtables/${rt.id}/agenda-items/order`).set(facilitator.auth).send({ itemIds }).expect(400);
      expect(fieldsOf((await put(reversed.slice(1))).body)).toEqual(['itemIds']);
      expect(fieldsOf((await put([...reversed.slice(1), NOBODY])).body)).toEqual(['itemIds']);
      expect(fieldsOf((await put([reversed[0], ...reversed.slice(0, 3)])).body)).toEqual(['itemIds']);
      expect(fieldsOf((await put('all')).body)).toContain('itemIds');
      const after = await ctx.db.query('SELECT id FROM roundtable_agenda_items WHERE roundtable_id = $1 ORDER BY position', [rt.id]);
      expect(after.map((r: { id: string }) => r.id)).toEqual(reversed);
      await ctx.http.put(`/api/roundtables/${rt.id}/agenda-items/order`).set(facilitator.auth).send({ itemIds: ids }).expect(200);
      const history = await ctx.http.get(`/api/roundtables/${rt.id}/history`).set(facilitator.auth).expect(200);
      expect(history.body.items[0]).toMatchObject({ action: 'roundtable.agenda_reordered', changes: { order: { from: reversed, to: ids } } });
    });

    it('keeps every version of the minutes, newest first in the history', async () => {
      const [item] = await agenda();
      const put = (text: Body, by: TestUser = facilitator) =>
        ctx.http.put(`/api/roundtables/${rt.id}/agenda-items/${item.id}/minutes`).set(by.auth).send({ text });
      const one = await put({ en: 'Draft: the unions raised safety.' }).expect(200);
      expect(one.body).toMatchObject({ agendaItemId: item.id, revision: 1, text: { en: 'Draft: the unions raised safety.' }, author: { id: facilitator.id } });
      const two = await put({ en: 'The unions raised safety; employers agreed to training.', zh: '工会提出安全问题；雇主同意培训。' }).expect(200);
      expect(two.body.revision).toBe(2);
      // The same text again is not a new version.
      expect(
        (await put({ en: 'The unions raised safety; employers agreed to training.', zh: '工会提出安全问题；雇主同意培训。' }).expect(200)).body.revision,
      ).toBe(2);

      const history = await ctx.http.get(`/api/roundtables/${rt.id}/agenda-items/${item.id}/minutes/history`).set(unionist.auth).expect(200);
      expect(history.body.items.map((m: Body) => m.revision)).toEqual([2, 1]);
      expect(history.body.items[1]).toMatchObject({ text: { en: 'Draft: the unions raised safety.' }, author: { displayName: facilitator.displayName } });
      // The agenda shows the current version as it was saved, with its author.
      expect((await agenda())[0].minutes).toEqual(two.body);
      expect(two.body).toMatchObject({
        revision: 2,
        text: { zh: '工会提出安全问题；雇主同意培训。' },
        author: { id: facilitator.id, displayName: facilitator.displayName },
      });
      expect(await ctx.count('agenda_minutes_revisions', 'agenda_item_id = $1', [item.id])).toBe(2);

      const empty = await put({ en: '  ' }).expect(400);
      expect(fieldsOf(empty.body)).toEqual(['text']);
      expect(await ctx.count('agenda_minutes_revisions', 'agenda_item_id = $1', [item.id])).toBe(2);
      const other = await create(facilitator);
      await ctx.http
        .put(`/api/roundtables/${other.id}/agenda-items/${item.id}/minutes`)
        .set(facilitator.auth)
        .send({ text: { en: 'x' } })
        .expect(404);
      expect(await ctx.count('activity', "entity_type = 'roundtable' AND entity_id = $1 AND action = 'roundtable.minutes_updated'", [rt.id])).toBe(2);
    });

    it('a participant who is not a facilitator cannot touch the agenda, minutes or decisions (403)', async () => {
      const [item] = await agenda();
      const before = await ctx.count('roundtable_agenda_items', 'roundtable_id = $1', [rt.id]);
      const denied = [
        ctx.http.post(`/api/roundtables/${rt.id}/agenda-items`).send({ title: { en: 'Mine' } }),
        ctx.http.patch(`/api/roundtables/${rt.id}/agenda-items/${item.id}`).send({ title: { en: 'Mine' } }),
        ctx.http.delete(`/api/roundtables/${rt.id}/agenda-items/${item.id}`),
        ctx.http.put(`/api/roundtables/${rt.id}/agenda-items/order`).send({ itemIds: [item.id] }),
        ctx.http.put(`/api/roundtables/${rt.id}/agenda-items/${item.id}/minutes`).send({ text: { en: 'Mine' } }),
        ctx.http.post(`/api/roundtables/${rt.id}/decisions`).send({ text: { en: 'Mine' }, adoption: 'consensus' }),
        ctx.http.post(`/api/roundtables/${rt.id}/participants`).send({ userId: outsider.id }),
      ];
      for (const req of denied) await req.set(unionist.auth).expect(403);
      expect(await ctx.count('roundtable_agenda_items', 'roundtable_id = $1', [rt.id])).toBe(before);
      expect(await ctx.count('roundtable_decisions', 'roundtable_id = $1', [rt.id])).toBe(0);
      expect(await ctx.count('activity', 'actor_id = $1', [unionist.id])).toBe(0);
    });

    it('deletes an item, closing the gap', async () => {
      const items = await agenda();
      await ctx.http.delete(`/api/roundtables/${rt.id}/agenda-items/${items[1].id}`).set(facilitator.auth).expect(204);
      const left = await agenda();
      expect(left.map((i: Body) => i.id)).toEqual([items[0].id, items[2].id, items[3].id]);
      expect(left.map((i: Body) => i.position)).toEqual([0, 1, 2]);
      await ctx.http.delete(`/api/roundtables/${rt.id}/agenda-items/${items[1].id}`).set(facilitator.auth).expect(404);
    });
  });

  describe('decisions', () => {
    it('records, amends and deletes decisions adopted by consensus or by named constituencies', async () => {
      const rt = await create(facilitator);
      const consensus = await ctx.http
        .post(`/api/roundtables/${rt.id}/decisions`)
        .set(facilitator.auth)
        .send({ text: { en: 'Form a working group on skills', zh: '成立技能工作组' }, adoption: 'consensus' })
        .expect(201);
      expect(consensus.body).toMatchObject({
        roundtableId: rt.id,
        adoption: 'consensus',
        constituencies: [],
        actionItemId: null,
        createdBy: { id: facilitator.id },
      });
      const split = await ctx.http
        .post(`/api/roundtables/${rt.id}/decisions`)
        .set(facilitator.auth)
        .send({ text: { en: 'Pilot green skills certificates' }, adoption: 'constituencies', constituencies: ['workers', 'government'] })
        .expect(201);
      expect(split.body).toMatchObject({ adoption: 'constituencies', constituencies: ['government', 'workers'] });

      const list = await ctx.http.get(`/api/roundtables/${rt.id}/decisions`).set(outsider.auth).expect(200);
      // The list shows each decision as it was answered when recorded, author and constituencies included.
      expect(list.body.items).toEqual([consensus.body, split.body]);

      const amended = await ctx.http
        .patch(`/api/roundtables/${rt.id}/decisions/${split.body.id}`)
        .set(facilitator.auth)
        .send({ adoption: 'consensus' })
        .expect(200);
      expect(amended.body).toMatchObject({ adoption: 'consensus', constituencies: [] });
      const widened = await ctx.http
        .patch(`/api/roundtables/${rt.id}/decisions/${split.body.id}`)
        .set(facilitator.auth)
        .send({ adoption: 'constituencies', constituencies: ['employers', 'workers', 'government'] })
        .expect(200);
      expect(widened.body.constituencies).toEqual(['government', 'employers', 'workers']);

      await ctx.http.delete(`/api/roundtables/${rt.id}/decisions/${consensus.body.id}`).set(facilitator.auth).expect(204);
      expect(await ctx.count('roundtable_decisions', 'id = $1', [consensus.body.id])).toBe(0);
      await ctx.http
        .patch(`/api/roundtables/${rt.id}/decisions/${consensus.body.id}`)
        .set(facilitator.auth)
        .send({ text: { en: 'x' } })
        .expect(404);
      const actions = (await ctx.http.get(`/api/roundtables/${rt.id}/history`).set(facilitator.auth).expect(200)).body.items.map((e: Body) => e.action);
      expect(actions.slice(0, 5)).toEqual([
        'roundtable.decision_removed',
        'roundtable.decision_updated',
        'roundtable.decision_updated',
        'roundtable.decision_recorded',
        'roundtable.decision_recorded',
      ]);
    });

    it('refuses adoption without fitting constituencies with 400 on the field, writing nothing', async () => {
      const rt = await create(facilitator);
      const post = (body: Body) => ctx.http.post(`/api/roundtables/${rt.id}/decisions`).set(facilitator.auth).send(body).expect(400);
      const text = { en: 'A decision' };
      const problems = [
        { text, adoption: 'constituencies' },
        { text, adoption: 'constituencies', constituencies: [] },
        { text, adoption: 'constituencies', constituencies: ['workers', 'farmers'] },
        { text, adoption: 'constituencies', constituencies: ['workers', 'workers'] },
        { text, adoption: 'consensus', constituencies: ['workers'] },
      ];
      for (const body of problems) expect(fieldsOf((await post(body)).body)).toContain('constituencies');
      expect(fieldsOf((await post({ text, adoption: 'majority' })).body)).toEqual(['adoption']);
      expect(fieldsOf((await post({ adoption: 'consensus', actionItemId: NOBODY })).body).sort()).toEqual(['actionItemId', 'text']);
      expect(await ctx.count('roundtable_decisions', 'roundtable_id = $1', [rt.id])).toBe(0);

      const decision = (await ctx.http.post(`/api/roundtables/${rt.id}/decisions`).set(facilitator.auth).send({ text, adoption: 'consensus' }).expect(201))
        .body;
      const patch = await ctx.http
        .patch(`/api/roundtables/${rt.id}/decisions/${decision.id}`)
        .set(facilitator.auth)
        .send({ adoption: 'constituencies' })
        .expect(400);
      expect(fieldsOf(patch.body)).toEqual(['constituencies']);
      const patch2 = await ctx.http
        .patch(`/api/roundtables/${rt.id}/decisions/${decision.id}`)
        .set(facilitator.auth)
        .send({ constituencies: ['workers'] })
        .expect(400);
      expect(fieldsOf(patch2.body)).toEqual(['constituencies']);
      const [row] = await ctx.db.query('SELECT adoption, constituencies FROM roundtable_decisions WHERE id = $1', [decision.id]);
      expect(row).toEqual({ adoption: 'consensus', constituencies: [] });
    });
  });

  describe('calendar', () => {
    it('serves a valid iCalendar event in the reader’s language, folded and escaped', async () => {
      const rt = await create(facilitator, {
        title: { en: 'Roundtable; green jobs, Suzhou', zh: '绿色就业圆桌会议：苏州工业园区生态工业园的体面劳动、技能发展与社会对话' },
        description: { en: 'Day one\nDay two' },
        startsAt: '2031-03-10T09:00:00+08:00',
        endsAt: '2031-03-10T17:30:00+08:00',
        location: { venue: 'SIP Centre, Hall A', city: 'Suzhou', online: false },
      });
      const res = await ctx.http
        .get(`/api/roundtables/${rt.id}/calendar.ics`)
        .set(outsider.auth)
        .buffer(true)
        .parse((r, cb) => {
          let data = '';
          r.setEncoding('utf8');
          r.on('data', (chunk: string) => (data += chunk));
          r.on('end', () => cb(null, data));
        })
        .expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/calendar; charset=utf-8/);
      expect(res.headers['content-disposition']).toContain('.ics');
      const ics = res.body as string;
      expect(ics.endsWith('\r\n')).toBe(true);
      expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
      for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
      const unfolded = ics.replace(/\r\n /g, '').split('\r\n');
      expect(unfolded.slice(0, 2)).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0']);
      expect(unfolded).toEqual(
        expect.arrayContaining([
          'BEGIN:VEVENT',
          `UID:roundtable-${rt.id}@greentable`,
          'DTSTART:20310310T010000Z',
          'DTEND:20310310T093000Z',
          'SUMMARY:Roundtable\\; green jobs\\, Suzhou',
          'DESCRIPTION:Day one\\nDay two',
          'LOCATION:SIP Centre\\, Hall A\\, Suzhou',
          'STATUS:CONFIRMED',
          'END:VEVENT',
          'END:VCALENDAR',
        ]),
      );
      expect(unfolded.find((l) => l.startsWith('DTSTAMP:'))).toMatch(/^DTSTAMP:\d{8}T\d{6}Z$/);

      const zh = await ctx.http
        .get(`/api/roundtables/${rt.id}/calendar.ics?lang=zh-CN`)
        .set(outsider.auth)
        .buffer(true)
        .parse((r, cb) => {
          let data = '';
          r.setEncoding('utf8');
          r.on('data', (chunk: string) => (data += chunk));
          r.on('end', () => cb(null, data));
        })
        .expect(200);
      const zhText = zh.body as string;
      expect(zhText.replace(/\r\n /g, '')).toContain('SUMMARY:绿色就业圆桌会议：苏州工业园区生态工业园的体面劳动、技能发展与社会对话\r\n');
      // Chinese description is missing, so the English one stands in.
      expect(zhText).toContain('DESCRIPTION:Day one\\nDay two\r\n');
      for (const line of zhText.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);

      const badLang = await ctx.http.get(`/api/roundtables/${rt.id}/calendar.ics?lang=fr`).set(outsider.auth).expect(400);
      expect(fieldsOf(badLang.body)).toEqual(['lang']);
    });
  });

  describe('history', () => {
    it('lists every change under the roundtable, newest first, with actor names, and pages', async () => {
      const rt = await create(facilitator);
      await addParticipant(rt.id, government);
      const item = (
        await ctx.http
          .post(`/api/roundtables/${rt.id}/agenda-items`)
          .set(facilitator.auth)
          .send({ title: { en: 'Wages' } })
          .expect(201)
      ).body;
      await ctx.http
        .put(`/api/roundtables/${rt.id}/agenda-items/${item.id}/minutes`)
        .set(admin.auth)
        .send({ text: { en: 'Noted' } })
        .expect(200);
      await ctx.http.post(`/api/roundtables/${rt.id}/status`).set(facilitator.auth).send({ status: 'open' }).expect(200);

      const res = await ctx.http.get(`/api/roundtables/${rt.id}/history`).set(government.auth).expect(200);
      expect(res.body.items.map((e: Body) => [e.action, e.actorName])).toEqual([
        ['roundtable.status_changed', facilitator.displayName],
        ['roundtable.minutes_updated', admin.displayName],
        ['roundtable.agenda_item_added', facilitator.displayName],
        ['roundtable.participant_added', facilitator.displayName],
        ['roundtable.created', facilitator.displayName],
      ]);
      expect(res.body.items.every((e: Body) => e.entityType === 'roundtable' && e.entityId === rt.id)).toBe(true);
      expect(res.body.items[1].changes).toEqual({ agendaItemId: item.id, revision: 1 });
      const first = await ctx.http.get(`/api/roundtables/${rt.id}/history?limit=2`).set(government.auth).expect(200);
      const rest = await ctx.http.get(`/api/roundtables/${rt.id}/history?limit=10&cursor=${first.body.nextCursor}`).set(government.auth).expect(200);
      expect([...first.body.items, ...rest.body.items].map((e: Body) => e.id)).toEqual(res.body.items.map((e: Body) => e.id));
    });
  });

  describe('access() for the realtime module', () => {
    it('answers read/post per person, and null when hidden or unknown', async () => {
      const service = ctx.app.get(RoundtablesService);
      const closed = await create(facilitator, { visibility: 'participants' });
      const open = await create(facilitator, { visibility: 'platform' });
      await addParticipant(closed.id, government, 'participant');
      await addParticipant(closed.id, observer, 'observer');

      expect(await service.access(asAuthUser(facilitator), closed.id)).toMatchObject({ read: true, post: true });
      expect(await service.access(asAuthUser(government), closed.id)).toMatchObject({ read: true, post: true });
      expect(await service.access(asAuthUser(observer), closed.id)).toMatchObject({ read: true, post: false });
      expect(await service.access(asAuthUser(admin), closed.id)).toMatchObject({ read: true, post: true });
      expect(await service.access(asAuthUser(outsider), closed.id)).toBeNull();
      expect(await service.access(asAuthUser(otherFacilitator), closed.id)).toBeNull();
      expect(await service.access(asAuthUser(outsider), open.id)).toMatchObject({ read: true, post: false });
      expect(await service.access(asAuthUser(admin), NOBODY)).toBeNull();
      expect(await service.access(asAuthUser(admin), 'not-a-uuid')).toBeNull();

      // The discussion channel of a roundtable answers through it.
      const registry = ctx.app.get(ChannelAccessRegistry);
      expect(await registry.resolve(asAuthUser(observer), 'roundtable', closed.id)).toMatchObject({ read: true, post: false });
      expect(await registry.resolve(asAuthUser(government), 'roundtable', closed.id)).toMatchObject({ read: true, post: true });
      expect(await registry.resolve(asAuthUser(outsider), 'roundtable', closed.id)).toBeNull();
    });
  });
});
