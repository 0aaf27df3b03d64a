import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { configJsonSchema, renderConfigReference } from '../main/config/docs';

// Writes the configuration reference and its JSON Schema from the zod schema.
const root = resolve(import.meta.dirname, '..');
writeFileSync(resolve(root, 'docs/configuration.md'), renderConfigReference());
writeFileSync(resolve(root, 'docs/kiosk-config.schema.json'), `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
console.log('wrote docs/configuration.md and docs/kiosk-config.schema.json');
