import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type ClientSocket, ack, connect, next, ok } from './support/sockets';
import { TestContext, TestUser, uniqueIp } from './support/context';

type Body = Record<string, unknown>;

describe('input hardening: names, passwords, message text, dates, exports and who sees what', () => {
  let ctx: TestContext;
  let url: string;
  let admin: TestUser;
  let facilitator: TestUser;
  let member: TestUser;
  const tag = randomUUID().slice(0, 6);
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    ctx = await TestContext.create();
    await ctx.app.listen(0);
    url = `http://127.0.0.1:${(ctx.app.getHttpServer().address() as AddressInfo).port}`;
    admin = await ctx.newUser({ role: 'admin', constituency: 'international' });
    facilitator = await ctx.newUser({ role: 'facilitator', constituency: 'international' });
    member = await ctx.newUser({ role: 'member', constituency: 'workers' });
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });
  afterAll(() => ctx.close());

  const fieldsOf = (res: { body: { details: { field: string }[] } }) => res.body.details.map((d) => d.field);
  const displayNameOf = async (id: string): Promise<string> => {
    const [row] = await ctx.db.query<{ display_name: string }[]>('SELECT display_name FROM users WHERE id = $1', [id]);
    return row.display_name;
  };
  const invite = async (role = 'member', by: TestUser = facilitator) => {
    const org = await ctx.newOrganization('workers');
    const email = `invitee-${randomUUID().slice(0, 8)}@union.example`;
    const res = await ctx.http.post('/api/invitations').set(by.auth).send({ email, organizationId: org.id, role }).expect(201);
    return { id: res.body.id as string, token: res.body.token as string, email };
  };

  describe('display names', () => {
    it('are trimmed (and lose bidirectional controls) before they are checked and stored', async () => {
      const user = await ctx.newUser();
      const res = await ctx.http
        .patch('/api/auth/me')
        .set(user.auth)
        .send({ displayName: `  \u202EMei Lin ${tag}\u202C \n` })
        .expect(200);
      expect(res.body.displayName).toBe(`Mei Lin ${tag}`);
      expect(await displayNameOf(user.id)).toBe(`Mei Lin ${tag}`);
    });

    it('refuse blank and invisible-only names with a 400 naming displayName, changing nothing', async () => {
      const user = await ctx.newUser();
      const before = await displayNameOf(user.id);
      for (const displayName of ['   ', '\u200B\u200D\u2060', '\u202E\u2066\u2069', '\u3164\u00AD ']) {
        const res = await ctx.http.patch('/api/auth/me').set(user.auth).send({ displayName }).expect(400);
        expect(fieldsOf(res)).toEqual(['displayName']);
      }
      const byAdmin = await ctx.http.patch(`/api/users/${user.id}`).set(admin.auth).send({ displayName: '\u200B \u200B' }).expect(400);
      expect(fieldsOf(byAdmin)).toEqual(['displayName']);
      expect(await displayNameOf(user.id)).toBe(before);
    });

    it("refuse a name that imitates another active person's: case, full-width letters, lookalike letters, hidden characters", async () => {
      const original = await ctx.newUser({ name: `Wang Fang ${tag}` });
      const impostor = await ctx.newUser();
      const before = await displayNameOf(impostor.id);
      const imitations = [
        `wang fang ${tag}`, // case
        `Ｗａｎｇ Ｆａｎｇ ${tag}`, // full-width (NFKC)
        `W\u0430ng F\u0430ng ${tag}`, // Cyrillic а for Latin a
        `Wang\u200B Fang ${tag}`, // a zero-width space inside
        ` Wang  Fang ${tag} `,
      ];
      for (const displayName of imitations) {
        const res = await ctx.http.patch('/api/auth/me').set(impostor.auth).send({ displayName }).expect(400);
        expect(res.body.details).toEqual([{ field: 'displayName', message: 'displayName is too much like the name of another person' }]);
      }
      expect(await displayNameOf(impostor.id)).toBe(before);
      // The owner may keep (and re-save) their own name; a name that merely shares a word is fine.
      await ctx.http
        .patch('/api/auth/me')
        .set(original.auth)
        .send({ displayName: `Wang Fang ${tag}` })
        .expect(200);
      await ctx.http
        .patch('/api/auth/me')
        .set(impostor.auth)
        .send({ displayName: `Wang Fangfang ${tag}` })
        .expect(200);
      // Once the original is deactivated, the name is free again.
      await ctx.db.query('UPDATE users SET active = false WHERE id = $1', [original.id]);
      await ctx.http
        .patch('/api/auth/me')
        .set(impostor.auth)
        .send({ displayName: `WANG FANG ${tag}` })
        .expect(200);
    });

    it('are checked when accepting an invitation too: nothing is created for an imitation', async () => {
      await ctx.newUser({ name: `Zhang Wei ${tag}` });
      const invitation = await invite();
      const res = await ctx.http
        .post(`/api/invitations/${invitation.token}/accept`)
        .send({ displayName: `ZHANG W\u0435I ${tag}`, password: 'a-long-password' })
        .expect(400);
      expect(fieldsOf(res)).toEqual(['displayName']);
      expect(await ctx.count('users', 'email = $1', [invitation.email])).toBe(0);
      const blank = await ctx.http
        .post(`/api/invitations/${invitation.token}/accept`)
        .send({ displayName: ' \u200B ', password: 'a-long-password' })
        .expect(400);
      expect(new Set(fieldsOf(blank))).toEqual(new Set(['displayName']));
      await ctx.http.get(`/api/invitations/by-token/${invitation.token}`).expect(200);
    });
  });

  describe('message bodies', () => {
    it('lose their bidirectional override and isolate characters, for the sender and every reader', async () => {
      const lobby = (await ctx.http.get('/api/channels?kind=lobby').set(member.auth).expect(200)).body.items[0] as { id: string };
      const reader = await connect(url, facilitator.token);
      const writer = await connect(url, member.token);
      sockets.push(reader, writer);
      ok(await ack(reader, 'channel:join', { channelId: lobby.id }));
      const body = `Invoice \u202Efdp.exe\u202C and \u2066isolated\u2069 ${tag}`;
      const heard = next<{ message: { body: string } }>(reader, 'message:new', (p) => p.message.body.endsWith(tag));
      const sent = ok(
        await ack<{ message: { id: string; body: string } }>(writer, 'message:send', { channelId: lobby.id, clientMessageId: randomUUID(), body }),
      );
      const clean = `Invoice fdp.exe and isolated ${tag}`;
      expect(sent.message.body).toBe(clean);
      expect((await heard).message.body).toBe(clean);
      const [row] = await ctx.db.query('SELECT body FROM messages WHERE id = $1', [sent.message.id]);
      expect(row.body).toBe(clean);
      const onlyControls = await ack(writer, 'message:send', { channelId: lobby.id, clientMessageId: randomUUID(), body: '\u202E\u2066' });
      expect(onlyControls).toMatchObject({ ok: false, error: { code: 'validation', details: [{ field: 'body' }] } });
    });
  });

  describe('passwords', () => {
    const weak = (invitation: { email: string }, name: string) => [
      'aaaaaaaaaaaa',
      'password1234',
      'qwertyuiop12',
      invitation.email,
      `${invitation.email.split('@')[0]}2024`,
      `${name.replace(/\s/g, '')}1234`,
    ];

    it('accepting an invitation refuses common, repeated and personal passwords with a 400 naming password', async () => {
      const invitation = await invite();
      const name = `Liu Yang ${tag}`;
      for (const password of weak(invitation, name)) {
        const res = await ctx.http.post(`/api/invitations/${invitation.token}/accept`).send({ displayName: name, password }).expect(400);
        expect(fieldsOf(res)).toEqual(['password']);
      }
      expect(await ctx.count('users', 'email = $1', [invitation.email])).toBe(0);
      await ctx.http.post(`/api/invitations/${invitation.token}/accept`).send({ displayName: name, password: 'amber-lantern-orchard' }).expect(201);
    });

    it('changing a password refuses the same, naming newPassword, and keeps the old one', async () => {
      const user = await ctx.newUser();
      for (const newPassword of ['aaaaaaaaaaaa', 'password1234', user.email, `${user.displayName.replace(/\s/g, '')}99`]) {
        const res = await ctx.http.patch('/api/auth/me').set(user.auth).send({ newPassword, currentPassword: user.password }).expect(400);
        expect(fieldsOf(res)).toEqual(['newPassword']);
      }
      const login = (password: string) => ctx.http.post('/api/auth/login').set('X-Forwarded-For', uniqueIp()).send({ email: user.email, password });
      await login(user.password).expect(200);
      await ctx.http.patch('/api/auth/me').set(user.auth).send({ newPassword: 'amber-lantern-orchard', currentPassword: user.password }).expect(200);
      await login('amber-lantern-orchard').expect(200);
    });
  });

  describe('invitations', () => {
    it('a facilitator may not revoke an admin invitation (403, still pending); an admin may', async () => {
      const invitation = await invite('admin', admin);
      const refused = await ctx.http.delete(`/api/invitations/${invitation.id}`).set(facilitator.auth).expect(403);
      expect(refused.body.message).toMatch(/admin/);
      expect(await ctx.count('invitations', 'id = $1 AND revoked_at IS NULL', [invitation.id])).toBe(1);
      await ctx.http.get(`/api/invitations/by-token/${invitation.token}`).expect(200);
      await ctx.http.delete(`/api/invitations/${invitation.id}`).set(admin.auth).expect(204);
      expect(await ctx.count('invitations', 'id = $1 AND revoked_at IS NOT NULL', [invitation.id])).toBe(1);
      // A facilitator still revokes the member invitations.
      const forMember = await invite('member');
      await ctx.http.delete(`/api/invitations/${forMember.id}`).set(facilitator.auth).expect(204);
    });
  });

  describe('working groups formed by a private roundtable', () => {
    it('do not give its id to readers who cannot see the roundtable', async () => {
      const chair = await ctx.newUser({ role: 'member', constituency: 'government' });
      const closed = (
        await ctx.http
          .post('/api/roundtables')
          .set(facilitator.auth)
          .send({ title: { en: `Closed ${tag}` }, startsAt: '2031-03-10T09:00:00+08:00', endsAt: '2031-03-10T17:00:00+08:00', visibility: 'participants' })
          .expect(201)
      ).body as { id: string };
      const group = (
        await ctx.http
          .post('/api/working-groups')
          .set(facilitator.auth)
          .send({ name: { en: `Group ${tag}` }, mandate: { en: 'Map skills gaps' }, chairId: chair.id, formedByRoundtableId: closed.id })
          .expect(201)
      ).body as { id: string };
      await ctx.http.get(`/api/roundtables/${closed.id}`).set(member.auth).expect(404);

      const read = await ctx.http.get(`/api/working-groups/${group.id}`).set(member.auth).expect(200);
      expect(read.body).toMatchObject({ formedByRoundtableId: null, formedByRoundtable: null });
      expect(JSON.stringify(read.body)).not.toContain(closed.id);
      const list = await ctx.http.get('/api/working-groups?limit=200').set(member.auth).expect(200);
      expect(JSON.stringify(list.body)).not.toContain(closed.id);
      // Nor can they probe it with the filter.
      const probe = await ctx.http.get(`/api/working-groups?formedByRoundtableId=${closed.id}`).set(member.auth).expect(200);
      expect(probe.body.items).toEqual([]);

      // Who can see the roundtable still sees where the group came from.
      const staff = await ctx.http.get(`/api/working-groups/${group.id}`).set(facilitator.auth).expect(200);
      expect(staff.body).toMatchObject({ formedByRoundtableId: closed.id, formedByRoundtable: { id: closed.id } });
      const filtered = await ctx.http.get(`/api/working-groups?formedByRoundtableId=${closed.id}`).set(facilitator.auth).expect(200);
      expect(filtered.body.items.map((g: { id: string }) => g.id)).toEqual([group.id]);
    });
  });

  describe('dates out of range', () => {
    it('are refused in every date and date-time field with a 400 naming the field, writing nothing', async () => {
      const roundtable = (overrides: Body) =>
        ctx.http
          .post('/api/roundtables')
          .set(facilitator.auth)
          .send({ title: { en: `Dates ${tag}` }, startsAt: '2031-03-10T09:00:00+08:00', endsAt: '2031-03-10T17:00:00+08:00', ...overrides });
      const before = await ctx.count('roundtables');
      expect(fieldsOf(await roundtable({ startsAt: '1850-03-10T09:00:00+08:00' }).expect(400))).toContain('startsAt');
      expect(fieldsOf(await roundtable({ endsAt: '2201-01-01T00:00:00Z' }).expect(400))).toContain('endsAt');
      expect(fieldsOf(await roundtable({ startsAt: '0001-01-01T00:00:00Z', endsAt: '0001-01-02T00:00:00Z' }).expect(400))).toEqual(
        expect.arrayContaining(['startsAt', 'endsAt']),
      );
      expect(await ctx.count('roundtables')).toBe(before);
      const rt = (await roundtable({}).expect(201)).body as { id: string };
      expect(
        fieldsOf(await ctx.http.patch(`/api/roundtables/${rt.id}`).set(facilitator.auth).send({ startsAt: '9999-12-31T00:00:00Z' }).expect(400)),
      ).toContain('startsAt');
      const agenda = await ctx.http
        .post(`/api/roundtables/${rt.id}/agenda-items`)
        .set(facilitator.auth)
        .send({ title: { en: 'Opening' }, startsAt: '1899-12-31T23:59:00Z' })
        .expect(400);
      expect(fieldsOf(agenda)).toContain('startsAt');

      const roadmap = (
        await ctx.http
          .post('/api/roadmaps')
          .set(facilitator.auth)
          .send({ title: { en: `Roadmap ${tag}` }, periodStart: 2020, periodEnd: 2025, ownerOrganizationId: member.organizationId })
          .expect(201)
      ).body as { id: string };
      const items = await ctx.count('action_items');
      const item = await ctx.http
        .post('/api/action-items')
        .set(facilitator.auth)
        .send({ roadmapId: roadmap.id, title: { en: 'Training' }, leadOrganizationId: member.organizationId, policyArea: 'skills', dueDate: '2300-01-01' })
        .expect(400);
      expect(fieldsOf(item)).toEqual(['dueDate']);
      expect(await ctx.count('action_items')).toBe(items);
      // The edges are fine.
      await ctx.http
        .post('/api/action-items')
        .set(facilitator.auth)
        .send({ roadmapId: roadmap.id, title: { en: 'Training' }, leadOrganizationId: member.organizationId, policyArea: 'skills', dueDate: '2200-12-31' })
        .expect(201);
      await roundtable({ startsAt: '1900-01-01T00:00:00Z', endsAt: '1900-01-01T01:00:00Z' }).expect(201);
    });
  });

  describe('observations export.csv', () => {
    it('guards the scope column against spreadsheet formulas like the others, and imports again unchanged', async () => {
      const province = `=HYPERLINK("x")${tag}`;
      const city = `@SUM(1)${tag}`;
      await ctx.db.query(`INSERT INTO parks (name, city, province, level) VALUES ($1, $2, $3, 'national')`, [
        JSON.stringify({ en: `Formula park ${tag}`, zh: `公式园区${tag}` }),
        city,
        province,
      ]);
      await ctx.http
        .post('/api/observations')
        .set(facilitator.auth)
        .send({ indicatorId: 'GJ.EMP_ENV', scopeType: 'city', province, city, period: '2022', value: 42 })
        .expect(201);
      const res = await ctx.http
        .get(`/api/observations/export.csv?indicatorId=GJ.EMP_ENV&scopeType=city&scope=${encodeURIComponent(`${province}/${city}`)}`)
        .set(facilitator.auth)
        .expect(200);
      const line = res.text.split('\n').find((l) => l.startsWith('GJ.EMP_ENV,city,'))!;
      expect(line).toBeDefined();
      const scopeCell = line.slice('GJ.EMP_ENV,city,'.length);
      expect(scopeCell.startsWith(`"'=HYPERLINK(""x"")${tag}/@SUM(1)${tag}"`)).toBe(true);
      const again = await ctx.http
        .post('/api/observations/import')
        .set(facilitator.auth)
        .attach('file', Buffer.from(res.text, 'utf8'), { filename: 'values.csv', contentType: 'text/csv' })
        .expect(200);
      expect(again.body).toMatchObject({ ok: true, inserted: 0, superseded: 0, unchanged: 1 });
    });
  });
});
