// Debian's nginx and redis-server, run for real by the scale-out tests (test/scaleout-nginx.e2e-spec.ts), by
// bench/realtime.ts's two-process mode and (nginx with HTTPS) by bench/web.mjs; scripts/ensure-system-tools.mjs
// installs them.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { freePort } from '../src/database/embedded-postgres';

export const NGINX = '/usr/sbin/nginx';

/** A certificate and its key (PEM files) for nginx to serve HTTPS with, as docs/deploy.md's `listen 443 ssl http2`. */
export interface Tls {
  certificate: string;
  key: string;
}

/**
 * A self-signed certificate for 127.0.0.1 made with Debian's openssl, in `dir`. `spki` is its public key's SHA-256 in
 * base64, what Chromium's `--ignore-certificate-errors-spki-list` takes to trust it without a warning page (so a
 * measured page loads as on a site with a real certificate).
 */
export function selfSignedCertificate(dir: string): Tls & { spki: string } {
  const tls = { certificate: join(dir, 'certificate.pem'), key: join(dir, 'key.pem') };
  const made = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      tls.key,
      '-out',
      tls.certificate,
    ],
    { encoding: 'utf8' },
  );
  if (made.error || made.status !== 0)
    throw new Error(`openssl could not make a certificate (Debian's openssl package): ${made.error?.message ?? made.stderr}`);
  const publicKey = new X509Certificate(readFileSync(tls.certificate)).publicKey.export({ type: 'spki', format: 'der' });
  return { ...tls, spki: createHash('sha256').update(publicKey).digest('base64') };
}

/**
 * Debian's nginx as the load balancer in front of the app processes, as docs/deploy.md lays it out: HTTP and the
 * socket.io WebSocket upgrade proxied to an upstream, round robin, a dead process skipped (`proxy_next_upstream`).
 * Runs in the foreground under its own prefix folder; `route()` rewrites the upstream and reloads without a restart.
 */
export class Nginx {
  private constructor(
    readonly port: number,
    /** With `pinned`: one more port per upstream, proxying to that process only (to measure across processes). */
    readonly pinnedPorts: number[],
    private readonly prefix: string,
    private readonly child: ChildProcess,
    private readonly tls?: Tls,
  ) {}

  get url(): string {
    return `${this.tls ? 'https' : 'http'}://127.0.0.1:${this.port}`;
  }

  /** The address that reaches the i-th upstream only, through nginx (when started with `pinned`). */
  pinnedUrl(i: number): string {
    return `http://127.0.0.1:${this.pinnedPorts[i]}`;
  }

  /** With `tls`, the main port speaks HTTPS and HTTP/2 (the pinned ones stay plain HTTP). */
  static async start(upstreams: number[], options: { pinned?: boolean; tls?: Tls } = {}): Promise<Nginx> {
    const prefix = mkdtempSync(join(tmpdir(), 'greentable-nginx-'));
    const port = await freePort();
    const pinnedPorts = options.pinned ? await Promise.all(upstreams.map(() => freePort())) : [];
    writeFileSync(join(prefix, 'nginx.conf'), config(port, upstreams, pinnedPorts, options.tls));
    const child = spawn(NGINX, ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stderr?.on('data', (chunk) => (output += chunk));
    const nginx = new Nginx(port, pinnedPorts, prefix, child, options.tls);
    await nginx.waitUntilServing(() => output);
    return nginx;
  }

  /** Points the upstream at these ports and reloads (graceful: open connections stay on their old workers). */
  route(upstreams: number[]): void {
    writeFileSync(join(this.prefix, 'nginx.conf'), config(this.port, upstreams, this.pinnedPorts, this.tls));
    const reload = spawnSync(NGINX, ['-p', this.prefix, '-c', join(this.prefix, 'nginx.conf'), '-s', 'reload'], { encoding: 'utf8' });
    if (reload.status !== 0) throw new Error(`nginx reload failed: ${reload.stderr}`);
  }

  private async waitUntilServing(output: () => string): Promise<void> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (this.child.exitCode !== null) throw new Error(`nginx exited with ${this.child.exitCode}: ${output()}`);
      if (await accepts(this.port)) return;
      if (Date.now() > deadline) throw new Error(`nginx did not listen on ${this.port}: ${output()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGQUIT');
      await exited;
    }
    rmSync(this.prefix, { recursive: true, force: true });
  }
}

const PROXY_SOCKET = `
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_read_timeout 120s;
      proxy_next_upstream error timeout;
      proxy_connect_timeout 2s;`;
const PROXY_HTTP = `
      proxy_http_version 1.1;
      proxy_set_header Connection '';
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_next_upstream error timeout;
      proxy_connect_timeout 2s;`;

const server = (port: number, upstream: string, tls?: Tls) => `
  server {
    listen 127.0.0.1:${port}${tls ? ` ssl http2;\n    ssl_certificate ${tls.certificate};\n    ssl_certificate_key ${tls.key}` : ''};
    location /socket.io/ {
      proxy_pass http://${upstream};${PROXY_SOCKET}
    }
    location / {
      proxy_pass http://${upstream};${PROXY_HTTP}
    }
  }`;

/** The configuration docs/deploy.md shows, on free ports and with temporary paths under the prefix. */
export function config(port: number, upstreams: number[], pinnedPorts: number[] = [], tls?: Tls): string {
  return `
worker_processes 1;
pid nginx.pid;
error_log stderr warn;
events { worker_connections 16384; }
http {
  access_log off;
  client_body_temp_path body;
  proxy_temp_path proxy;
  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
  upstream greentable {
${upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=2s;`).join('\n')}
    keepalive 32;
  }
${pinnedPorts.map((_, i) => `  upstream greentable_${i} { server 127.0.0.1:${upstreams[i]}; keepalive 8; }`).join('\n')}
${server(port, 'greentable', tls)}
${pinnedPorts.map((p, i) => server(p, `greentable_${i}`)).join('\n')}
}
`;
}

export const REDIS_SERVER = '/usr/bin/redis-server';

/** Debian's redis-server on a free port, nothing saved to disk: the Redis adapter's broker for a test. */
export class RedisServer {
  private constructor(
    readonly port: number,
    private readonly child: ChildProcess,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<RedisServer> {
    const port = await freePort();
    const child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const deadline = Date.now() + 10_000;
    while (!(await accepts(port))) {
      if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
      if (Date.now() > deadline) throw new Error(`redis-server did not listen on ${port}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return new RedisServer(port, child);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' }, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}
