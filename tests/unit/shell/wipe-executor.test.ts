import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestTime } from '../../../main/core/test-time';
import { runWipePlan, WIPE_PLAN, type ProbeCounts, type WipeStep } from '../../../main/core/wipe-plan';
// The module under test imports 'electron' as types only, so it loads without the binary.
import { ALL_STORAGES, createWipeExecutor, type WipeTargets } from '../../../main/shell/wipe-executor';
import { fakeClipboard, FakeSession, ZERO_COUNTS, type ClearMethod } from './fakes';

const START = Date.UTC(2025, 2, 3, 9, 0, 0);

let base: string;
let counter = 0;
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'tupa-wipe-'));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

function setup(options: { view?: boolean; selection?: boolean; probe?: ProbeCounts; files?: string[] } = {}) {
  const journal: string[] = [];
  const ses = new FakeSession('kiosk-session-s1');
  ses.journal = journal;
  const sessionDir = join(base, `session-${++counter}`);
  if (options.files) {
    mkdirSync(sessionDir, { recursive: true });
    for (const name of options.files) {
      mkdirSync(join(sessionDir, name, '..'), { recursive: true });
      writeFileSync(join(sessionDir, name), 'data');
    }
  }
  const view = {
    close: vi.fn(() => {
      journal.push('view.close');
    }),
  };
  const clipboard = fakeClipboard({ selection: options.selection ?? true, journal });
  const probe = vi.fn(async (_sessionId: string) => {
    journal.push('probe');
    return options.probe ?? ZERO_COUNTS;
  });
  const session = vi.fn((_sessionId: string) => ses);
  const targets: WipeTargets = {
    view: (sessionId) => (options.view === false || sessionId !== 's1' ? undefined : view),
    session,
    sessionDir: (sessionId) => {
      journal.push(`sessionDir ${sessionId}`);
      return sessionDir;
    },
    clipboard,
    probe,
  };
  const execute = createWipeExecutor(targets);
  const time = new TestTime('manual', START);
  const run = () => runWipePlan('s1', execute, time);
  return { execute, run, journal, ses, view, clipboard, probe, session, sessionDir };
}

describe('each wipe step calls the right Electron method', () => {
  it('the steps run in the plan\'s order, each doing its own thing', async () => {
    const s = setup({ files: ['a.pdf'] });
    const receipt = await s.run();
    expect(receipt.steps.map((r) => r.step)).toEqual([...WIPE_PLAN]);
    expect(s.journal).toEqual([
      'view.close',
      'clearData',
      'clearStorageData',
      'clearCache',
      'clearAuthCache',
      'clearHostResolverCache',
      'clearCodeCaches',
      'closeAllConnections',
      'sessionDir s1',
      'clipboard.clear',
      'selection.clear',
      'probe',
    ]);
    expect(receipt.ok).toBe(true);
    expect(receipt.problem).toBeUndefined();
    expect(receipt.probe).toEqual(ZERO_COUNTS);
    expect(receipt.startedAt).toBe(START);
  });

  it('clear-data runs the full browsing-data remover (no filter narrowing it)', async () => {
    const s = setup();
    await s.execute('clear-data', 's1');
    expect(s.ses.calledWith('clearData')).toEqual([undefined]);
  });

  it('clear-storage-data names every storage type Electron 45 knows', async () => {
    const s = setup();
    const outcome = await s.execute('clear-storage-data', 's1');
    const calls = s.ses.calledWith('clearStorageData') as Array<{ storages: string[] }>;
    expect(calls).toHaveLength(1);
    expect(Object.keys(calls[0]!)).toEqual(['storages']); // no origin, no removed `quotas`
    expect([...calls[0]!.storages].sort()).toEqual(
      ['cachestorage', 'cookies', 'filesystem', 'indexdb', 'localstorage', 'serviceworkers', 'shadercache'],
    );
    expect([...ALL_STORAGES].sort()).toEqual([...calls[0]!.storages].sort());
    expect(outcome.detail).toContain('localstorage');
  });

  it('clear-code-caches clears every URL\'s code cache ({urls: []})', async () => {
    const s = setup();
    await s.execute('clear-code-caches', 's1');
    expect(s.ses.calledWith('clearCodeCaches')).toEqual([{ urls: [] }]);
  });

  it.each([
    ['clear-cache', 'clearCache'],
    ['clear-auth-cache', 'clearAuthCache'],
    ['clear-host-resolver-cache', 'clearHostResolverCache'],
    ['close-connections', 'closeAllConnections'],
  ] as Array<[WipeStep, ClearMethod]>)('%s calls %s on the session\'s partition and nothing else', async (step, method) => {
    const s = setup();
    await s.execute(step, 's1');
    expect(s.ses.clearCalls.map((c) => c.method)).toEqual([method]);
    expect(s.session).toHaveBeenCalledWith('s1');
  });

  it('close-view closes the session\'s open view', async () => {
    const s = setup();
    expect(await s.execute('close-view', 's1')).toEqual({ detail: 'view closed' });
    expect(s.view.close).toHaveBeenCalledTimes(1);
  });

  it('close-view with no view open succeeds and says so', async () => {
    const s = setup({ view: false });
    const receipt = await s.run();
    const step = receipt.steps.find((r) => r.step === 'close-view')!;
    expect(step.ok).toBe(true);
    expect(step.detail).toBe('no view open in this process');
    expect(s.view.close).not.toHaveBeenCalled();
  });
});

