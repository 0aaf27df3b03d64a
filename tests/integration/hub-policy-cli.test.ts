import { afterEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setPolicy, showPolicy } from '../../main/cli/hub-admin';
import { ConfigError } from '../../main/config/load';
import { startHub, startPc, stopAll, tempDir, until, waitOnline } from './hub-support';

// IT edits the site's policy on the hub's machine; the running hub sends it
// to every PC, which enforces it from then on.

afterEach(stopAll);

describe('the site policy from the command line', () => {
  it('reaches a connected PC within a second, and is audited', async () => {
    const th = await startHub();
    const pc = await startPc({ id: 'pc-1', hub: th });
    await waitOnline(pc);
    const file = join(th.dir, 'hub.sqlite');
    const policy = showPolicy(file);
    expect(policy.help.phone).toBe('0800 123 456');
    const edited = join(tempDir('tupa-policy-'), 'policy.json');
    writeFileSync(edited, JSON.stringify({ ...policy, help: { ...policy.help, phone: '09 310 12345' } }, null, 2));
    setPolicy(file, edited, Date.now());
    await until('the PC has the new phone number', () => pc.controller.snapshot().help?.phone === '09 310 12345', 3000);
    expect(th.hub.store.auditLog()[0]).toMatchObject({ actor: 'cli', action: 'policy changed' });
  });

  it('refuses a bad file with every problem, its file and field, and changes nothing', async () => {
    const dir = tempDir('tupa-policy-');
    const th = await startHub();
    const file = join(th.dir, 'hub.sqlite');
    const before = showPolicy(file);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ help: { phone: 5 }, idle: { promptSeconds: 1 }, walkin: {} }));
    let error: unknown;
    try {
      setPolicy(file, bad, Date.now());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems.map((p) => p.field).sort()).toEqual(['(top level)', 'help.phone', 'idle.promptSeconds']);
    expect(problems.every((p) => p.file === bad)).toBe(true);
    expect((error as Error).message).toMatch(/^The policy file has 3 problems; nothing was changed\./);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ "help": { "phone": "1" }, }');
    expect(() => setPolicy(file, broken, Date.now())).toThrow(/is not valid JSON: line 1, column \d+/);
    expect(showPolicy(file)).toEqual(before);
  });
});
