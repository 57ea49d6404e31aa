import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from '../app.module';
import { ERROR_DESCRIPTIONS, ERROR_EXTENSION, type ErrorStatus } from '../common/api-errors';
import { ErrorResponse } from '../common/error-response.dto';
import { loadConfig } from '../config/app-config';
import { REALTIME_SCHEMAS } from '../realtime/dto/events.dto';
import metadata from './metadata';

/** The prefix of every HTTP route (set in create-app.ts). */
export const API_PREFIX = 'api';

/** Schemas the document holds though no route names them (e.g. socket event payloads): add the class here. */
export const EXTRA_MODELS: Type[] = [ErrorResponse, ...REALTIME_SCHEMAS];

const TAGS: [string, string][] = [
  ['auth', 'Signing in and out, and the signed-in user'],
  ['directory', 'Organizations, parks and people'],
  ['invitations', 'Inviting people onto the platform'],
  ['roundtables', 'Tripartite roundtables: participants, agenda, minutes, decisions'],
  ['working groups', 'Working groups formed by roundtables'],
  ['roadmaps', 'Roadmaps and their progress'],
  ['action items', 'Commitments of a roadmap: status, milestones, positions, indicator links'],
  ['indicators', 'The indicator catalogue and its series'],
  ['observations', 'Indicator values: reporting, review, CSV import and export'],
  ['discussion', 'Discussion channels and their message history (live messages go over socket.io: docs/realtime.md)'],
  ['activity', 'Notifications and the audit trail'],
  ['operations', 'Health of the running service'],
];

let metadataLoaded: Promise<void> | undefined;
/** Applies what the swagger plugin read from the types (src/openapi/metadata.ts); once per process. */
export const loadOpenApiMetadata = () => (metadataLoaded ??= SwaggerModule.loadPluginMetadata(metadata));

/** The OpenAPI 3.1 document of the HTTP API, as served at /api/docs/openapi.json and written to openapi.json. */
export async function buildOpenApiDocument(app: INestApplication): Promise<OpenAPIObject> {
  await loadOpenApiMetadata();
  return openApiDocument(app);
}

/** The same, once loadOpenApiMetadata has run (create-app.ts builds it only when /api/docs is first asked for). */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('GreenTable API')
    .setDescription(
      'Social dialogue on green jobs: roundtables, roadmaps, commitments, indicators. ' +
        'Every error answers with the ErrorResponse shape. Realtime protocol: see docs/realtime.md.',
    )
    .setVersion('1')
    .setLicense('UNLICENSED', 'https://choosealicense.com/no-permission/')
    .addServer('/', 'The server this document is served from')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'The accessToken of POST /api/auth/login' });
  for (const [name, description] of TAGS) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build(), {
    extraModels: EXTRA_MODELS,
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
  return finishDocument(document);
}

/**
 * The application as far as the document needs it: modules and controllers, no providers started (Nest's preview
 * mode), so no database. For `npm run openapi` and the tests.
 */
export async function createDocumentApp(): Promise<INestApplication> {
  const config = { ...loadConfig({ NODE_ENV: 'test' }), databaseUrl: 'postgres://unused', jwtSecret: 'unused' };
  const app = await NestFactory.create(AppModule.forRoot(config), new FastifyAdapter(), { preview: true, logger: false });
  app.setGlobalPrefix(API_PREFIX);
  return app;
}

/** The document as JSON text: 2-space indent, a trailing newline. */
export const documentText = (document: OpenAPIObject) => `${JSON.stringify(document, null, 2)}\n`;

type Json = Record<string, unknown>;
const errorResponse = (status: ErrorStatus) => ({
  description: ERROR_DESCRIPTIONS[status],
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
});
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const SUCCESS: Record<string, string> = { '200': 'OK', '201': 'Created', '204': 'Done' };

/** What the decorators leave to rules: the default error responses, 3.1 schemas, formats, a stable order. */
function finishDocument(document: OpenAPIObject): OpenAPIObject {
  for (const path of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = (path as Json)[method] as Json | undefined;
      if (!operation) continue;
      // Public routes say so (security: []); routes without a doc comment get a summary from their name.
      operation.security ??= [];
      operation.summary ??= summaryOf(operation.operationId as string);
      const parameters = (operation.parameters ?? []) as Json[];
      const responses = operation.responses as Json;
      const errors: ErrorStatus[] = [];
      if (parameters.length || operation.requestBody) errors.push(400);
      if ((operation.security as unknown[] | undefined)?.length) errors.push(401);
      if (parameters.some((p) => p.in === 'path')) errors.push(404);
      for (const key of Object.keys(operation).filter((k) => k.startsWith(ERROR_EXTENSION))) {
        errors.push(Number(key.slice(ERROR_EXTENSION.length)) as ErrorStatus);
        delete operation[key];
      }
      for (const status of errors) responses[status] ??= errorResponse(status);
      for (const [status, response] of Object.entries(responses)) {
        const described = response as Json;
        if (status.startsWith('2') && !described.description) described.description = SUCCESS[status] ?? 'Done';
      }
      operation.responses = sortKeys(responses);
      // A text/csv body is the file itself, whatever the multipart form around it looks like.
      const content = (operation.requestBody as Json | undefined)?.content as Json | undefined;
      if (content?.['text/csv']) content['text/csv'] = { schema: { type: 'string' } };
    }
  }
  document.paths = sortKeys(document.paths);
  if (document.components?.schemas) document.components.schemas = sortKeys(document.components.schemas);
  walkSchemas(document);
  return document;
}

/** Roundtables_changeStatus → "Roundtables: change status". */
function summaryOf(operationId: string): string {
  const [resource, method] = operationId.split('_');
  const words = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return `${words(resource).replace(/^./, (c) => c.toUpperCase())}: ${words(method)}`;
}

const sortKeys = <T extends object>(object: T): T => Object.fromEntries(Object.entries(object).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) as T;

/** Every schema object in the document: OpenAPI 3.0's `nullable` becomes 3.1's null type; *At strings are date-times. */
function walkSchemas(node: unknown, key?: string): void {
  if (Array.isArray(node)) return node.forEach((child) => walkSchemas(child));
  if (typeof node !== 'object' || node === null) return;
  const object = node as Json;
  if (object.properties && typeof object.properties === 'object') {
    for (const [name, property] of Object.entries(object.properties as Json)) {
      const schema = property as Json;
      if (/At$/.test(name) && schema.type === 'string' && !schema.format) schema.format = 'date-time';
    }
  }
  if (key !== 'properties') toNullType(object);
  for (const [childKey, child] of Object.entries(object)) walkSchemas(child, childKey);
}

function toNullType(schema: Json): void {
  if (schema.nullable !== true) return;
  delete schema.nullable;
  // A nullable reference: Nest writes { type: 'object', allOf: [{ $ref }] } (or a bare $ref).
  const ref = schema.$ref ?? (Array.isArray(schema.allOf) && schema.allOf.length === 1 ? (schema.allOf[0] as Json).$ref : undefined);
  if (ref) {
    delete schema.$ref;
    delete schema.allOf;
    delete schema.type;
    schema.oneOf = [{ $ref: ref }, { type: 'null' }];
  } else if (typeof schema.type === 'string') {
    schema.type = [schema.type, 'null'];
    if (Array.isArray(schema.enum)) schema.enum = [...(schema.enum as unknown[]), null];
  }
}
