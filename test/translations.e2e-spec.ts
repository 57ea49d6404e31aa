import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { APP_CONFIG, type ResolvedConfig } from '../src/config/app-config';
import type { TranslationQueueItem } from '../src/translations/dto/translation.dto';
import { TestContext, TestUser } from './support/context';
import { ack, cid, type ClientSocket, connect, next, ok } from './support/sockets';

/** A stand-in for the outside LibreTranslate server: POST /translate answers a deterministic text and records what it was asked. */
function fakeLibreTranslate(): Promise<{ server: Server; url: string; asked: Record<string, unknown>[] }> {
  const asked: Record<string, unknown>[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/translate') {
        res.writeHead(404).end();
        return;
      }
      const body = JSON.parse(raw) as { q: string; source: string; target: string; format: string };
      asked.push(body);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ translatedText: `[${body.target}] ${body.q}` }));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, asked })),
  );
}

describe('translations added later and the translation queue', () => {
  let ctx: TestContext;
  let url: string;
  let fake: Awaited<ReturnType<typeof fakeLibreTranslate>>;
  let admin: TestUser;
  let facilitator: TestUser;
  let employer: TestUser;
  let unionist: TestUser;
  let translator: TestUser;
  let roadmapId: string;
  let itemId: string;
  const sockets: ClientSocket[] = [];

  const queue = async (user: TestUser, query: string): Promise<TranslationQueueItem[]> =>
    (await ctx.http.get(`/api/translations/queue?${query}`).set(user.auth).expect(200)).body.items;

  beforeAll(async () => {
    fake = await fakeLibreTranslate();
    ctx = await TestContext.create({ translateUrl: fake.url });
    await ctx.app.listen(0);
    url = `http://127.0.0.1:${(ctx.app.getHttpServer().address() as AddressInfo).port}`;
    admin = await ctx.newUser({ role: 'admin', constituency: 'international' });
    facilitator = await ctx.newUser({ role: 'facilitator', constituency: 'international' });
    employer = await ctx.newUser({ role: 'member', constituency: 'employers' });
    unionist = await ctx.newUser({ role: 'member', constituency: 'workers' });
    translator = await ctx.newUser({ role: 'member', constituency: 'civil_society', name: `Translator ${Date.now().toString(36)}` });
    await ctx.db.query(`UPDATE users SET locale = 'zh-CN' WHERE id = $1`, [unionist.id]);
    roadmapId = (
      await ctx.http
        .post('/api/roadmaps')
        .set(facilitator.auth)
        .send({ title: { en: 'Translation roadmap', zh: '翻译路线图' }, periodStart: 2024, periodEnd: 2030, ownerOrganizationId: facilitator.organizationId })
        .expect(201)
    ).body.id;
    itemId = (
      await ctx.http
        .post('/api/action-items')
        .set(facilitator.auth)
        .send({
          roadmapId,
          title: { en: `Safety committees in every park ${Date.now().toString(36)}` },
          leadOrganizationId: employer.organizationId,
          policyArea: 'skills',
        })
        .expect(201)
    ).body.id;
    await ctx.http
      .post(`/api/action-items/${itemId}/positions`)
      .set(employer.auth)
      .send({ stance: 'support_with_reservations', statement: 'We support this if small firms get two years to comply.' })
      .expect(200);
  });
  afterAll(async () => {
    for (const s of sockets.splice(0)) s.close();
    await ctx.close();
    await new Promise((resolve) => fake.server.close(resolve));
  });

  it('a translation added later is served to the Chinese reader beside the original, never instead of it', async () => {
    const before = await ctx.http.get(`/api/action-items/${itemId}`).set(unionist.auth).expect(200);
    const position = before.body.positions.find((p: { organization: { id: string } }) => p.organization.id === employer.organizationId);
    expect(position.translations).toEqual([]);

    const watcher = await connect(url, unionist.token);
    sockets.push(watcher);
    ok(await ack(watcher, 'roadmap:watch', { roadmapId }));
    const told = next<{ kind: string; targetId: string; lang: string; translation: { text: string } }>(
      watcher,
      'translation:updated',
      (e) => e.targetId === position.id,
    );

    const saved = await ctx.http
      .put('/api/translations')
      .set(facilitator.auth)
      .send({ kind: 'position', targetId: position.id, lang: 'zh', text: '如果小企业有两年的过渡期，我们支持这一承诺。' })
      .expect(200);
    expect(saved.body.translation).toMatchObject({ lang: 'zh', machine: false, translatedBy: { id: facilitator.id, displayName: facilitator.displayName } });
    expect((await told).translation.text).toBe('如果小企业有两年的过渡期，我们支持这一承诺。');

    const zhReader = await ctx.http.get(`/api/action-items/${itemId}`).set(unionist.auth).expect(200);
    const zhPosition = zhReader.body.positions.find((p: { id: string }) => p.id === position.id);
    expect(zhPosition.statement).toBe('We support this if small firms get two years to comply.');
    expect(zhPosition.translations).toEqual([
      expect.objectContaining({
        lang: 'zh',
        text: '如果小企业有两年的过渡期，我们支持这一承诺。',
        translatedBy: expect.objectContaining({ id: facilitator.id }),
      }),
    ]);
    // The English reader still reads the statement as it was written; there is no English translation to show instead.
    const enReader = await ctx.http.get(`/api/action-items/${itemId}/positions`).set(employer.auth).expect(200);
    const enPosition = enReader.body.items.find((p: { id: string }) => p.id === position.id);
    expect(enPosition.statement).toBe('We support this if small firms get two years to comply.');
    expect(enPosition.translations.map((t: { lang: string }) => t.lang)).toEqual(['zh']);

    expect(await ctx.count('translations', `target_kind = 'position' AND target_id = $1`, [position.id])).toBe(1);
    expect(await ctx.count('activity', `action = 'translation.added' AND entity_id = $1 AND actor_id = $2`, [itemId, facilitator.id])).toBe(1);
  });

  it('refuses a person without the translator right (403), changing nothing, until an admin grants it', async () => {
    const [position] = (await ctx.http.get(`/api/action-items/${itemId}/positions`).set(employer.auth).expect(200)).body.items;
    const attempt = { kind: 'position', targetId: position.id, lang: 'zh', text: '另一个翻译' };
    await ctx.http.put('/api/translations').set(translator.auth).send(attempt).expect(403);
    await ctx.http.get('/api/translations/queue').set(translator.auth).expect(403);
    expect((await ctx.http.get('/api/translations/capabilities').set(translator.auth).expect(200)).body).toEqual({ translate: false, machineDrafts: false });
    const [row] = await ctx.db.query(`SELECT text FROM translations WHERE target_id = $1`, [position.id]);
    expect(row.text).toBe('如果小企业有两年的过渡期，我们支持这一承诺。');

    // Only admins grant it.
    await ctx.http.patch(`/api/users/${translator.id}`).set(facilitator.auth).send({ translator: true }).expect(403);
    const granted = await ctx.http.patch(`/api/users/${translator.id}`).set(admin.auth).send({ translator: true }).expect(200);
    expect(granted.body.translator).toBe(true);
    expect((await ctx.http.get('/api/translations/capabilities').set(translator.auth).expect(200)).body).toEqual({ translate: true, machineDrafts: true });
    const changed = await ctx.http.put('/api/translations').set(translator.auth).send(attempt).expect(200);
    expect(changed.body.translation.translatedBy.id).toBe(translator.id);
    expect(await ctx.count('activity', `action = 'translation.changed' AND entity_id = $1 AND actor_id = $2`, [itemId, translator.id])).toBe(1);

    // Bad input names the field.
    const bad = await ctx.http.put('/api/translations').set(translator.auth).send({ kind: 'poem', targetId: position.id, lang: 'fr', text: ' ' }).expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['kind', 'lang', 'text']));
  });

  it('the queue lists a commitment written only in English and drops it once translated', async () => {
    const waiting = await queue(translator, 'kind=commitment_title&lang=zh');
    const entry = waiting.find((i) => i.targetId === itemId);
    expect(entry).toMatchObject({ kind: 'commitment_title', lang: 'zh', sourceLang: 'en', context: { link: `/action-items/${itemId}` } });
    expect(entry!.original).toMatch(/^Safety committees in every park/);
    // The English-written statement was translated above: it is not waiting for Chinese; nothing asks for it in English.
    expect((await queue(translator, 'kind=position&lang=zh')).some((i) => i.context.id === itemId)).toBe(false);
    expect((await queue(translator, 'lang=en')).some((i) => i.targetId === itemId)).toBe(false);

    await ctx.http
      .put('/api/translations')
      .set(translator.auth)
      .send({ kind: 'commitment_title', targetId: itemId, lang: 'zh', text: '每个园区设立安全委员会' })
      .expect(200);
    expect((await queue(translator, 'kind=commitment_title&lang=zh')).some((i) => i.targetId === itemId)).toBe(false);
    const item = await ctx.http.get(`/api/action-items/${itemId}`).set(unionist.auth).expect(200);
    expect(item.body.title.zh).toBe('每个园区设立安全委员会');
    expect(item.body.title.en).toMatch(/^Safety committees in every park/);
    expect(await ctx.count('activity', `action = 'action_item.translated' AND entity_id = $1`, [itemId])).toBe(1);
    await ctx.http.get('/api/translations/queue?kind=sonnet').set(translator.auth).expect(400);
  });

  it('a message can carry a translation: served in the history and told live to the channel', async () => {
    const channelId = (await ctx.http.get(`/api/channels?kind=action_item&refId=${itemId}`).set(employer.auth).expect(200)).body.items[0].id;
    const poster = await connect(url, employer.token);
    const reader = await connect(url, unionist.token);
    sockets.push(poster, reader);
    ok(await ack(reader, 'channel:join', { channelId }));
    const sent = ok(await ack<{ message: { id: string } }>(poster, 'message:send', { channelId, clientMessageId: cid(), body: 'Training starts in March.' }));
    expect((await queue(translator, 'kind=message&lang=zh')).some((i) => i.targetId === sent.message.id)).toBe(true);

    const told = next<{ targetId: string; translation: { text: string; translatedBy: { id: string } } }>(
      reader,
      'translation:updated',
      (e) => e.targetId === sent.message.id,
    );
    await ctx.http
      .put('/api/translations')
      .set(translator.auth)
      .send({ kind: 'message', targetId: sent.message.id, lang: 'zh', text: '培训将于三月开始。' })
      .expect(200);
    expect((await told).translation).toMatchObject({ text: '培训将于三月开始。', translatedBy: { id: translator.id } });

    const history = await ctx.http.get(`/api/channels/${channelId}/messages`).set(unionist.auth).expect(200);
    const message = history.body.items.find((m: { id: string }) => m.id === sent.message.id);
    expect(message.body).toBe('Training starts in March.');
    expect(message.translations).toEqual([expect.objectContaining({ lang: 'zh', text: '培训将于三月开始。', machine: false })]);
    expect((await queue(translator, 'kind=message&lang=zh')).some((i) => i.targetId === sent.message.id)).toBe(false);
  });

  it('a message in a roundtable the translator cannot read is neither queued nor translatable (404)', async () => {
    const roundtableId = (
      await ctx.http
        .post('/api/roundtables')
        .set(facilitator.auth)
        .send({ title: { en: 'Closed translation roundtable' }, startsAt: '2031-05-02T01:00:00Z', endsAt: '2031-05-02T09:00:00Z', visibility: 'participants' })
        .expect(201)
    ).body.id;
    const channelId = (await ctx.http.get(`/api/channels?kind=roundtable&refId=${roundtableId}`).set(facilitator.auth).expect(200)).body.items[0].id;
    const poster = await connect(url, facilitator.token);
    sockets.push(poster);
    const sent = ok(await ack<{ message: { id: string } }>(poster, 'message:send', { channelId, clientMessageId: cid(), body: 'Closed door remark.' }));
    const items = await queue(translator, '');
    expect(items.some((i) => i.targetId === sent.message.id || i.targetId === roundtableId)).toBe(false);
    await ctx.http
      .put('/api/translations')
      .set(translator.auth)
      .send({ kind: 'message', targetId: sent.message.id, lang: 'zh', text: '闭门发言。' })
      .expect(404);
    await ctx.http
      .put('/api/translations')
      .set(translator.auth)
      .send({ kind: 'roundtable_title', targetId: roundtableId, lang: 'zh', text: '闭门圆桌' })
      .expect(404);
    expect(await ctx.count('translations', `target_id = $1`, [sent.message.id])).toBe(0);
    // The facilitator who runs it sees its title waiting for Chinese.
    expect((await queue(facilitator, 'kind=roundtable_title&lang=zh')).some((i) => i.targetId === roundtableId)).toBe(true);
  });

  it('a machine draft comes from the LibreTranslate server and, saved as it came, is marked machine', async () => {
    const draft = await ctx.http
      .post('/api/translations/machine-draft')
      .set(translator.auth)
      .send({ text: 'Training starts in March.', source: 'en', target: 'zh' })
      .expect(200);
    expect(draft.body).toEqual({ text: '[zh] Training starts in March.', machine: true });
    expect(fake.asked.at(-1)).toEqual({ q: 'Training starts in March.', source: 'en', target: 'zh', format: 'text' });

    const [position] = (await ctx.http.get(`/api/action-items/${itemId}/positions`).set(employer.auth).expect(200)).body.items;
    await ctx.http
      .put('/api/translations')
      .set(translator.auth)
      .send({ kind: 'position', targetId: position.id, lang: 'en', text: draft.body.text, machine: true })
      .expect(200);
    const served = (await ctx.http.get(`/api/action-items/${itemId}`).set(employer.auth).expect(200)).body.positions.find(
      (p: { id: string }) => p.id === position.id,
    );
    expect(served.translations.find((t: { lang: string }) => t.lang === 'en')).toMatchObject({ machine: true, text: '[zh] Training starts in March.' });
    await ctx.http.post('/api/translations/machine-draft').set(unionist.auth).send({ text: 'x', source: 'en', target: 'zh' }).expect(403);
  });

  it('a person may give the Chinese form of their name; admins may too', async () => {
    const me = await ctx.http.patch('/api/auth/me').set(unionist.auth).send({ nameZh: '林工' }).expect(200);
    expect(me.body.nameZh).toBe('林工');
    const byAdmin = await ctx.http.patch(`/api/users/${employer.id}`).set(admin.auth).send({ nameZh: '王经理' }).expect(200);
    expect(byAdmin.body.nameZh).toBe('王经理');
    await ctx.http.patch(`/api/users/${employer.id}`).set(unionist.auth).send({ nameZh: '别人' }).expect(403);
  });

  it('the indicator catalogue carries Chinese definitions and sources', async () => {
    const [row] = await ctx.db.query(`SELECT definition->>'zh' AS definition, source_zh FROM indicators WHERE code = 'GJ.GREEN_JOBS'`);
    expect(row.definition).toContain('体面劳动');
    expect(row.source_zh).toContain('国际劳工组织');
    const served = await ctx.http.get('/api/indicators/GJ.GREEN_JOBS').set(unionist.auth).expect(200);
    expect(served.body.definition.zh).toContain('体面劳动');
    expect(served.body.definition.en).toMatch(/decent-work/);
    expect(served.body.sourceZh).toContain('国际劳工组织');
  });

  it('without TRANSLATE_URL no machine drafts are offered', async () => {
    // The same app with the setting taken away: the translator reads it on every request.
    const config = ctx.app.get<ResolvedConfig>(APP_CONFIG);
    const configured = config.translateUrl;
    Object.assign(config, { translateUrl: undefined });
    try {
      const user = await ctx.newUser({ role: 'facilitator', constituency: 'international' });
      expect((await ctx.http.get('/api/translations/capabilities').set(user.auth).expect(200)).body).toEqual({ translate: true, machineDrafts: false });
      await ctx.http.post('/api/translations/machine-draft').set(user.auth).send({ text: 'Hello', source: 'en', target: 'zh' }).expect(503);
    } finally {
      Object.assign(config, { translateUrl: configured });
    }
  });
});
