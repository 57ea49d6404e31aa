import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/paths';
import { measures } from './measures';
import { buildAsyncApiDocument } from '../realtime/asyncapi';
import { buildOpenApiDocument, createDocumentApp, documentText } from './openapi-document';

/** `npm run openapi`: writes openapi.json and asyncapi.json at the project root, and prints the measures of the document. */
async function main(): Promise<void> {
  const app = await createDocumentApp();
  const document = await buildOpenApiDocument(app);
  await app.close();
  const file = join(projectRoot(), 'openapi.json');
  writeFileSync(file, documentText(document));
  const m = measures(document);
  console.log(`Wrote ${file}`);
  console.log(`  operations with a typed 2xx response: ${m.typedSuccess}/${m.operations}`);
  console.log(`  request schemas with no properties: ${m.emptyRequestSchemas}`);
  console.log(`  component schemas: ${m.schemas}`);
  const asyncapi = join(projectRoot(), 'asyncapi.json');
  writeFileSync(asyncapi, `${JSON.stringify(buildAsyncApiDocument(document.components ?? {}), null, 2)}\n`);
  console.log(`Wrote ${asyncapi} (the socket protocol, from the same schemas)`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
