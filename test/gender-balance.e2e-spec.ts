import { TestContext, type TestUser } from './support/context';

type GenderCount = { total: number; women: number; men: number; notStated: number; womenShare: number | null; belowTarget: boolean };
type Gender = GenderCount & { byConstituency: ({ constituency: string } & GenderCount)[] };
const groupOf = (gender: Gender, constituency: string) => gender.byConstituency.find((g) => g.constituency === constituency)!;

describe('gender balance: people state their sex; balances show women’s share and warn below 30%', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let facilitator: TestUser;
  let other: TestUser;

  beforeAll(async () => {
    ctx = await TestContext.create();
    admin = await ctx.newUser({ role: 'admin', constituency: 'international' });
    facilitator = await ctx.newUser({ role: 'facilitator', constituency: 'international' });
    other = await ctx.newUser({ constituency: 'workers' });
  });
  afterAll(() => ctx.close());

  it('a person states (and clears) their own sex; an admin may set it; others never see it', async () => {
    const me = await ctx.newUser({ constituency: 'government' });
    expect((await ctx.http.get('/api/auth/me').set(me.auth).expect(200)).body.sex).toBeNull();
    expect((await ctx.http.patch('/api/auth/me').set(me.auth).send({ sex: 'female' }).expect(200)).body.sex).toBe('female');
    const [row] = await ctx.db.query('SELECT sex FROM users WHERE id = $1', [me.id]);
    expect(row.sex).toBe('female');
    // Others (even a facilitator) do not see it; admins do.
    expect((await ctx.http.get(`/api/users/${me.id}`).set(other.auth).expect(200)).body).not.toHaveProperty('sex');
    expect((await ctx.http.get(`/api/users/${me.id}`).set(facilitator.auth).expect(200)).body).not.toHaveProperty('sex');
    expect((await ctx.http.get(`/api/users/${me.id}`).set(admin.auth).expect(200)).body.sex).toBe('female');
    // An admin corrects it; only admins may.
    expect((await ctx.http.patch(`/api/users/${me.id}`).set(admin.auth).send({ sex: 'not_stated' }).expect(200)).body.sex).toBe('not_stated');
    await ctx.http.patch(`/api/users/${me.id}`).set(facilitator.auth).send({ sex: 'male' }).expect(403);
    // Bad values are refused, naming the field, and change nothing; null clears it.
    const bad = await ctx.http.patch('/api/auth/me').set(me.auth).send({ sex: 'woman' }).expect(400);
    expect(bad.body.details).toEqual([{ field: 'sex', message: 'sex must be one of female, male, not_stated, or null' }]);
    expect((await ctx.http.get('/api/auth/me').set(me.auth).expect(200)).body.sex).toBe('not_stated');
    expect((await ctx.http.patch('/api/auth/me').set(me.auth).send({ sex: null }).expect(200)).body.sex).toBeNull();
  });

  it('a roundtable’s balance gives women’s share overall and per constituency, flags below 30% and counts who did not state', async () => {
    const people: [TestUser, string][] = [];
    for (const [constituency, sex] of [
      ['government', 'female'],
      ['government', 'male'],
      ['employers', 'male'],
      ['employers', 'male'],
      ['employers', 'male'],
      ['employers', 'female'],
      ['workers', 'female'],
      ['workers', null],
    ] as const) {
      const user = await ctx.newUser({ constituency });
      if (sex) await ctx.http.patch('/api/auth/me').set(user.auth).send({ sex }).expect(200);
      people.push([user, constituency]);
    }
    const rt = (
      await ctx.http
        .post('/api/roundtables')
        .set(facilitator.auth)
        .send({ title: { en: 'Balance check' }, startsAt: '2031-05-10T09:00:00+08:00', endsAt: '2031-05-10T17:00:00+08:00' })
        .expect(201)
    ).body;
    for (const [user] of people) await ctx.http.post(`/api/roundtables/${rt.id}/participants`).set(facilitator.auth).send({ userId: user.id }).expect(201);
    const balance = (await ctx.http.get(`/api/roundtables/${rt.id}/balance`).set(facilitator.auth).expect(200)).body;
    // The facilitator (international, not stated) is counted too.
    expect(balance.gender).toMatchObject({ total: 9, women: 3, men: 4, notStated: 2, belowTarget: false });
    expect(balance.gender.womenShare).toBeCloseTo(3 / 7);
    expect(groupOf(balance.gender, 'employers')).toMatchObject({ total: 4, women: 1, womenShare: 0.25, belowTarget: true });
    expect(groupOf(balance.gender, 'workers')).toMatchObject({ total: 2, women: 1, notStated: 1, womenShare: 1, belowTarget: false });

    // Once attendance is recorded, the share is of those present.
    for (const [user, constituency] of people) {
      const attended = constituency !== 'government' || user === people[1][0];
      await ctx.http.patch(`/api/roundtables/${rt.id}/participants/${user.id}`).set(facilitator.auth).send({ attended }).expect(200);
    }
    const present = (await ctx.http.get(`/api/roundtables/${rt.id}/balance`).set(facilitator.auth).expect(200)).body;
    expect(groupOf(present.gender, 'government')).toMatchObject({ total: 1, women: 0, womenShare: 0, belowTarget: true });
    expect(present.gender).toMatchObject({ total: 7, women: 2, men: 4 });
  });

  it('a working group’s balance carries the same gender view', async () => {
    const chair = await ctx.newUser({ constituency: 'workers' });
    await ctx.http.patch('/api/auth/me').set(chair.auth).send({ sex: 'male' }).expect(200);
    const member = await ctx.newUser({ constituency: 'employers' });
    await ctx.http.patch(`/api/users/${member.id}`).set(admin.auth).send({ sex: 'male' }).expect(200);
    const group = (
      await ctx.http
        .post('/api/working-groups')
        .set(facilitator.auth)
        .send({ name: { en: 'Skills group' }, mandate: { en: 'Draft the skills plan' }, chairId: chair.id })
        .expect(201)
    ).body;
    await ctx.http.post(`/api/working-groups/${group.id}/members`).set(facilitator.auth).send({ userId: member.id }).expect(201);
    const balance = (await ctx.http.get(`/api/working-groups/${group.id}/balance`).set(facilitator.auth).expect(200)).body;
    expect(balance.byConstituency).toMatchObject({ workers: 1, employers: 1 });
    expect(balance.gender).toMatchObject({ total: 2, women: 0, men: 2, womenShare: 0, belowTarget: true });
  });
});
