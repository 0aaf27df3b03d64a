/**
 * npm run soak [-- --rounds N --seed S --pcs P --no-build --keep]
 *
 * (--no-build runs the build already in out/; --keep keeps the data
 * folders of a soak that found something.)
 *
 * Kills the site hub and the room PCs (SIGKILL) at random moments across
 * sessions, wipes and syncs, round after round; lets everything reconnect
 * and drain; counts sessions left open and events lost or doubled at the
 * PCs, the hub and the city. Then the flood checks (tests/soak/flood.ts).
 * Prints a table, writes bench-results/soak.json, and exits 1 when any
 * count is not zero or a flood check fails.
 */
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '../../main/core/clock';
import { runFloodChecks, type FloodResult } from './flood';
import { KILL_POINTS } from './points';
import { runSoak, type SoakResult } from './soak';

const ROOT = resolve(import.meta.dirname, '../..');

function table(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}

function soakRows(r: SoakResult): string[][] {
  const c = r.counts;
  const zero = (n: number) => [String(n), '0', n === 0 ? 'yes' : 'NO'];
  const sessionsAgree = c.sessions.pcs === c.sessions.hub && c.sessions.hub === c.sessions.city;
  return [
    ['rounds, PCs, seed', `${r.rounds}, ${r.pcs}, ${r.seed}`, '', ''],
    ['kills (SIGKILL): PCs / hub', `${r.kills.pc} / ${r.kills.hub}`, `≥ ${r.rounds}`, r.kills.pc + r.kills.hub >= r.rounds ? 'yes' : 'NO'],
    ...KILL_POINTS.map((p) => [`  ${p} (at the moment aimed for)`, `${r.kills.byPoint[p]} (${r.kills.landed[p]})`, '', '']),
    ['sessions counted: PCs / hub / city', `${c.sessions.pcs} / ${c.sessions.hub} / ${c.sessions.city}`, 'equal', sessionsAgree ? 'yes' : 'NO'],
    ['sessions left open', ...zero(c.sessionsLeftOpen)],
    ['wipes failed', ...zero(c.wipesFailed)],
    ['events lost at the PCs', ...zero(c.pc.lost)],
    ['events doubled at the PCs', ...zero(c.pc.doubled)],
    ['events lost at the hub', ...zero(c.hub.lost)],
    ['events doubled at the hub', ...zero(c.hub.doubled)],
    ['hub daily figures off its events', ...zero(c.hub.cellsOff)],
    ['records lost at the city', ...zero(c.city.lost)],
    ['records doubled at the city', ...zero(c.city.doubled)],
    ['unconfirmed after the drain: PC events / hub records', `${c.hub.unconfirmedAtPcs} / ${c.city.unconfirmedAtHub}`, '0 / 0', c.hub.unconfirmedAtPcs + c.city.unconfirmedAtHub === 0 ? 'yes' : 'NO'],
    ['figures set aside by the hub', ...zero(c.city.setAside)],
    ['bookings counted as more than one session', ...zero(c.bookingsCountedAgain)],
    ['drain after the last round', `${(r.drainMs / 1000).toFixed(1)} s`, '', ''],
    ['duration', `${(r.durationMs / 1000).toFixed(0)} s`, '', ''],
  ];
}

/** The flood checks (tests/soak/flood.ts): the hub still answers a paired PC and a console within 1 s. */
async function floodChecks(): Promise<{ ran: boolean; note: string; results: FloodResult[] }> {
  try {
    return { ran: true, note: '', results: await runFloodChecks() };
  } catch (error) {
    return { ran: false, note: `FAILED to run: ${error instanceof Error ? error.message : String(error)}`, results: [] };
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '100' },
      seed: { type: 'string' },
      pcs: { type: 'string', default: '3' },
      'no-build': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
    },
  });
  const rounds = Number(values.rounds);
  const seed = values.seed === undefined ? randomInt(1, 2 ** 31) : Number(values.seed);
  const pcs = Number(values.pcs);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds must be a whole number of at least 1, not ${values.rounds}`);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number, not ${values.seed}`);
  if (!Number.isInteger(pcs) || pcs < 1 || pcs > 9) throw new Error(`--pcs must be a number from 1 to 9, not ${values.pcs}`);
  // A build of its own: another build of out/ while the soak runs would pull the files from under the processes it starts.
  const outDir = values['no-build'] ? join(ROOT, 'out') : join(ROOT, 'bench-results', `soak-build-${process.pid}`);
  if (!values['no-build']) {
    console.log(`building (electron-vite build --outDir ${relative(ROOT, outDir)})…`);
    const build = spawnSync(process.execPath, [resolve(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--outDir', outDir], { cwd: ROOT, stdio: 'ignore' });
    if (build.status !== 0) throw new Error('the build failed; run "npm run build" to see why');
  }
  console.log(`soak: ${rounds} rounds, ${pcs} PCs, seed ${seed} (repeat with --seed ${seed})`);
  let result: SoakResult;
  try {
    result = await runSoak({ rounds, seed, pcs, outDir, log: (line) => console.log(`  ${line}`), keepOnFailure: values.keep });
  } finally {
    if (!values['no-build']) rmSync(outDir, { recursive: true, force: true });
  }

  console.log('');
  table(['figure', 'measured', 'goal', 'met'], soakRows(result));
  for (const finding of result.counts.findings) console.log(`  found: ${finding}`);

  console.log('\nflood checks');
  const flood = await floodChecks();
  if (!flood.ran) console.log(`  ${flood.note}`);
  else table(['check', 'ok', 'PC ms', 'console ms', 'detail'], flood.results.map((f) => [f.name, f.ok ? 'yes' : 'NO', String(f.pcLatencyMs), String(f.consoleLatencyMs), f.detail]));

  const failures = [...result.failures, ...flood.results.filter((f) => !f.ok).map((f) => `flood check failed: ${f.name}`)];
  if (!flood.ran) failures.push(`flood checks ${flood.note}`);
  const out = resolve(ROOT, 'bench-results');
  mkdirSync(out, { recursive: true });
  const report = { when: new Date(systemClock.now()).toISOString(), node: process.version, machine: { cpus: cpus().length, platform: process.platform }, ...result, flood, failures };
  writeFileSync(resolve(out, 'soak.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log('\nwritten: bench-results/soak.json');
  if (failures.length) console.log(`\nFAILED:\n${failures.map((f) => `  ${f}`).join('\n')}`);
  else console.log('\npassed: no session left open, nothing lost or doubled');
  return failures.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`soak: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
