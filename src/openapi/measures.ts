import type { OpenAPIObject } from '@nestjs/swagger';

type Json = Record<string, unknown>;

export interface Operation {
  method: string;
  path: string;
  operation: Json;
}

export function operationsOf(document: OpenAPIObject): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    ['get', 'put', 'post', 'delete', 'patch']
      .filter((method) => (item as Json)[method])
      .map((method) => ({ method, path, operation: (item as Json)[method] as Json })),
  );
}

const schemaOf = (document: OpenAPIObject, schema: Json | undefined): Json | undefined => {
  const ref = schema?.$ref as string | undefined;
  return ref ? (document.components?.schemas?.[ref.split('/').pop()!] as Json | undefined) : schema;
};

/** A schema that says what is in it: a named schema, a scalar, an array of typed items; not a bare object. */
function isTyped(schema: Json | undefined): boolean {
  if (!schema) return false;
  if (schema.$ref || schema.oneOf) return true;
  if (schema.type === 'array') return isTyped(schema.items as Json | undefined);
  if (schema.type === 'object') return Object.keys((schema.properties as Json | undefined) ?? {}).length > 0;
  return typeof schema.type === 'string';
}

/** A success response that says what it answers: a schema in some content type, or 204 with no content. */
export function hasTypedSuccess(operation: Json): boolean {
  return Object.entries(operation.responses as Json).some(([status, response]) => {
    if (!/^2\d\d$/.test(status)) return false;
    if (status === '204') return true;
    const content = (response as Json).content as Record<string, { schema?: Json }> | undefined;
    return Object.values(content ?? {}).some(({ schema }) => isTyped(schema));
  });
}

/** Request bodies whose schema is an object without a single property (what the document had before the plugin). */
export function emptyRequestSchemas(document: OpenAPIObject): string[] {
  return operationsOf(document).flatMap(({ method, path, operation }) => {
    const content = (operation.requestBody as Json | undefined)?.content as Record<string, { schema?: Json }> | undefined;
    return Object.entries(content ?? {})
      .filter(([, { schema }]) => {
        const resolved = schemaOf(document, schema);
        return resolved?.type === 'object' && !Object.keys((resolved.properties as Json | undefined) ?? {}).length;
      })
      .map(([type]) => `${method.toUpperCase()} ${path} (${type})`);
  });
}

/** The figures the issue measures the document by. */
export function measures(document: OpenAPIObject) {
  const operations = operationsOf(document);
  return {
    operations: operations.length,
    typedSuccess: operations.filter(({ operation }) => hasTypedSuccess(operation)).length,
    emptyRequestSchemas: emptyRequestSchemas(document).length,
    schemas: Object.keys(document.components?.schemas ?? {}).length,
  };
}
