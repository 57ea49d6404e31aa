// Writes src/openapi/metadata.ts: what the @nestjs/swagger CLI plugin reads from the TypeScript types (DTO and view
// properties, whether they are optional or nullable, class-validator limits, controller return types, doc comments).
// Our build is plain tsc and jest runs @swc/jest, neither of which runs Nest CLI plugins, so the plugin's readonly
// visitor runs here over the program instead (Nest's documented route for SWC builds), and
// SwaggerModule.loadPluginMetadata applies the result when the document is built (src/openapi/openapi-document.ts).
// The file is generated, not committed: typecheck, build and test write it first. It is written again only when the
// sources it is made from changed (a hash of them is kept beside it in node_modules/.cache), and written whole
// (a temporary file renamed over it), so that .ci/run's checks, which each call this script, can run side by side.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ts = require('typescript');
const { PluginMetadataGenerator } = require('@nestjs/cli/lib/compiler/plugins/plugin-metadata-generator');
const { ReadonlyVisitor } = require('@nestjs/swagger/plugin');

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outputDir = join(root, 'src', 'openapi');

const configFile = join(root, 'tsconfig.build.json');
const { config } = ts.readConfigFile(configFile, ts.sys.readFile);
const parsed = ts.parseJsonConfigFileContent(config, ts.sys, root, undefined, configFile);
const output = join(outputDir, 'metadata.ts');
const sources = parsed.fileNames.filter((file) => file !== output);

const hash = createHash('sha256');
for (const file of [fileURLToPath(import.meta.url), join(root, 'package-lock.json'), configFile, ...sources]) {
  hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
}
const fingerprint = hash.digest('hex');
const stamp = join(root, 'node_modules', '.cache', 'greentable', 'openapi-metadata.sha256');
if (existsSync(output) && existsSync(stamp) && readFileSync(stamp, 'utf8') === fingerprint) process.exit(0);

const program = ts.createProgram({ rootNames: sources, options: parsed.options });
const temporary = `metadata.${process.pid}.tmp.ts`;
new PluginMetadataGenerator().generate({
  tsProgramRef: program,
  outputDir,
  filename: temporary,
  visitors: [
    new ReadonlyVisitor({
      pathToSource: outputDir,
      classValidatorShim: true,
      introspectComments: true,
      dtoFileNameSuffix: ['.dto.ts', '/views.ts', '/pagination.ts', '/params.ts', '/errors.ts', '/localized-text.ts'],
      controllerFileNameSuffix: ['.controller.ts'],
    }),
  ],
});
renameSync(join(outputDir, temporary), output);
mkdirSync(dirname(stamp), { recursive: true });
writeFileSync(stamp, fingerprint);
