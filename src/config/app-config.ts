import { plainToInstance, Transform } from 'class-transformer';
import {
  IsUrl,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
  IsEmail,
  registerDecorator,
} from 'class-validator';
import proxyaddr from 'proxy-addr';

/** Fastify's `trustProxy` setting (proxy-addr, as Express's `trust proxy`), without `true` (believe any X-Forwarded-For, which any client can write). */
export type TrustProxy = false | number | string[];

const TRUST_PROXY_MESSAGE =
  "TRUST_PROXY must be false, a hop count (1 for one reverse proxy), or a comma-separated list of the proxies' addresses or CIDR ranges (loopback, linklocal, uniquelocal name proxy-addr's ranges)";

/** Reads TRUST_PROXY; throws (with TRUST_PROXY_MESSAGE) when it is none of the accepted forms. */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = (value ?? '').trim();
  if (text === '' || text === 'false' || text === '0') return false;
  if (/^\d+$/.test(text)) return Number(text);
  const list = text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  // `true` (or a list holding it) would believe whatever a client writes in X-Forwarded-For.
  if (!list.length || list.some((part) => part === 'true' || part === '*')) throw new Error(TRUST_PROXY_MESSAGE);
  try {
    proxyaddr.compile(list);
  } catch {
    throw new Error(TRUST_PROXY_MESSAGE);
  }
  return list;
}

function IsTrustProxy() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isTrustProxy',
      target: target.constructor,
      propertyName,
      options: { message: TRUST_PROXY_MESSAGE },
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string') return false;
          try {
            parseTrustProxy(value);
            return true;
          } catch {
            return false;
          }
        },
      },
    });
}

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) => {
  if (value === undefined || value === '') return undefined;
  if (value === 'true' || value === '1' || value === true) return true;
  if (value === 'false' || value === '0' || value === false) return false;
  return value;
};

/** Every setting the server reads from the environment, validated at boot. */
export class EnvironmentVariables {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @IsString()
  DATA_DIR?: string;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(30)
  ACCESS_TOKEN_TTL_SECONDS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(60)
  REFRESH_TOKEN_TTL_SECONDS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(60)
  INVITATION_TTL_SECONDS?: number;

  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;

  @ValidateIf((env: EnvironmentVariables) => env.ADMIN_PASSWORD !== undefined || env.ADMIN_EMAIL !== undefined)
  @IsEmail({}, { message: 'ADMIN_EMAIL must be an email address (it is required when ADMIN_PASSWORD is set)' })
  ADMIN_EMAIL?: string;

