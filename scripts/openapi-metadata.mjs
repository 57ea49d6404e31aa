// Writes src/openapi/metadata.ts: what the @nestjs/swagger CLI plugin reads from the TypeScript types (DTO and view
// properties, whether they are optional or nullable, class-validator limits, controller return types, doc comments).
// Our build is plain tsc and jest runs @swc/jest, neither of which runs Nest CLI plugins, so the plugin's readonly
// visitor runs here over the program instead (Nest's documented route for SWC builds), and
// SwaggerModule.loadPluginMetadata applies the result when the document is built (src/openapi/openapi-document.ts).
// The file is generated, not committed: typecheck, build and test write it first.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
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
const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });

new PluginMetadataGenerator().generate({
  tsProgramRef: program,
  outputDir,
  filename: 'metadata.ts',
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