describe('a failing step is recorded and the wipe goes on', () => {
  it('a clear method that rejects makes its step not ok while the later steps still run', async () => {
    const s = setup();
    s.ses.failing.add('clearCache');
    const receipt = await s.run();
    const byStep = Object.fromEntries(receipt.steps.map((r) => [r.step, r]));
    expect(byStep['clear-cache']).toMatchObject({ ok: false, detail: 'clearCache failed in the fake' });
    for (const step of WIPE_PLAN.slice(WIPE_PLAN.indexOf('clear-cache') + 1)) expect(byStep[step]?.ok, step).toBe(true);
    expect(s.journal).toContain('clearAuthCache');
    expect(s.journal).toContain('closeAllConnections');
    expect(s.journal).toContain('clipboard.clear');
    expect(s.journal.at(-1)).toBe('probe');
    expect(receipt.ok).toBe(false);
    expect(receipt.problem).toBe('clear-cache: clearCache failed in the fake');
  });

  it('the first failure is the receipt\'s problem when several steps fail', async () => {
    const s = setup();
    s.ses.failing.add('clearAuthCache');
    s.ses.failing.add('clearData');
    const receipt = await s.run();
    expect(receipt.steps.filter((r) => !r.ok).map((r) => r.step)).toEqual(['clear-data', 'clear-auth-cache']);
    expect(receipt.problem).toMatch(/^clear-data: /);
  });

  it('a clipboard that throws does not stop the probe', async () => {
    const s = setup();
    s.clipboard.clear.mockImplementation(() => {
      throw new Error('no display');
    });
    const receipt = await s.run();
    expect(receipt.steps.find((r) => r.step === 'clear-clipboard')?.ok).toBe(false);
    expect(s.probe).toHaveBeenCalledTimes(1);
    expect(receipt.ok).toBe(false);
  });
});

describe('downloads, clipboard and probe', () => {
  it('delete-downloads removes the session folder with everything in it and counts it', async () => {
    const s = setup({ files: ['päätös.pdf', 'kuva.jpg', 'lomake.docx'] });
    expect(existsSync(join(s.sessionDir, 'kuva.jpg'))).toBe(true);
    const outcome = await s.execute('delete-downloads', 's1');
    expect(existsSync(s.sessionDir)).toBe(false);
    expect(outcome.detail).toBe('3 item(s) deleted');
  });

  it('delete-downloads also removes sub-folders', async () => {
    const s = setup({ files: ['a.pdf', 'sub/b.pdf'] });
    const outcome = await s.execute('delete-downloads', 's1');
    expect(existsSync(s.sessionDir)).toBe(false);
    expect(outcome.detail).toBe('3 item(s) deleted'); // a.pdf, sub, sub/b.pdf
  });

  it('delete-downloads with no folder (nothing saved) succeeds', async () => {
    const s = setup();
    expect(existsSync(s.sessionDir)).toBe(false);
    expect(await s.execute('delete-downloads', 's1')).toEqual({ detail: '0 item(s) deleted' });
  });

  it('the clipboard and the Linux selection are both cleared', async () => {
    const s = setup({ selection: true });
    const outcome = await s.execute('clear-clipboard', 's1');
    expect(s.clipboard.clear).toHaveBeenCalledTimes(1);
    expect(s.clipboard.selection!.clear).toHaveBeenCalledTimes(1);
    expect(outcome.detail).toBe('clipboard and primary selection cleared');
  });

  it('without a selection (Windows) only the clipboard is cleared', async () => {
    const s = setup({ selection: false });
    const outcome = await s.execute('clear-clipboard', 's1');
    expect(s.clipboard.clear).toHaveBeenCalledTimes(1);
    expect(outcome.detail).toBe('clipboard cleared');
  });

  it('the probe step returns the probe\'s counts for the session', async () => {
    const s = setup({ probe: { ...ZERO_COUNTS, cookies: 2 } });
    const outcome = await s.execute('probe', 's1');
    expect(s.probe).toHaveBeenCalledWith('s1');
    expect(outcome.counts).toEqual({ ...ZERO_COUNTS, cookies: 2 });
  });

  it('a probe that finds leftovers makes the receipt not ok', async () => {
    const s = setup({ probe: { ...ZERO_COUNTS, localStorage: 3 } });
    const receipt = await s.run();
    expect(receipt.ok).toBe(false);
    expect(receipt.probe).toEqual({ ...ZERO_COUNTS, localStorage: 3 });
    expect(receipt.problem).toBe('probe: the probe found data left behind');
  });

  it('a probe that could not read a count (-1) makes the receipt not ok', async () => {
    const s = setup({ probe: { ...ZERO_COUNTS, indexedDB: -1 } });
    const receipt = await s.run();
    expect(receipt.ok).toBe(false);
    expect(receipt.steps.at(-1)).toMatchObject({ step: 'probe', ok: false });
  });
});
