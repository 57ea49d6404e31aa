import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OpenAPIObject } from '@nestjs/swagger';
import { projectRoot } from '../common/paths';
import { emptyRequestSchemas, hasTypedSuccess, operationsOf } from './measures';
import { buildOpenApiDocument, createDocumentApp, documentText } from './openapi-document';

/** The routes anyone may call without a token. */
const PUBLIC = [
  'Auth_login',
  'Auth_refresh',
  'Auth_logout',
  'Invitations_preview',
  'Invitations_accept',
  'Health_check',
  'Unsubscribe_confirm',
  'Unsubscribe_unsubscribe',
  // The public portal: published roadmaps, read without signing in.
  'Portal_list',
  'Portal_roadmap',
  'Portal_series',
];

describe('the OpenAPI document', () => {
  let document: OpenAPIObject;

  beforeAll(async () => {
    const app = await createDocumentApp();
    document = await buildOpenApiDocument(app);
    await app.close();
  }, 60_000);

  const operations = () => operationsOf(document).map(({ method, path, operation }) => ({ name: `${method.toUpperCase()} ${path}`, operation }));
  const responsesOf = (operation: Record<string, unknown>) => operation.responses as Record<string, { content?: Record<string, { schema?: unknown }> }>;

  it('is the committed openapi.json', () => {
    const committed = readFileSync(join(projectRoot(), 'openapi.json'), 'utf8');
    if (documentText(document) !== committed) throw new Error('openapi.json is stale: run npm run openapi');
  });

  it('is OpenAPI 3.1, without the nullable of 3.0', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(documentText(document)).not.toContain('"nullable"');
  });

  it('gives every operation a typed success response', () => {
    expect(
      operations()
        .filter(({ operation }) => !hasTypedSuccess(operation))
        .map(({ name }) => name),
    ).toEqual([]);
  });

  it('has no request body without properties', () => {
    expect(emptyRequestSchemas(document)).toEqual([]);
  });

  it('describes path and query parameters with a type', () => {
    const untyped = operationsOf(document).flatMap(({ method, path, operation }) =>
      ((operation.parameters ?? []) as { name: string; schema?: { type?: unknown; $ref?: string } }[])
        .filter((p) => !p.schema?.type && !p.schema?.$ref)
        .map((p) => `${method} ${path} ${p.name}`),
    );
    expect(untyped).toEqual([]);
    // Every {name} in a path is a parameter of the operation.
    for (const { method, path, operation } of operationsOf(document)) {
      const named = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const declared = ((operation.parameters ?? []) as { name: string; in: string }[])
        .filter((p) => p.in === 'path')
        .map((p) => p.name)
        .sort();
      expect(`${method} ${path}: ${declared.join(',')}`).toBe(`${method} ${path}: ${named.join(',')}`);
    }
  });

  it('gives every operation its error responses, all in the one error shape', () => {
    const missing: string[] = [];
    for (const { name, operation } of operations()) {
      const responses = responsesOf(operation);
      const expected = [
        ...((operation.parameters as unknown[] | undefined)?.length || operation.requestBody ? ['400'] : []),
        ...((operation.security as unknown[]).length ? ['401'] : []),
        ...(name.includes('{') ? ['404'] : []),
      ];
      for (const status of expected) if (!responses[status]) missing.push(`${name} ${status}`);
      for (const [status, response] of Object.entries(responses)) {
        if (!/^[45]/.test(status)) continue;
        expect(`${name} ${status}: ${JSON.stringify(response.content?.['application/json']?.schema)}`).toBe(
          `${name} ${status}: {"$ref":"#/components/schemas/ErrorResponse"}`,
        );
      }
    }
    expect(missing).toEqual([]);
    const errorShape = document.components!.schemas!.ErrorResponse as { required: string[] };
    expect(errorShape.required).toEqual(['statusCode', 'error', 'message', 'details']);
  });

  it('asks for the bearer token on every route but the public ones, and says 429 on sign-in', () => {
    const open = operations().filter(({ operation }) => !(operation.security as unknown[]).length);
    expect(open.map(({ operation }) => operation.operationId).sort()).toEqual([...PUBLIC].sort());
    const login = operations().find(({ operation }) => operation.operationId === 'Auth_login')!;
    expect(Object.keys(responsesOf(login.operation))).toEqual(expect.arrayContaining(['200', '400', '401', '429']));
  });

  it('names every operation once, and tags it', () => {
    const ids = operations().map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(operations().filter(({ operation }) => !(operation.tags as unknown[] | undefined)?.length)).toEqual([]);
  });
});
