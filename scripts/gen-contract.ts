/** `npm run gen`: writes the contract documents generated from src/contract. */
import { readFileSync, writeFileSync } from 'node:fs';
import { datasetJsonSchema, openApiDocument, serialize } from './contract-documents.ts';
import { wireSchemasModule } from './wire-schemas.ts';

export const GENERATED = {
  'mock-api/openapi.json': () => {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    return serialize(openApiDocument(version));
  },
  'mock-api/dataset.schema.json': () => serialize(datasetJsonSchema()),
  'src/contract/wire-schemas.generated.ts': wireSchemasModule,
};

if (import.meta.main) {
  for (const [file, build] of Object.entries(GENERATED)) {
    writeFileSync(new URL(`../${file}`, import.meta.url), build());
    console.log(`wrote ${file}`);
  }
}
