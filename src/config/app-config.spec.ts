import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('gives working defaults with an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, dataDir: './data', demoData: true, databaseUrl: undefined, accessTokenTtlSeconds: 900 });
    expect(config.corsOrigins).toContain('http://localhost:3000');
  });

  it('reads the settings it knows', () => {
    const config = loadConfig({ PORT: '8080', DATABASE_URL: 'postgres://u:p@db:5432/gt', DEMO_DATA: 'false', CORS_ORIGINS: 'https://a.org, https://b.org' });
    expect(config).toMatchObject({ port: 8080, databaseUrl: 'postgres://u:p@db:5432/gt', demoData: false, corsOrigins: ['https://a.org', 'https://b.org'] });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ ADMIN_EMAIL: 'admin@example.org' }, 'ADMIN_PASSWORD'],
    [{ ADMIN_PASSWORD: 'long-enough-password' }, 'ADMIN_EMAIL'],
    [{ DEMO_DATA: 'maybe' }, 'DEMO_DATA'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ LOG_FORMAT: 'xml' }, 'LOG_FORMAT'],
    [{ NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@db/gt' }, 'JWT_SECRET'],
  ])('stops on %j with a message naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`- ${name}:`));
  });

  it('creates the first admin only when both settings are given', () => {
    expect(loadConfig({ ADMIN_EMAIL: 'a@example.org', ADMIN_PASSWORD: 'long-enough-password' }).admin).toEqual({
      email: 'a@example.org',
      password: 'long-enough-password',
    });
  });

  it('writes logs as JSON or pretty lines as asked', () => {
    expect(loadConfig({ LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(loadConfig({ LOG_FORMAT: 'json' }).logFormat).toBe('json');
  });
});
