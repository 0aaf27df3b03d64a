import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

async function lint(filePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, filePath) });
  return result!.messages.filter((m) => /restricted-imports/.test(m.ruleId ?? '')).map((m) => m.message);
}

describe('the dependency direction is enforced by the linter', () => {
  it('main/core imports nothing of ours', async () => {
    expect(await lint('main/core/example.ts', "import { openDatabase } from '../store/database';\nexport const x = openDatabase;\n")).not.toEqual([]);
    expect(await lint('main/core/example.ts', "import { MINUTE } from './clock';\nexport const x = MINUTE;\n")).toEqual([]);
  });

  it("only main/shell/, the entry and the preload import 'electron'", async () => {
    const code = "import { app } from 'electron';\nexport const x = app;\n";
    expect(await lint('main/store/example.ts', code)).not.toEqual([]);
    expect(await lint('main/kiosk/example.ts', code)).not.toEqual([]);
    expect(await lint('renderer/kiosk/example.ts', code)).not.toEqual([]);
    expect(await lint('main/shell/example.ts', code)).toEqual([]);
    expect(await lint('main/index.ts', code)).toEqual([]);
  });

  it('nothing but the entry reaches into main/shell/', async () => {
    const code = "import { registerIpcTransport } from '../shell/ipc-transport';\nexport const x = registerIpcTransport;\n";
    expect(await lint('main/kiosk/example.ts', code)).not.toEqual([]);
  });

  it('the renderer never imports main/ and takes only types from the contract', async () => {
    expect(await lint('renderer/kiosk/example.ts', "import { systemClock } from '../../main/core/clock';\nexport const x = systemClock;\n")).not.toEqual([]);
    expect(await lint('renderer/kiosk/example.ts', "import { kioskMethods } from '../../preload/contract';\nexport const x = kioskMethods;\n")).not.toEqual([]);
    expect(await lint('renderer/kiosk/example.ts', "import type { KioskSnapshot } from '../../preload/contract';\nexport type X = KioskSnapshot;\n")).toEqual([]);
    expect(await lint('renderer/kiosk/example.ts', "import { PROTOCOL_VERSION } from '../../preload/protocol';\nexport const x = PROTOCOL_VERSION;\n")).toEqual([]);
  });
});

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sources(path));
    else if (/\.(ts|tsx)$/.test(entry.name)) out.push(path);
  }
  return out;
}

describe('the code as it stands', () => {
  const files = ['main', 'preload', 'renderer'].flatMap((d) => sources(join(ROOT, d))).map((f) => relative(ROOT, f));

  it("imports 'electron' only in main/shell/, main/index.ts and the preload", () => {
    const offenders = files.filter((f) => /from ['"]electron['"]|require\(['"]electron['"]\)/.test(readFileSync(join(ROOT, f), 'utf8')));
    const allowed = offenders.filter((f) => f.startsWith('main/shell/') || f === 'main/index.ts' || f === 'preload/kiosk.ts');
    // `import type` is erased at build time; only value imports load the package.
    const valueImports = offenders.filter((f) => !allowed.includes(f) && /^import (?!type)[^;]*from ['"]electron['"]/m.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(valueImports).toEqual([]);
  });

  it('reads time only through the Clock in main/', () => {
    const offenders = files
      .filter((f) => f.startsWith('main/') && !f.endsWith('core/clock.ts') && !f.endsWith('core/test-time.ts'))
      .filter((f) => /Date\.now\(\)|new Date\(\)/.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
