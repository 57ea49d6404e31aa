import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../src/database/embedded-postgres';

export const NGINX = '/usr/sbin/nginx';

/**
 * Debian's nginx as the load balancer in front of the app processes, as docs/deploy.md lays it out: HTTP and the
 * socket.io WebSocket upgrade proxied to an upstream, round robin, a dead process skipped (`proxy_next_upstream`).
 * Runs in the foreground under its own prefix folder; `route()` rewrites the upstream and reloads without a restart.
 */
export class Nginx {
  private constructor(
    readonly port: number,
    private readonly prefix: string,
    private readonly child: ChildProcess,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  static async start(upstreams: number[]): Promise<Nginx> {
    const prefix = mkdtempSync(join(tmpdir(), 'greentable-nginx-'));
    const port = await freePort();
    writeFileSync(join(prefix, 'nginx.conf'), config(port, upstreams));
    const child = spawn(NGINX, ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stderr?.on('data', (chunk) => (output += chunk));
    const nginx = new Nginx(port, prefix, child);
    await nginx.waitUntilServing(() => output);
    return nginx;
  }

  /** Points the upstream at these ports and reloads (graceful: open connections stay on their old workers). */
  route(upstreams: number[]): void {
    writeFileSync(join(this.prefix, 'nginx.conf'), config(this.port, upstreams));
    const reload = spawnSync(NGINX, ['-p', this.prefix, '-c', join(this.prefix, 'nginx.conf'), '-s', 'reload'], { encoding: 'utf8' });
    if (reload.status !== 0) throw new Error(`nginx reload failed: ${reload.stderr}`);
  }

  private async waitUntilServing(output: () => string): Promise<void> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (this.child.exitCode !== null) throw new Error(`nginx exited with ${this.child.exitCode}: ${output()}`);
      try {
        await fetch(`${this.url}/nginx-health`);
        return;
      } catch {
        if (Date.now() > deadline) throw new Error(`nginx did not listen on ${this.port}: ${output()}`);
        await new Promise((r) => setTimeout(r, 50));
      }
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

/** The configuration used in production too (docs/deploy.md), on a free port and with temp paths under the prefix. */
export function config(port: number, upstreams: number[]): string {
  return `
worker_processes 1;
pid nginx.pid;
error_log stderr warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path body;
  proxy_temp_path proxy;
  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
  upstream greentable {
${upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=2s;`).join('\n')}
    keepalive 32;
  }
  server {
    listen 127.0.0.1:${port};
    location = /nginx-health { return 204; }
    location /socket.io/ {
      proxy_pass http://greentable;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_read_timeout 120s;
      proxy_next_upstream error timeout;
      proxy_connect_timeout 2s;
    }
    location / {
      proxy_pass http://greentable;
      proxy_http_version 1.1;
      proxy_set_header Connection '';
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_next_upstream error timeout;
      proxy_connect_timeout 2s;
    }
  }
}
`;
}
