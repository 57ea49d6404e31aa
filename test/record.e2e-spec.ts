import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import type { Response } from 'supertest';
import { TestContext, TestUser } from './support/context';

const DAY = 86_400_000;
const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

type Body = Record<string, unknown>;
const fieldsOf = (body: { details: { field: string }[] }) => body.details.map((d) => d.field);

/** Collects a binary response body as a Buffer. */
const binary = (res: Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/** The text pdf.js extracts from the PDF (run as its own process: pdf.js is an ES module). */
function pdfText(pdf: Buffer): { pages: number; text: string } {
  const out = execFileSync(process.execPath, [join(__dirname, 'support', 'pdf-text.mjs')], { input: pdf, maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(out.toString()) as { pages: number; text: string };
}
/** An embedded Word font (.odttf) back as the TrueType file: its first 32 bytes are XORed with its key (ECMA-376 Part 2, 11.1). */
function deobfuscate(odttf: Buffer, fontKey: string): Buffer {
  const key = Buffer.from(fontKey.replace(/[{}-]/g, ''), 'hex').reverse();
  const ttf = Buffer.from(odttf);
  for (let i = 0; i < 32; i++) ttf[i] ^= key[i % 16];
  return ttf;
}

/** pdf.js may break a line anywhere: compare without whitespace. */
const squeeze = (s: string) => s.replace(/\s+/g, '');

describe('the official record: adopted minutes and reports', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let facilitator: TestUser;
  let unionist: TestUser;
  let employer: TestUser;
  let absentee: TestUser;
  let outsider: TestUser;

  beforeAll(async () => {
    ctx = await TestContext.create();
    admin = await ctx.newUser({ role: 'admin', constituency: 'international', name: 'Ada Admin' });
    facilitator = await ctx.newUser({ role: 'facilitator', constituency: 'international', name: 'Fei Facilitator' });
    unionist = await ctx.newUser({ role: 'member', constituency: 'workers', name: 'Wang Union' });
    employer = await ctx.newUser({ role: 'member', constituency: 'employers', name: 'Emma Employer' });
    absentee = await ctx.newUser({ role: 'member', constituency: 'government', name: 'Gao Absent' });
    outsider = await ctx.newUser({ role: 'member', constituency: 'workers', name: 'Olga Outsider' });
  });
  afterAll(() => ctx.close());

  /** A roundtable with two agenda items with minutes; the unionist and employer attended, the absentee did not. */
  async function meeting(overrides: Body = {}) {
    const rt = (
      await ctx.http
        .post('/api/roundtables')
        .set(facilitator.auth)
        .send({
          title: { en: 'Green skills in Suzhou Industrial Park', zh: '苏州工业园区的绿色技能' },
          startsAt: '2027-03-10T01:00:00.000Z',
          endsAt: '2027-03-10T08:00:00.000Z',
          timeZone: 'Asia/Shanghai',
          location: { city: 'Suzhou', venue: 'SIP Conference Centre', online: false },
          visibility: 'participants',
          ...overrides,
        })
        .expect(201)
    ).body;
    const base = `/api/roundtables/${rt.id}`;
    for (const user of [unionist, employer, absentee]) {
      await ctx.http.post(`${base}/participants`).set(facilitator.auth).send({ userId: user.id, role: 'participant' }).expect(201);
    }
    await ctx.http.patch(`${base}/participants/${absentee.id}`).set(facilitator.auth).send({ attended: false }).expect(200);
    await ctx.http.patch(`${base}/participants/${unionist.id}`).set(facilitator.auth).send({ attended: true }).expect(200);
    const items = [];
    for (const [en, zh] of [
      ['Training needs', '培训需求'],
      ['Wages in green jobs', '绿色岗位的工资'],
    ]) {
      const item = (await ctx.http.post(`${base}/agenda-items`).set(facilitator.auth).send({ title: { en, zh } }).expect(201)).body;
      await ctx.http
        .put(`${base}/agenda-items/${item.id}/minutes`)
        .set(facilitator.auth)
        .send({ text: { en: `Minutes on ${en}`, zh: `关于${zh}的纪要` } })
        .expect(200);
      items.push(item);
    }
    return { rt, base, items };
  }

  const move = (base: string, by: TestUser, body: Body) => ctx.http.post(`${base}/minutes/status`).set(by.auth).send(body);

  describe('minutes that are adopted', () => {
    it('draft → circulated (attendees notified) → comments → adopted with objections → locked; illegal moves answer 409', async () => {
      const { rt, base, items } = await meeting();
      const start = (await ctx.http.get(`${base}/minutes`).set(facilitator.auth).expect(200)).body;
      expect(start).toMatchObject({ status: 'draft', allowed: ['circulated'], comments: [], objections: [], corrigenda: [] });

      // Moves that skip a step are refused and change nothing.
      for (const status of ['adopted', 'locked', 'draft']) {
        const res = await move(base, facilitator, { status }).expect(409);
        expect(res.body.allowed).toEqual(['circulated']);
      }
      expect(await ctx.count('roundtable_minutes', 'roundtable_id = $1', [rt.id])).toBe(0);

      // Comments are closed while the minutes are a draft.
      await ctx.http.post(`${base}/agenda-items/${items[0].id}/minutes/comments`).set(unionist.auth).send({ text: 'Too early' }).expect(409);

      // Circulating needs a future deadline and a facilitator.
      const noDeadline = await move(base, facilitator, { status: 'circulated' }).expect(400);
      expect(fieldsOf(noDeadline.body)).toContain('commentDeadline');
      const past = await move(base, facilitator, { status: 'circulated', commentDeadline: at(-DAY) }).expect(400);
      expect(fieldsOf(past.body)).toEqual(['commentDeadline']);
      await move(base, unionist, { status: 'circulated', commentDeadline: at(7 * DAY) }).expect(403);

      const deadline = at(7 * DAY);
      const circulated = (await move(base, facilitator, { status: 'circulated', commentDeadline: deadline }).expect(200)).body;
      expect(circulated).toMatchObject({
        status: 'circulated',
        commentDeadline: deadline,
        circulatedBy: { id: facilitator.id },
        allowed: ['draft', 'adopted'],
      });

      // The attendees (not the absentee, not the facilitator who circulated) are notified with a bilingual title and a link.
      const notified = await ctx.db.query(`SELECT user_id, payload FROM notifications WHERE kind = 'minutes.circulated' AND payload->>'roundtableId' = $1`, [
        rt.id,
      ]);
      expect(notified.map((n: { user_id: string }) => n.user_id).sort()).toEqual([unionist.id, employer.id].sort());
      expect(notified[0].payload).toMatchObject({ link: `/roundtables/${rt.id}?tab=agenda` });
      expect(notified[0].payload.title.en).toContain('Green skills in Suzhou Industrial Park');
      expect(notified[0].payload.title.zh).toContain('苏州工业园区的绿色技能');
      const bell = (await ctx.http.get('/api/notifications').set(unionist.auth).expect(200)).body;
      expect(bell.items.some((n: { kind: string }) => n.kind === 'minutes.circulated')).toBe(true);

      // Attendees comment on an agenda item's minutes; the absentee and outsiders cannot.
      const comment = (
        await ctx.http
          .post(`${base}/agenda-items/${items[1].id}/minutes/comments`)
          .set(unionist.auth)
          .send({ text: 'The minutes should record the wage floor we proposed.' })
          .expect(201)
      ).body;
      expect(comment).toMatchObject({ agendaItemId: items[1].id, author: { id: unionist.id }, text: 'The minutes should record the wage floor we proposed.' });
      await ctx.http.post(`${base}/agenda-items/${items[1].id}/minutes/comments`).set(absentee.auth).send({ text: 'x' }).expect(403);
      await ctx.http.post(`${base}/agenda-items/${items[1].id}/minutes/comments`).set(outsider.auth).send({ text: 'x' }).expect(404);
      const blank = await ctx.http.post(`${base}/agenda-items/${items[1].id}/minutes/comments`).set(unionist.auth).send({ text: '' }).expect(400);
      expect(fieldsOf(blank.body)).toEqual(['text']);
      expect((await ctx.http.get(`${base}/minutes`).set(employer.auth).expect(200)).body).toMatchObject({
        canComment: true,
        allowed: [],
        comments: [{ id: comment.id }],
      });

      // While circulated the facilitator may still revise the text (in answer to comments).
      await ctx.http
        .put(`${base}/agenda-items/${items[1].id}/minutes`)
        .set(facilitator.auth)
        .send({ text: { en: 'Minutes on wages, with the proposed wage floor', zh: '关于工资的纪要' } })
        .expect(200);

      // Objections must name attendees.
      const stranger = await move(base, facilitator, { status: 'adopted', objections: [{ userId: absentee.id, statement: 'I was not there' }] }).expect(400);
      expect(fieldsOf(stranger.body)).toEqual(['objections.0.userId']);
      await move(base, unionist, { status: 'adopted' }).expect(403);

      const adopted = (
        await move(base, facilitator, {
          status: 'adopted',
          objections: [{ userId: employer.id, statement: 'The employers do not accept the wage floor as recorded.' }],
        }).expect(200)
      ).body;
      expect(adopted).toMatchObject({
        status: 'adopted',
        adoptedBy: { id: facilitator.id },
        objections: [{ person: { id: employer.id }, statement: 'The employers do not accept the wage floor as recorded.' }],
        allowed: ['locked'],
        canComment: false,
      });
      expect(adopted.adoptedAt).toEqual(expect.any(String));

      // Comments close with adoption; adopting again or going back is refused.
      await ctx.http.post(`${base}/agenda-items/${items[0].id}/minutes/comments`).set(unionist.auth).send({ text: 'late' }).expect(409);
      expect((await move(base, facilitator, { status: 'circulated', commentDeadline: at(DAY) }).expect(409)).body.allowed).toEqual(['locked']);
      await move(base, facilitator, { status: 'adopted' }).expect(409);

      const locked = (await move(base, facilitator, { status: 'locked' }).expect(200)).body;
      expect(locked).toMatchObject({ status: 'locked', lockedBy: { id: facilitator.id }, allowed: [] });
      for (const status of ['draft', 'circulated', 'adopted'])
        await move(base, facilitator, { status, ...(status === 'circulated' ? { commentDeadline: at(DAY) } : {}) }).expect(409);

      const history = (await ctx.http.get(`${base}/history`).set(facilitator.auth).expect(200)).body;
      const actions = history.items.map((a: { action: string }) => a.action);
      expect(actions.filter((a: string) => a === 'roundtable.minutes_status_changed')).toHaveLength(3);
    });

    it('withdrawing circulated minutes to draft closes comments', async () => {
      const { base, items } = await meeting();
      await move(base, facilitator, { status: 'circulated', commentDeadline: at(DAY) }).expect(200);
      expect((await move(base, facilitator, { status: 'draft' }).expect(200)).body).toMatchObject({ status: 'draft', commentDeadline: null });
      await ctx.http.post(`${base}/agenda-items/${items[0].id}/minutes/comments`).set(unionist.auth).send({ text: 'x' }).expect(409);
    });

    it('comments close at the deadline', async () => {
      const { rt, base, items } = await meeting();
      await move(base, facilitator, { status: 'circulated', commentDeadline: at(DAY) }).expect(200);
      await ctx.db.query(`UPDATE roundtable_minutes SET comment_deadline = now() - interval '1 minute' WHERE roundtable_id = $1`, [rt.id]);
      const res = await ctx.http.post(`${base}/agenda-items/${items[0].id}/minutes/comments`).set(unionist.auth).send({ text: 'x' }).expect(409);
      expect(res.body.message).toMatch(/closed/);
      expect(await ctx.count('minutes_comments', 'roundtable_id = $1', [rt.id])).toBe(0);
      expect((await ctx.http.get(`${base}/minutes`).set(unionist.auth).expect(200)).body.canComment).toBe(false);
    });

    it('after adoption a change is refused (409) and made as a numbered corrigendum, the adopted text kept', async () => {
      const { rt, base, items } = await meeting();
      await move(base, facilitator, { status: 'circulated', commentDeadline: at(DAY) }).expect(200);
      // No corrigenda before adoption: the text is still edited.
      await ctx.http
        .post(`${base}/minutes/corrigenda`)
        .set(facilitator.auth)
        .send({ text: { en: 'early' } })
        .expect(409);
      await move(base, facilitator, { status: 'adopted' }).expect(200);

      const edit = await ctx.http
        .put(`${base}/agenda-items/${items[0].id}/minutes`)
        .set(facilitator.auth)
        .send({ text: { en: 'Rewritten' } })
        .expect(409);
      expect(edit.body.message).toMatch(/corrigendum/);
      await ctx.http.delete(`${base}/agenda-items/${items[0].id}`).set(facilitator.auth).expect(409);
      const [current] = await ctx.db.query(`SELECT text FROM agenda_minutes_revisions WHERE agenda_item_id = $1 ORDER BY revision DESC LIMIT 1`, [items[0].id]);
      expect(current.text).toEqual({ en: 'Minutes on Training needs', zh: '关于培训需求的纪要' });

      await ctx.http
        .post(`${base}/minutes/corrigenda`)
        .set(unionist.auth)
        .send({ text: { en: 'x' } })
        .expect(403);
      const bad = await ctx.http
        .post(`${base}/minutes/corrigenda`)
        .set(facilitator.auth)
        .send({ agendaItemId: outsider.id, text: { en: 'x' } })
        .expect(400);
      expect(fieldsOf(bad.body)).toEqual(['agendaItemId']);
      const first = (
        await ctx.http
          .post(`${base}/minutes/corrigenda`)
          .set(facilitator.auth)
          .send({ agendaItemId: items[0].id, text: { en: 'For “twelve trainers” read “twenty trainers”.', zh: '“十二名培训师”应为“二十名培训师”。' } })
          .expect(201)
      ).body;
      const second = (
        await ctx.http
          .post(`${base}/minutes/corrigenda`)
          .set(facilitator.auth)
          .send({ text: { en: 'The meeting closed at 17:00.' } })
          .expect(201)
      ).body;
      expect([first.number, second.number]).toEqual([1, 2]);
      expect(first).toMatchObject({ agendaItemId: items[0].id, author: { id: facilitator.id } });
      const record = (await ctx.http.get(`${base}/minutes`).set(unionist.auth).expect(200)).body;
      expect(record.corrigenda.map((c: { number: number; text: { en: string } }) => [c.number, c.text.en])).toEqual([
        [1, 'For “twelve trainers” read “twenty trainers”.'],
        [2, 'The meeting closed at 17:00.'],
      ]);

      // Locked minutes take no more corrigenda.
      await move(base, facilitator, { status: 'locked' }).expect(200);
      await ctx.http
        .post(`${base}/minutes/corrigenda`)
        .set(facilitator.auth)
        .send({ text: { en: 'x' } })
        .expect(409);
      expect(await ctx.count('minutes_corrigenda', 'roundtable_id = $1', [rt.id])).toBe(2);
    });

    it('a hidden roundtable’s minutes answer 404', async () => {
      const { base } = await meeting();
      await ctx.http.get(`${base}/minutes`).set(outsider.auth).expect(404);
      await move(base, outsider, { status: 'circulated', commentDeadline: at(DAY) }).expect(404);
      await ctx.http.get(`${base}/minutes`).set(admin.auth).expect(200);
    });
  });

  describe('decisions tied to agenda items', () => {
    it('a decision names the agenda item it was taken under; another roundtable’s item is refused; null unties it', async () => {
      const { base, items } = await meeting();
      const other = await meeting();
      const decision = (
        await ctx.http
          .post(`${base}/decisions`)
          .set(facilitator.auth)
          .send({ text: { en: 'Train twenty trainers' }, adoption: 'consensus', agendaItemId: items[0].id })
          .expect(201)
      ).body;
      expect(decision.agendaItemId).toBe(items[0].id);
      const wrong = await ctx.http
        .post(`${base}/decisions`)
        .set(facilitator.auth)
        .send({ text: { en: 'x' }, adoption: 'consensus', agendaItemId: other.items[0].id })
        .expect(400);
      expect(fieldsOf(wrong.body)).toEqual(['agendaItemId']);
      const moved = (await ctx.http.patch(`${base}/decisions/${decision.id}`).set(facilitator.auth).send({ agendaItemId: items[1].id }).expect(200)).body;
      expect(moved.agendaItemId).toBe(items[1].id);
      const untied = (await ctx.http.patch(`${base}/decisions/${decision.id}`).set(facilitator.auth).send({ agendaItemId: null }).expect(200)).body;
      expect(untied.agendaItemId).toBeNull();
      const [row] = await ctx.db.query('SELECT agenda_item_id FROM roundtable_decisions WHERE id = $1', [decision.id]);
      expect(row.agenda_item_id).toBeNull();
    });
  });

  describe('the record as PDF and Word', () => {
    async function adoptedMeeting() {
      const m = await meeting();
      await ctx.http
        .post(`${m.base}/decisions`)
        .set(facilitator.auth)
        .send({
          text: { en: 'Train twenty green-skills trainers by 2028', zh: '到2028年培训二十名绿色技能培训师' },
          adoption: 'constituencies',
          constituencies: ['government', 'workers'],
          agendaItemId: m.items[0].id,
        })
        .expect(201);
      await move(m.base, facilitator, { status: 'circulated', commentDeadline: at(DAY) }).expect(200);
      await move(m.base, facilitator, {
        status: 'adopted',
        objections: [{ userId: employer.id, statement: 'Employers reserve their position on wages.' }],
      }).expect(200);
      await ctx.http
        .post(`${m.base}/minutes/corrigenda`)
        .set(facilitator.auth)
        .send({ text: { en: 'Corrected closing time', zh: '更正闭会时间' } })
        .expect(201);
      return m;
    }

    it('the bilingual PDF holds the Chinese and English titles, every attendee, the minutes and their adoption, with the CJK font embedded as a subset', async () => {
      const { base } = await adoptedMeeting();
      const res = await ctx.http.get(`${base}/report.pdf?lang=both`).set(unionist.auth).buffer(true).parse(binary).expect(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename=".+\.pdf"$/);
      const pdf = res.body as Buffer;
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      // The font is embedded, and only as a subset (a few hundred kB at most, where the whole face is about 10 MB).
      expect(pdf.toString('latin1')).toMatch(/\/FontFile2/);
      expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC/);
      expect(pdf.length).toBeLessThan(1_000_000);
      const { text, pages } = pdfText(pdf);
      const flat = squeeze(text);
      for (const expected of [
        'Green skills in Suzhou Industrial Park',
        '苏州工业园区的绿色技能',
        facilitator.displayName,
        unionist.displayName,
        employer.displayName,
        absentee.displayName,
        'Minutes on Training needs',
        '关于培训需求的纪要',
        'Employers reserve their position on wages.',
        'Train twenty green-skills trainers by 2028',
        '到2028年培训二十名绿色技能培训师',
        'Corrigendum 1',
        // The venue's time, with its zone: 01:00 UTC is 09:00 in Suzhou.
        '09:00–16:00 Suzhou (UTC+8)',
        `Page 1 of ${pages}`,
      ]) {
        expect(flat).toContain(squeeze(expected));
      }
    });

    it('lang=zh gives the Chinese record alone; lang=en the English alone; another lang is refused', async () => {
      const { base } = await meeting();
      const zh = pdfText((await ctx.http.get(`${base}/report.pdf?lang=zh`).set(facilitator.auth).buffer(true).parse(binary).expect(200)).body as Buffer);
      expect(squeeze(zh.text)).toContain(squeeze('苏州工业园区的绿色技能'));
      expect(squeeze(zh.text)).toContain('会议纪要');
      expect(squeeze(zh.text)).not.toContain(squeeze('Green skills in Suzhou Industrial Park'));
      const en = pdfText((await ctx.http.get(`${base}/report.pdf?lang=en`).set(facilitator.auth).buffer(true).parse(binary).expect(200)).body as Buffer);
      expect(squeeze(en.text)).toContain(squeeze('Green skills in Suzhou Industrial Park'));
      expect(squeeze(en.text)).not.toContain(squeeze('苏州工业园区的绿色技能'));
      const bad = await ctx.http.get(`${base}/report.pdf?lang=fr`).set(facilitator.auth).expect(400);
      expect(fieldsOf(bad.body)).toEqual(['lang']);
    });

    it('the Word file read with mammoth holds the same', async () => {
      const { base } = await adoptedMeeting();
      const res = await ctx.http.get(`${base}/report.docx`).set(unionist.auth).buffer(true).parse(binary).expect(200);
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      const { value } = await mammoth.extractRawText({ buffer: res.body as Buffer });
      for (const expected of [
        'Green skills in Suzhou Industrial Park',
        '苏州工业园区的绿色技能',
        facilitator.displayName,
        unionist.displayName,
        employer.displayName,
        absentee.displayName,
        '关于培训需求的纪要',
        'Employers reserve their position on wages.',
        '到2028年培训二十名绿色技能培训师',
      ]) {
        expect(value).toContain(expected);
      }
    });

    it('the Word file embeds Noto Sans SC as a subset that maps the Chinese it shows', async () => {
      const { base } = await adoptedMeeting();
      const res = await ctx.http.get(`${base}/report.docx?lang=both`).set(facilitator.auth).buffer(true).parse(binary).expect(200);
      const zip = await JSZip.loadAsync(res.body as Buffer);
      const fontFiles = Object.keys(zip.files).filter((name) => /^word\/fonts\/[^/]+\.odttf$/.test(name));
      expect(fontFiles.length).toBe(2); // regular and bold
      const fontTable = await zip.file('word/fontTable.xml')!.async('string');
      const rels = await zip.file('word/_rels/fontTable.xml.rels')!.async('string');
      expect(fontTable).toContain('w:name="Noto Sans SC"');
      const embed = /<w:embedRegular r:id="([^"]+)" w:fontKey="([^"]+)"/.exec(fontTable);
      expect(embed).not.toBeNull();
      expect(fontTable).toMatch(/<w:embedBold r:id="[^"]+" w:fontKey="[^"]+"/);
      const target = new RegExp(`Id="${embed![1]}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${embed![1]}"`).exec(rels)!;
      const path = `word/${target[1] ?? target[2]}`;
      expect(fontFiles).toContain(path);
      const odttf = await zip.file(path)!.async('nodebuffer');
      // A subset: tens of kB where the whole face is about 10 MB.
      expect(odttf.length).toBeLessThan(1_000_000);
      const font = fontkit.create(deobfuscate(odttf, embed![2]));
      expect(font.familyName).toBe('Noto Sans SC');
      for (const ch of '苏州工业园区绿色技能Green') expect(font.hasGlyphForCodePoint(ch.codePointAt(0)!)).toBe(true);
      // Characters the record does not use are left out.
      expect(font.hasGlyphForCodePoint('龘'.codePointAt(0)!)).toBe(false);
      const { value } = await mammoth.extractRawText({ buffer: res.body as Buffer });
      expect(value).toContain('苏州工业园区的绿色技能');
    });

    it('a hidden roundtable’s reports answer 404', async () => {
      const { base } = await meeting();
      await ctx.http.get(`${base}/report.pdf`).set(outsider.auth).expect(404);
      await ctx.http.get(`${base}/report.docx`).set(outsider.auth).expect(404);
      await ctx.http.get(`${base}/report.pdf`).expect(401);
    });
  });

  describe('the roadmap progress report', () => {
    it('lists each commitment with its status and completion under a summary; a promoted decision shows in its roundtable’s record; an unknown roadmap is 404', async () => {
      const suffix = Math.random().toString(36).slice(2, 8);
      const roadmap = (
        await ctx.http
          .post('/api/roadmaps')
          .set(facilitator.auth)
          .send({
            title: { en: `Jiangsu green jobs roadmap ${suffix}`, zh: `江苏绿色就业路线图 ${suffix}` },
            periodStart: 2026,
            periodEnd: 2030,
            ownerOrganizationId: absentee.organizationId,
          })
          .expect(201)
      ).body;
      const { base } = await meeting();
      const decision = (
        await ctx.http
          .post(`${base}/decisions`)
          .set(facilitator.auth)
          .send({ text: { en: 'Decision to promote', zh: '待转化的决定' }, adoption: 'consensus' })
          .expect(201)
      ).body;
      await ctx.http
        .post('/api/action-items')
        .set(facilitator.auth)
        .send({
          roadmapId: roadmap.id,
          originDecisionId: decision.id,
          title: { en: 'Wage floor for green jobs', zh: '绿色岗位最低工资' },
          leadOrganizationId: unionist.organizationId,
          policyArea: 'skills',
        })
        .expect(201);

      const report = await ctx.http.get(`/api/roadmaps/${roadmap.id}/report.pdf`).set(employer.auth).buffer(true).parse(binary).expect(200);
      expect(report.headers['content-type']).toBe('application/pdf');
      const text = squeeze(pdfText(report.body as Buffer).text);
      for (const expected of [
        `Jiangsu green jobs roadmap ${suffix}`,
        `江苏绿色就业路线图 ${suffix}`,
        'Summary',
        'Commitments: 1',
        'Wage floor for green jobs',
        '绿色岗位最低工资',
        'No indicator is linked.',
      ]) {
        expect(text).toContain(squeeze(expected));
      }

      const record = squeeze(
        pdfText((await ctx.http.get(`${base}/report.pdf?lang=en`).set(facilitator.auth).buffer(true).parse(binary).expect(200)).body as Buffer).text,
      );
      expect(record).toContain(squeeze('Commitments promoted'));
      expect(record).toContain(squeeze('Wage floor for green jobs'));

      await ctx.http.get('/api/roadmaps/00000000-0000-4000-8000-000000000000/report.pdf').set(employer.auth).expect(404);
    });
  });
});
