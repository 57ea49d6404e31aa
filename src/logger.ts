import { Injectable } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import pino from 'pino';
import type { AppConfig } from './config/app-config';

/** What Nest says once per module, controller, route and socket handler at boot: useful when debugging, noise otherwise. */
const BOOT_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'WebSocketsController', 'NestApplication']);

/** For a person at a terminal: one short line per entry, `HH:MM:ss LEVEL [Context] message`. */
const PRETTY: pino.TransportSingleOptions = {
  target: 'pino-pretty',
  options: {
    colorize: true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,context,req,res,responseTime,userId',
    messageFormat: '{if context}[{context}] {end}{msg}{if req.method} ({req.method} {req.url} {res.statusCode}, {responseTime} ms){end}',
    singleLine: true,
  },
};

const roots = new Map<string, pino.Logger>();

/**
 * The process's one pino logger for a level and format (JSON lines, or pretty through pino-pretty's worker thread):
 * main.ts writes its start-up lines with it, and nestjs-pino's HTTP logger is its child, so they come out in order.
 */
export function rootLogger(config: Pick<AppConfig, 'logLevel' | 'logFormat'>): pino.Logger {
  const key = `${config.logLevel}:${config.logFormat}`;
  let logger = roots.get(key);
  if (!logger) {
    const pretty = config.logFormat === 'pretty' && config.logLevel !== 'silent';
    logger = pino({ level: config.logLevel, ...(pretty ? { transport: PRETTY } : {}) });
    roots.set(key, logger);
  }
  return logger;
}

/** Whether a level shows each request's access line (written at info). */
export const writesAccessLines = (level: string): boolean => (pino.levels.values[level] ?? Infinity) <= pino.levels.values.info;

/**
 * Names the signed-in user in the request's access line: nestjs-pino writes it from Node's own request, which
 * Fastify wraps (the guards set `user` on Fastify's).
 */
export function nameInAccessLine(request: { raw: object }, user: { id: string }): void {
  (request.raw as { user?: { id: string } }).user = user;
}

/** nestjs-pino's Nest logger, with Nest's per-module boot lines moved from info to debug. */
@Injectable()
export class AppLogger extends Logger {
  log(message: unknown, ...optionalParams: unknown[]): void {
    const context = optionalParams.at(-1);
    if (typeof context === 'string' && BOOT_CONTEXTS.has(context)) this.debug(message, ...optionalParams);
    else super.log(message, ...optionalParams);
  }
}
