import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DocumentsService } from '../src/documents/documents.service';
import { TestContext, TestUser } from './support/context';
import { binary, exe, pdf, png, sha256 } from './support/files';

const DAY = 86_400_000;
const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;

describe('documents', () => {
  let ctx: TestContext;
  let dataDir: string;
  let facilitator: TestUser;
  let unionist: TestUser;
  let outsider: TestUser;
  let observer: TestUser;
  let privateRoundtable: string;
  let agendaItem: string;

  /** Every file the document store holds (finished or not). */
  const storedFiles = async (): Promise<string[]> => {
    const root = join(dataDir, 'documents');
    const dirs = await readdir(root).catch(() => [] as string[]);
    const files = await Promise.all(dirs.map(async (d) => (await readdir(join(root, d))).map((f) => join(root, d, f))));
    return files.flat();
  };
  const upload = (by: TestUser, targetType: string, targetId: string, bytes: Buffer, filename: string) =>
    ctx.http
      .post(`/api/documents?targetType=${targetType}&targetId=${targetId}`)
      .set(by.auth)
      .attach(
        'file',
        bytes, // form-data sends filepath as given (a filename would be cut to its last segment by the client itself).
        { filepath: filename, contentType: 'application/octet-stream' } as unknown as { filename: string },
      );
  const download = (by: TestUser, path: string) => ctx.http.get(path).set(by.auth).buffer(true).parse(binary);

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'greentable-documents-'));
    ctx = await TestContext.create({ dataDir, maxUploadBytes: MAX_UPLOAD_BYTES });
    facilitator = await ctx.newUser({ role: 'facilitator', constituency: 'international' });
    unionist = await ctx.newUser({ role: 'member', constituency: 'workers' });
    outsider = await ctx.newUser({ role: 'member', constituency: 'employers' });
    observer = await ctx.newUser({ role: 'observer', constituency: 'international' });
    const roundtable = await ctx.http
      .post('/api/roundtables')
      .set(facilitator.auth)
      .send({ title: { en: 'Background papers', zh: '背景文件' }, startsAt: at(10 * DAY), endsAt: at(10 * DAY + 3_600_000), visibility: 'participants' })
      .expect(201);
    privateRoundtable = roundtable.body.id;
    await ctx.http
      .post(`/api/roundtables/${privateRoundtable}/participants`)
      .set(facilitator.auth)
      .send({ userId: unionist.id, role: 'participant' })
      .expect(201);
    const item = await ctx.http
      .post(`/api/roundtables/${privateRoundtable}/agenda-items`)
      .set(facilitator.auth)
      .send({ title: { en: 'Skills' } })
      .expect(201);
    agendaItem = item.body.id;
  });
  afterAll(async () => {
    await ctx.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('stores an upload with its SHA-256, and downloads it byte-identical as an attachment', async () => {
    const bytes = pdf(300_000);
    const res = await upload(facilitator, 'agenda_item', agendaItem, bytes, 'Background paper 背景.pdf').expect(201);
    expect(res.body).toMatchObject({
      targetType: 'agenda_item',
      targetId: agendaItem,
      name: 'Background paper 背景.pdf',
      currentVersion: 1,
      current: { version: 1, mediaType: 'application/pdf', sizeBytes: bytes.length, sha256: sha256(bytes), uploadedBy: { id: facilitator.id } },
    });
    const [row] = await ctx.db.query(`SELECT sha256, size_bytes, storage_key FROM document_versions WHERE document_id = $1`, [res.body.id]);
    expect(row).toMatchObject({ sha256: sha256(bytes), size_bytes: String(bytes.length) });
    expect(await readFile(join(dataDir, 'documents', row.storage_key.slice(0, 2), row.storage_key))).toEqual(bytes);

    const got = await download(unionist, `/api/documents/${res.body.id}/download`).expect(200);
    expect(got.body.length).toBe(bytes.length);
    expect(sha256(got.body)).toBe(sha256(bytes));
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['content-disposition']).toBe(
      `attachment; filename="Background paper __.pdf"; filename*=UTF-8''${encodeURIComponent('Background paper 背景.pdf')}`,
    );
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['content-security-policy']).toMatch(/^sandbox\b/);

    const list = await ctx.http.get(`/api/documents?targetType=agenda_item&targetId=${agendaItem}`).set(unionist.auth).expect(200);
    expect(list.body.items.map((d: { id: string }) => d.id)).toEqual([res.body.id]);
    expect(list.body.canUpload).toBe(true);
    const [audit] = await ctx.db.query(`SELECT action, actor_id FROM activity WHERE entity_id = $1`, [res.body.id]);
    expect(audit).toEqual({ action: 'document.uploaded', actor_id: facilitator.id });
  });

  it('refuses a renamed .exe as .pdf with 415, keeping nothing', async () => {
    const rows = await ctx.count('document_versions');
    const files = await storedFiles();
    const res = await upload(facilitator, 'roundtable', privateRoundtable, exe(), 'minutes.pdf').expect(415);
    expect(res.body.details).toEqual([{ field: 'file', message: expect.stringContaining('not one of the accepted types') }]);
    // Markup passed off as text is refused as well: it is never served for a browser to render.
    await upload(
      facilitator,
      'roundtable',
      privateRoundtable,
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      'x.txt',
    ).expect(415);
    await upload(facilitator, 'roundtable', privateRoundtable, Buffer.from('<!DOCTYPE html><html><body>hi</body></html>'), 'page.csv').expect(415);
    expect(await ctx.count('document_versions')).toBe(rows);
    expect(await storedFiles()).toEqual(files);
  });

  it('answers 413 to a file beyond MAX_UPLOAD_MB, writing no row and leaving no file behind', async () => {
    const rows = await ctx.count('documents');
    const files = await storedFiles();
    const res = await upload(facilitator, 'roundtable', privateRoundtable, pdf(MAX_UPLOAD_BYTES + 1000), 'too big.pdf').expect(413);
    expect(res.body.details).toEqual([{ field: 'file', message: expect.stringContaining('larger than the limit of 2 MB') }]);
    expect(await ctx.count('documents')).toBe(rows);
    expect(await storedFiles()).toEqual(files);
    // Exactly at the limit is fine.
    const atLimit = pdf(MAX_UPLOAD_BYTES - 15);
    expect(atLimit.length).toBe(MAX_UPLOAD_BYTES);
    await upload(facilitator, 'roundtable', privateRoundtable, atLimit, 'at limit.pdf').expect(201);
  });

  it('keeps a ../ file name only as a safe display name, stored under an id', async () => {
    const bytes = Buffer.from('year,jobs\n2024,12\n');
    const res = await upload(facilitator, 'roundtable', privateRoundtable, bytes, '../../etc/pass\u202ewd.csv').expect(201);
    expect(res.body.name).toBe('passwd.csv');
    expect(res.body.current.mediaType).toBe('text/csv');
    const [row] = await ctx.db.query(`SELECT name, storage_key FROM document_versions WHERE document_id = $1`, [res.body.id]);
    expect(row.name).toBe('passwd.csv');
    expect(row.storage_key).toMatch(/^[0-9a-f-]{36}$/);
    expect(await readFile(join(dataDir, 'documents', row.storage_key.slice(0, 2), row.storage_key))).toEqual(bytes);
    const got = await download(facilitator, `/api/documents/${res.body.id}/download`).expect(200);
    expect(got.headers['content-disposition']).toBe(`attachment; filename="passwd.csv"; filename*=UTF-8''passwd.csv`);
  });

  it('hides a private roundtable’s files from a non-participant (404), and lets only participants upload', async () => {
    const doc = await upload(facilitator, 'roundtable', privateRoundtable, pdf(1000), 'private.pdf').expect(201);
    const missing = await download(outsider, `/api/documents/${doc.body.id}/download`).expect(404);
    expect(missing.body.length ?? 0).toBeGreaterThan(0);
    await ctx.http.get(`/api/documents/${doc.body.id}`).set(outsider.auth).expect(404);
    await download(outsider, `/api/documents/${doc.body.id}/versions/1/download`).expect(404);
    await ctx.http.get(`/api/documents?targetType=roundtable&targetId=${privateRoundtable}`).set(outsider.auth).expect(404);
    await ctx.http.get(`/api/documents?targetType=agenda_item&targetId=${agendaItem}`).set(outsider.auth).expect(404);
    const rows = await ctx.count('documents');
    await upload(outsider, 'roundtable', privateRoundtable, pdf(1000), 'sneaky.pdf').expect(404);
    expect(await ctx.count('documents')).toBe(rows);
    await download(unionist, `/api/documents/${doc.body.id}/download`).expect(200);
  });

  it('keeps every version: a new one becomes current, any one can be downloaded', async () => {
    const first = pdf(2000);
    const second = pdf(3000);
    const doc = await upload(facilitator, 'roundtable', privateRoundtable, first, 'plan.pdf').expect(201);
    // Only its uploader (or the roundtable's facilitators) adds versions.
    await ctx.http.post(`/api/documents/${doc.body.id}/versions`).set(unionist.auth).attach('file', second, 'plan v2.pdf').expect(403);
    const v2 = await ctx.http.post(`/api/documents/${doc.body.id}/versions`).set(facilitator.auth).attach('file', second, 'plan v2.pdf').expect(201);
    expect(v2.body).toMatchObject({ name: 'plan v2.pdf', currentVersion: 2, current: { version: 2, sha256: sha256(second) } });
    expect(v2.body.versions.map((v: { version: number; sha256: string }) => [v.version, v.sha256])).toEqual([
      [2, sha256(second)],
      [1, sha256(first)],
    ]);
    expect(sha256((await download(unionist, `/api/documents/${doc.body.id}/download`).expect(200)).body)).toBe(sha256(second));
    expect(sha256((await download(unionist, `/api/documents/${doc.body.id}/versions/1/download`).expect(200)).body)).toBe(sha256(first));
    await download(unionist, `/api/documents/${doc.body.id}/versions/3/download`).expect(404);
    const bad = await ctx.http.get(`/api/documents/${doc.body.id}/versions/zero/download`).set(unionist.auth).expect(400);
    expect(bad.body.details[0].field).toBe('version');
  });

  it('serves a raster image inline only when asked, and never anything else inline', async () => {
    const image = await upload(facilitator, 'roundtable', privateRoundtable, png(5000), 'chart.png').expect(201);
    expect(image.body.current.mediaType).toBe('image/png');
    const inline = await download(unionist, `/api/documents/${image.body.id}/download?disposition=inline`).expect(200);
    expect(inline.headers['content-disposition']).toMatch(/^inline; /);
    const text = await upload(facilitator, 'roundtable', privateRoundtable, Buffer.from('notes\n'), 'notes.txt').expect(201);
    const asked = await download(unionist, `/api/documents/${text.body.id}/download?disposition=inline`).expect(200);
    expect(asked.headers['content-disposition']).toMatch(/^attachment; /);
  });

  it('checks the target: bad ones are 400s naming the field, unknown ones 404, read-only readers 403', async () => {
    const bad = await ctx.http.get(`/api/documents?targetType=park&targetId=${privateRoundtable}`).set(facilitator.auth).expect(400);
    expect(bad.body.details[0].field).toBe('targetType');
    await upload(facilitator, 'decision', '00000000-0000-4000-8000-000000000000', pdf(100), 'x.pdf').expect(404);
    const wrongField = await ctx.http
      .post(`/api/documents?targetType=roundtable&targetId=${privateRoundtable}`)
      .set(facilitator.auth)
      .attach('upload', pdf(100), 'x.pdf')
      .expect(400);
    expect(wrongField.body.details[0]).toMatchObject({ field: 'file', message: expect.stringContaining('unknown field "upload"') });
    const platform = await ctx.http
      .post('/api/roundtables')
      .set(facilitator.auth)
      .send({ title: { en: 'Open' }, startsAt: at(5 * DAY), endsAt: at(5 * DAY + 3_600_000), visibility: 'platform' })
      .expect(201);
    // An observer reads a platform roundtable's documents but does not add any.
    await ctx.http.get(`/api/documents?targetType=roundtable&targetId=${platform.body.id}`).set(observer.auth).expect(200);
    await upload(observer, 'roundtable', platform.body.id, pdf(100), 'x.pdf').expect(403);
  });

  it('lists, for the roundtable’s record, what is attached to it and to its agenda items', async () => {
    const record = await ctx.app.get(DocumentsService).listForRoundtableRecord(privateRoundtable);
    const paper = record.find((d) => d.name === 'Background paper 背景.pdf');
    expect(paper).toMatchObject({
      targetType: 'agenda_item',
      targetId: agendaItem,
      version: 1,
      mediaType: 'application/pdf',
      uploadedBy: facilitator.displayName,
    });
    expect(record.find((d) => d.name === 'plan v2.pdf')).toMatchObject({ targetType: 'roundtable', version: 2 });
  });
});