  @ValidateIf((env: EnvironmentVariables) => env.ADMIN_PASSWORD !== undefined || env.ADMIN_EMAIL !== undefined)
  @IsString({ message: 'ADMIN_PASSWORD is required when ADMIN_EMAIL is set' })
  @MinLength(10, { message: 'ADMIN_PASSWORD must be at least 10 characters' })
  ADMIN_PASSWORD?: string;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'DEMO_DATA must be true or false' })
  DEMO_DATA?: boolean;

  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  @IsOptional()
  @IsIn(['json', 'pretty'], { message: 'LOG_FORMAT must be json or pretty' })
  LOG_FORMAT?: 'json' | 'pretty';

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES?: number;

  @IsOptional()
  @IsTrustProxy()
  TRUST_PROXY?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_FAILURE_WINDOW_SECONDS?: number;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'REALTIME_DIRECT_DELIVERY must be true or false' })
  REALTIME_DIRECT_DELIVERY?: boolean;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'REALTIME_COALESCE_MS must be a whole number of milliseconds' })
  @Min(0, { message: 'REALTIME_COALESCE_MS must be between 0 and 100' })
  @Max(100, { message: 'REALTIME_COALESCE_MS must be between 0 and 100' })
  REALTIME_COALESCE_MS?: number;

  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsOptional()
  @IsString()
  MAIL_FROM?: string;

  @IsOptional()
  @Matches(/^https?:\/\/[^/]+/, { message: 'PUBLIC_URL must be an http:// or https:// URL' })
  PUBLIC_URL?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  MAIL_RATE_PER_SECOND?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  INBOUND_SMTP_PORT?: number;

  @IsOptional()
  @IsString()
  MAIL_REPLY_DOMAIN?: string;

  /** A LibreTranslate-compatible server (POST /translate) for machine drafts in the translation queue; unset: none. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'TRANSLATE_URL must be an http(s) URL' })
  TRANSLATE_URL?: string;

  @IsOptional()
  @IsString()
  TRANSLATE_API_KEY?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  MAIL_NOTIFICATION_DELAY_SECONDS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'MAX_UPLOAD_MB must be a whole number of megabytes' })
  @Min(1)
  MAX_UPLOAD_MB?: number;

  @ValidateIf((env: EnvironmentVariables) => env.S3_BUCKET !== undefined || env.S3_ENDPOINT !== undefined)
  @Matches(/^https?:\/\/.+/, { message: 'S3_ENDPOINT must be an http:// or https:// URL (it is required when S3_BUCKET is set)' })
  S3_ENDPOINT?: string;

  @ValidateIf((env: EnvironmentVariables) => env.S3_BUCKET !== undefined || env.S3_ENDPOINT !== undefined)
  @IsString({ message: 'S3_BUCKET is required when S3_ENDPOINT is set' })
  @MinLength(3, { message: 'S3_BUCKET must be a bucket name' })
  S3_BUCKET?: string;

  @IsOptional()
  @IsString()
  S3_REGION?: string;

  @IsOptional()
  @IsString()
  S3_ACCESS_KEY_ID?: string;

  @IsOptional()
  @IsString()
  S3_SECRET_ACCESS_KEY?: string;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'S3_FORCE_PATH_STYLE must be true or false' })
  S3_FORCE_PATH_STYLE?: boolean;
}

/** An S3-compatible bucket for uploaded documents (shared by several app processes). */
export interface S3Config {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Bucket in the path (MinIO and most self-hosted stores) rather than in the host name. */
  forcePathStyle: boolean;
}

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  port: number;
  /** Set when an external server is used; otherwise the embedded PostgreSQL is started under dataDir. */
  databaseUrl?: string;
  dataDir: string;
  jwtSecret?: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  invitationTtlSeconds: number;
  corsOrigins: string[];
  admin?: { email: string; password: string };
  demoData: boolean;
  redisUrl?: string;
  logLevel: string;
  /** JSON lines for machines; pretty, short lines for a person (the default when stdout is a terminal). */
  logFormat: 'json' | 'pretty';
  loginMaxFailures: number;
  loginFailureWindowSeconds: number;
  /**
   * Which X-Forwarded-For hops to believe, as Fastify's `trustProxy` setting: false (none, the default), a hop count,
   * or the proxies' addresses and CIDR ranges (and proxy-addr's names loopback, linklocal, uniquelocal).
   */
  trustProxy: TrustProxy;
  /**
   * Broadcasts written straight to each recipient's WebSocket (src/realtime/local-delivery.ts) where the installed
   * socket.io has the shapes that needs; false: always socket.io's own broadcast.
   */
  realtimeDirectDelivery: boolean;
  /**
   * How long the broadcast frames that follow one another on a connection are held to leave in one write
   * (src/realtime/frame-coalescer.ts); 0: each is written at once.
   */
  realtimeCoalesceMs: number;
  /** Where mail is delivered; without it mails stay queued in the outbox (readable by admins). */
  smtpUrl?: string;
  /** The From of every mail. */
  mailFrom: string;
  /** The address people reach the app at, for links in mails (no trailing slash). */
  publicUrl: string;
  /** At most this many mails per second per app process. */
  mailRatePerSecond: number;
  /** The port of the inbound SMTP listener that takes replies by mail; unset: none. */
  inboundSmtpPort?: number;
  /** The domain of per-recipient reply addresses (reply+…@domain). */
  mailReplyDomain: string;
  /** Seconds a mention or reply mail waits, so that someone who reads it in the app meanwhile is not mailed. */
  mailNotificationDelaySeconds: number;
  /** How long a worker's claim on a mail holds: a process that dies mid-send leaves its mails to others after it. */
  mailLeaseSeconds: number;
  /** How often (ms) the mail worker looks for due mail when it has none. */
  mailPollMs: number;
  /** The largest uploaded document, in bytes (MAX_UPLOAD_MB, 50 by default); a larger one answers 413. */
  maxUploadBytes: number;
  /** Documents go to this bucket when set; otherwise to a folder under dataDir. */
  s3?: S3Config;
  /** A LibreTranslate-compatible server for machine drafts (no trailing slash); unset: no machine drafts. */
  translateUrl?: string;
  translateApiKey?: string;
}

