import { get } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { APP_URL } from './support/browser';

/**
 * What travels on the wire, read as raw bytes (Node's http, which never decompresses): the built client's text
 * assets in their pre-compressed form, API answers above 1 KB compressed, small ones and the socket untouched.
 */

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function fetchRaw(path: string, acceptEncoding?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const headers = acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding };
    get(`${APP_URL}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

async function vendorScript(): Promise<string> {
  const page = await fetchRaw('/', 'identity');
  const html = page.body.toString('utf8');
  const vendor = /\/assets\/vendor-[\w-]+\.js/.exec(html)?.[0];
  if (!vendor) throw new Error(`no vendor script in the page: ${html.slice(0, 400)}`);
  return vendor;
}

describe('compression on the wire', () => {
  it('sends the largest script pre-compressed with brotli, else gzip, else as it is, the same bytes each way', async () => {
    const vendor = await vendorScript();
    const plain = await fetchRaw(vendor, 'identity');
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['vary']).toMatch(/Accept-Encoding/i);

    const brotli = await fetchRaw(vendor, 'gzip, deflate, br');
    expect(brotli.status).toBe(200);
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['content-type']).toMatch(/javascript/);
    expect(brotli.headers['vary']).toMatch(/Accept-Encoding/i);
    expect(brotli.headers['cache-control']).toContain('immutable');
    expect(brotli.body.length).toBeLessThan(plain.body.length / 2.5);
    expect(brotliDecompressSync(brotli.body).equals(plain.body)).toBe(true);

    const gzip = await fetchRaw(vendor, 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).equals(plain.body)).toBe(true);
  });

  it('compresses API answers above 1 KB and leaves small ones alone', async () => {
    const document = await fetchRaw('/api/docs/openapi.json', 'gzip');
    expect(document.status).toBe(200);
    expect(document.headers['content-encoding']).toBe('gzip');
    const openapi = JSON.parse(gunzipSync(document.body).toString('utf8')) as { openapi: string };
    expect(openapi.openapi).toMatch(/^3\.1/);

    const health = await fetchRaw('/api/health', 'gzip');
    expect(health.status).toBe(200);
    expect(health.headers['content-encoding']).toBeUndefined();
    expect(health.body.length).toBeLessThan(1024);
  });

  it("opens the client's own routes at their address, and leaves unknown API paths to the API", async () => {
    const page = await fetchRaw('/roadmaps', 'br');
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-cache');
    const html = (page.headers['content-encoding'] === 'br' ? brotliDecompressSync(page.body) : page.body).toString('utf8');
    expect(html).toContain('<div id="root">');

    const unknown = await fetchRaw('/api/no-such-thing', 'identity');
    expect(unknown.status).toBe(404);
    expect((JSON.parse(unknown.body.toString('utf8')) as { statusCode: number }).statusCode).toBe(404);
  });
});
