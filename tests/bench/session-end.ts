import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { systemClock } from '../../main/core/clock';
import { NodeScheduler } from '../../main/core/node-scheduler';
import { generateCode, hashCode } from '../../main/core/codes';
import { parseConfig } from '../../main/config/load';
import { createKioskCore } from '../../main/kiosk/compose';
import { RecordingShell } from '../../main/kiosk/recording-shell';
import { createMemoryLogger } from '../../main/log/logger';
import { loadOrCreateCodeKey } from '../../main/store/code-key';

export interface LatenessResult {
  samples: number[];
  pcs: number;
  sessionsPerPc: number;
}

/**
 * How late a session ends: from the booking's end to the state "wiping",
 * with the real scheduler (node-schedule), real SQLite files and many PCs'
 * cores in one process (more load than a room PC ever has).
 */
export async function measureSessionEndLateness(pcs = 25, sessionsPerPc = 8): Promise<LatenessResult> {
  const samples: number[] = [];
  const root = mkdtempSync(join(tmpdir(), 'tupa-bench-'));
  const runs = Array.from({ length: pcs }, async (_, i) => {
    const dataDir = join(root, `pc-${i}`);
    const config = parseConfig({ pc: { id: `pc-${i}`, name: `PC ${i}` }, feedback: { enabled: false } }, 'bench');
    const core = await createKioskCore({
      config,
      dataDir,
      clock: systemClock,
      scheduler: new NodeScheduler(systemClock),
      shell: new RecordingShell(),
      logger: createMemoryLogger(),
      isAllowedSender: () => true,
    });
    const key = loadOrCreateCodeKey(dataDir);
    for (let s = 0; s < sessionsPerPc; s++) {
      const code = generateCode();
      const now = systemClock.now();
      const endsAt = now + 800 + Math.floor(Math.random() * 1200);
      core.store.bookings.add({ id: randomUUID(), pcId: config.pc.id, startsAt: now - 60_000, endsAt, codeHash: hashCode(key, code) }, now);
      core.controller.reloadFromStore();
      const wiping = new Promise<number>((resolve) => {
        const off = core.controller.onPhase((phase, at) => {
          if (phase === 'wiping') {
            off();
            resolve(at);
          }
        });
      });
      const welcome = new Promise<void>((resolve) => {
        const off = core.controller.onPhase((phase) => {
          if (phase === 'welcome') {
            off();
            resolve();
          }
        });
      });
      const result = core.controller.checkIn(code, 'fi');
      if (result.result !== 'ok') throw new Error(`bench check-in failed: ${JSON.stringify(result)}`);
      samples.push((await wiping) - endsAt);
      await welcome;
    }
    core.close();
  });
  await Promise.all(runs);
  rmSync(root, { recursive: true, force: true });
  return { samples, pcs, sessionsPerPc };
}