export class ConfigError extends Error {}

/** Reads and validates the environment; a wrong or missing setting throws a ConfigError naming it. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const env = plainToInstance(EnvironmentVariables, known, { enableImplicitConversion: false });
  const errors = validateSync(env, { whitelist: false, forbidUnknownValues: false });
  if (errors.length) {
    const lines = errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `  - ${e.property}: ${m}`));
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const nodeEnv = (env.NODE_ENV ?? 'development') as AppConfig['env'];
  if (nodeEnv === 'production' && env.DATABASE_URL && !env.JWT_SECRET) {
    throw new ConfigError('Invalid configuration:\n  - JWT_SECRET: required in production with an external DATABASE_URL');
  }
  return {
    env: nodeEnv,
    port: env.PORT ?? 3000,
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR ?? './data',
    jwtSecret: env.JWT_SECRET,
    accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS ?? 15 * 60,
    refreshTokenTtlSeconds: env.REFRESH_TOKEN_TTL_SECONDS ?? 30 * 24 * 3600,
    invitationTtlSeconds: env.INVITATION_TTL_SECONDS ?? 7 * 24 * 3600,
    corsOrigins: (env.CORS_ORIGINS ?? 'http://localhost:3000,http://localhost:5173')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    admin: env.ADMIN_EMAIL && env.ADMIN_PASSWORD ? { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD } : undefined,
    demoData: env.DEMO_DATA ?? true,
    redisUrl: env.REDIS_URL,
    logLevel: env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info'),
    logFormat: env.LOG_FORMAT ?? (process.stdout.isTTY ? 'pretty' : 'json'),
    loginMaxFailures: env.LOGIN_MAX_FAILURES ?? 5,
    loginFailureWindowSeconds: env.LOGIN_FAILURE_WINDOW_SECONDS ?? 15 * 60,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    realtimeDirectDelivery: env.REALTIME_DIRECT_DELIVERY ?? true,
    realtimeCoalesceMs: env.REALTIME_COALESCE_MS ?? 30,
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM ?? 'GreenTable <no-reply@greentable.localhost>',
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT ?? 3000}`).replace(/\/+$/, ''),
    mailRatePerSecond: env.MAIL_RATE_PER_SECOND ?? 500,
    inboundSmtpPort: env.INBOUND_SMTP_PORT,
    mailReplyDomain: env.MAIL_REPLY_DOMAIN ?? 'reply.greentable.localhost',
    mailNotificationDelaySeconds: env.MAIL_NOTIFICATION_DELAY_SECONDS ?? 60,
    mailLeaseSeconds: 60,
    mailPollMs: 1000,
    maxUploadBytes: (env.MAX_UPLOAD_MB ?? 50) * 1024 * 1024,
    translateUrl: env.TRANSLATE_URL?.replace(/\/+$/, ''),
    translateApiKey: env.TRANSLATE_API_KEY,
    s3:
      env.S3_ENDPOINT && env.S3_BUCKET
        ? {
            endpoint: env.S3_ENDPOINT,
            bucket: env.S3_BUCKET,
            region: env.S3_REGION ?? 'us-east-1',
            accessKeyId: env.S3_ACCESS_KEY_ID,
            secretAccessKey: env.S3_SECRET_ACCESS_KEY,
            forcePathStyle: env.S3_FORCE_PATH_STYLE ?? true,
          }
        : undefined,
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Config once the database and secrets are settled at start. */
export interface ResolvedConfig extends AppConfig {
  databaseUrl: string;
  jwtSecret: string;
}
