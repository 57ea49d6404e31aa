import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import type { S3Config } from '../src/config/app-config';
import { TestContext, TestUser } from './support/context';
import { binary, exe, pdf, sha256 } from './support/files';

const DAY = 86_400_000;
const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

const MAX_UPLOAD_BYTES = 30 * 1024 * 1024;

/**
 * The S3-compatible document store (S3_ENDPOINT, S3_BUCKET) against a real S3 server speaking the protocol over HTTP
 * (s3rver, started here on a free port with its own folder): two app processes on one database and one bucket, a
 * file large enough for a multipart upload, versions, and a refused upload that leaves no object behind.
 */
describe('documents in an S3-compatible bucket', () => {
  let server: S3rver;
  let s3Dir: string;
  let dataDirs: string[];
  let s3: S3Config;
  let bucket: S3Client;
  let first: TestContext;
  let second: TestContext;
  let facilitator: TestUser;
  let participant: TestUser;
  let outsider: TestUser;
  let roundtableId: string;

  /** The keys the bucket holds, read over the S3 API. */
  const objects = async (): Promise<string[]> => {
    const listed = await bucket.send(new ListObjectsV2Command({ Bucket: s3.bucket }));
    return (listed.Contents ?? []).map((o) => o.Key!).sort();
  };
  const objectBytes = async (key: string): Promise<Buffer> => {
    const got = await bucket.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
    return Buffer.from(await got.Body!.transformToByteArray());
  };
  const upload = (ctx: TestContext, by: TestUser, path: string, bytes: Buffer, filename: string) =>
    ctx.http
      .post(path)
      .set(by.auth)
      .attach('file', bytes, { filepath: filename, contentType: 'application/octet-stream' } as unknown as { filename: string });
  const download = (ctx: TestContext, by: TestUser, path: string) => ctx.http.get(path).set(by.auth).buffer(true).parse(binary);

  beforeAll(async () => {
    s3Dir = await mkdtemp(join(tmpdir(), 'greentable-s3rver-'));
    server = new S3rver({ address: '127.0.0.1', port: 0, directory: s3Dir, silent: true, configureBuckets: [{ name: 'greentable-documents', configs: [] }] });
    const address: AddressInfo = await server.run();
    s3 = {
      endpoint: `http://127.0.0.1:${address.port}`,
      bucket: 'greentable-documents',
      region: 'us-east-1',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      forcePathStyle: true,
    };
    bucket = new S3Client({
      endpoint: s3.endpoint,
      region: s3.region,
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    // Each process has its own DATA_DIR, as on separate machines: only the bucket is shared.
    dataDirs = await Promise.all([0, 1].map(() => mkdtemp(join(tmpdir(), 'greentable-s3-data-'))));
    first = await TestContext.create({ s3, dataDir: dataDirs[0], maxUploadBytes: MAX_UPLOAD_BYTES });
    second = await TestContext.create({ s3, dataDir: dataDirs[1], maxUploadBytes: MAX_UPLOAD_BYTES });
    facilitator = await first.newUser({ role: 'facilitator', constituency: 'international' });
    participant = await first.newUser({ role: 'member', constituency: 'workers' });
    outsider = await first.newUser({ role: 'member', constituency: 'employers' });
    const roundtable = await first.http
      .post('/api/roundtables')
      .set(facilitator.auth)
      .send({ title: { en: 'Papers in the bucket' }, startsAt: at(5 * DAY), endsAt: at(5 * DAY + 3_600_000), visibility: 'participants' })
      .expect(201);
    roundtableId = roundtable.body.id;
    await first.http.post(`/api/roundtables/${roundtableId}/participants`).set(facilitator.auth).send({ userId: participant.id }).expect(201);
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    bucket?.destroy();
    await server?.close();
    await Promise.all([s3Dir, ...(dataDirs ?? [])].map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('stores an upload in the bucket (multipart beyond 8 MB) and another process serves it byte-identical', async () => {
    const bytes = pdf(20 * 1024 * 1024);
    const res = await upload(first, facilitator, `/api/documents?targetType=roundtable&targetId=${roundtableId}`, bytes, 'Skills survey.pdf').expect(201);
    expect(res.body.current).toMatchObject({ version: 1, sizeBytes: bytes.length, sha256: sha256(bytes), mediaType: 'application/pdf' });
    const [row] = await first.db.query(`SELECT storage_key FROM document_versions WHERE document_id = $1`, [res.body.id]);
    expect(await objects()).toContain(row.storage_key);
    expect(sha256(await objectBytes(row.storage_key))).toBe(sha256(bytes));
    // Nothing went to either process's folder.
    for (const dir of dataDirs) expect(await readdir(join(dir, 'documents')).catch(() => [])).toEqual([]);

    const got = await download(second, participant, `/api/documents/${res.body.id}/download`).expect(200);
    expect(got.body.length).toBe(bytes.length);
    expect(sha256(got.body)).toBe(sha256(bytes));
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    // Rights are the roundtable's, whichever process answers.
    await download(second, outsider, `/api/documents/${res.body.id}/download`).expect(404);
  });

  it('keeps every version as its own object; each downloads as it was', async () => {
    const v1 = pdf(50_000);
    const v2 = pdf(60_000);
    const created = await upload(first, facilitator, `/api/documents?targetType=roundtable&targetId=${roundtableId}`, v1, 'Agenda.pdf').expect(201);
    await upload(second, facilitator, `/api/documents/${created.body.id}/versions`, v2, 'Agenda.pdf').expect(201);
    const keys = (
      await first.db.query<{ storage_key: string }[]>(`SELECT storage_key FROM document_versions WHERE document_id = $1 ORDER BY version`, [created.body.id])
    ).map((r) => r.storage_key);
    expect(keys).toHaveLength(2);
    expect(await objects()).toEqual(expect.arrayContaining(keys));
    const one = await download(first, participant, `/api/documents/${created.body.id}/versions/1/download`).expect(200);
    const two = await download(second, participant, `/api/documents/${created.body.id}/download`).expect(200);
    expect([sha256(one.body), sha256(two.body)]).toEqual([sha256(v1), sha256(v2)]);
  });

  it('a file beyond MAX_UPLOAD_MB (413) and a refused type (415) leave no object and no row', async () => {
    const before = await objects();
    const rows = await first.count('document_versions');
    const big = await upload(
      first,
      facilitator,
      `/api/documents?targetType=roundtable&targetId=${roundtableId}`,
      pdf(MAX_UPLOAD_BYTES + 1000),
      'too big.pdf',
    ).expect(413);
    expect(big.body.details).toEqual([{ field: 'file', message: expect.stringContaining('larger than the limit of 30 MB') }]);
    await upload(first, facilitator, `/api/documents?targetType=roundtable&targetId=${roundtableId}`, exe(), 'minutes.pdf').expect(415);
    expect(await objects()).toEqual(before);
    expect(await first.count('document_versions')).toBe(rows);
  });
});
