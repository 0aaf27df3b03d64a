import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv } from 'ajv';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const schema = JSON.parse(readFileSync(resolve(ROOT, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as {
  definitions: { FuseOptionsV1: { properties: Record<string, unknown> } };
};
const load = (file: string) => yaml.load(readFileSync(resolve(ROOT, file), 'utf8')) as Record<string, unknown> & { electronFuses: Record<string, boolean> };
const kiosk = load('electron-builder.yml');
const testBuild = load('electron-builder.test.yml');

const HARDENED = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  grantFileProtocolExtraPrivileges: false,
  onlyLoadAppFromAsar: true,
  enableEmbeddedAsarIntegrityValidation: true,
  enableCookieEncryption: true,
};

describe('packaging configuration', () => {
  const ajv = new Ajv({ strict: false, allowUnionTypes: true });
  const validate = ajv.compile(schema);

  it.each([['electron-builder.yml', kiosk], ['electron-builder.test.yml', testBuild]])('%s is valid for electron-builder', (_file, config) => {
    const ok = validate(config);
    expect(validate.errors ?? [], 'schema errors').toEqual([]);
    expect(ok).toBe(true);
  });

  it('sets every Electron fuse explicitly in the kiosk build', () => {
    expect(Object.keys(kiosk.electronFuses).sort()).toEqual(Object.keys(schema.definitions.FuseOptionsV1.properties).sort());
    expect(kiosk.electronFuses).toMatchObject(HARDENED);
  });

  it('keeps only the inspect fuse on in the test build that Playwright drives', () => {
    expect(Object.keys(testBuild.electronFuses).sort()).toEqual(Object.keys(schema.definitions.FuseOptionsV1.properties).sort());
    expect(testBuild.extends).toBe('./electron-builder.yml');
    expect(testBuild.electronFuses).toEqual({ ...kiosk.electronFuses, enableNodeCliInspectArguments: true });
  });

  it('builds for Linux (AppImage, deb) and Windows (NSIS) without rebuilding native modules', () => {
    expect((kiosk.linux as { target: string[] }).target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect((kiosk.win as { target: string[] }).target).toEqual(['nsis']);
    expect(kiosk.npmRebuild).toBe(false);
    expect(kiosk.asarUnpack).toEqual(expect.arrayContaining(['node_modules/better-sqlite3/**']));
  });

  it('leaves the browser preview out of the package (a packaged kiosk speaks IPC only)', () => {
    expect(kiosk.files).toEqual(expect.arrayContaining(['!out/main/preview.js']));
  });

  it('leaves the city receiver out too: its entry, its dashboard and the PostgreSQL driver', () => {
    expect(kiosk.files).toEqual(expect.arrayContaining(['!out/main/city.js', '!out/renderer/city/**', '!node_modules/pg/**']));
  });
});
