import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cityOpenApi } from '../main/city/openapi';

// Writes the OpenAPI description of the hub → city sync from the contract's zod schemas.
const root = resolve(import.meta.dirname, '..');
writeFileSync(resolve(root, 'docs/city-sync.openapi.json'), `${JSON.stringify(cityOpenApi(), null, 2)}\n`);
console.log('wrote docs/city-sync.openapi.json');
