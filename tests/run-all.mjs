#!/usr/bin/env node
// npm test: every check and every suite, then one line with the totals.
// Static checks (types, lint, generated docs) count as one test each.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

const results = [];
mkdirSync('test-results', { recursive: true });

function run(label, command, args, env = {}) {
  const started = Date.now();
  process.stdout.write(`\n=== ${label}: ${command} ${args.join(' ')}\n`);
  const child = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return { status: child.status ?? 1, seconds };
}

function check(label, command, args) {
  const { status, seconds } = run(label, command, args);
  results.push({ suite: label, passed: status === 0 ? 1 : 0, failed: status === 0 ? 0 : 1, skipped: 0, seconds });
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function vitest() {
  const out = 'test-results/vitest.json';
  rmSync(out, { force: true });
  const { status, seconds } = run('unit and integration (vitest)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${out}`]);
  const report = readJson(out);
  if (!report) return results.push({ suite: 'vitest', passed: 0, failed: 1, skipped: 0, seconds, note: `no report (exit ${status})` });
  results.push({
    suite: 'unit and integration (vitest)',
    passed: report.numPassedTests,
    failed: report.numFailedTests + (status !== 0 && report.numFailedTests === 0 ? 1 : 0), // a failed file counts once
    skipped: report.numPendingTests + report.numTodoTests,
    seconds,
    note: [skippedNote(report), failedNote(report)].filter(Boolean).join('\n    ') || undefined,
  });
}

/** A failed vitest test is named under the totals too, with the first line of its error, so a short CI tail still says what broke. */
function failedNote(report) {
  const failed = (report.testResults ?? []).flatMap((file) =>
    (file.assertionResults ?? []).filter((t) => t.status === 'failed').map((t) => `${file.name.replace(process.cwd() + '/', '')}: ${t.fullName} (${String(t.failureMessages?.[0] ?? '').split('\n')[0].slice(0, 200)})`),
  );
  // A file whose beforeAll (or import) failed has no failed test, only skipped ones and a message of its own.
  const files = (report.testResults ?? [])
    .filter((file) => file.status === 'failed' && file.message && !(file.assertionResults ?? []).some((t) => t.status === 'failed'))
    .map((file) => `${file.name.replace(process.cwd() + '/', '')} (${String(file.message).split('\n')[0].slice(0, 200)})`);
  const all = [...failed, ...files];
  return all.length ? `FAILED: ${all.join('; ')}` : undefined;
}

/** A skipped vitest test says why in its title (or its suite's): listed under the totals. */
function skippedNote(report) {
  const skipped = (report.testResults ?? []).flatMap((file) => (file.assertionResults ?? []).filter((t) => ['skipped', 'pending', 'todo'].includes(t.status)));
  return skipped.length ? `skipped: ${skipped.map((t) => t.fullName).join('; ')}` : undefined;
}

function playwright(label, config, file) {
  // Playwright resolves a relative report path against the config's folder.
  const out = resolve(file);
  rmSync(out, { force: true });
  const { status, seconds } = run(label, 'npx', ['playwright', 'test', '--config', config, '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: out });
  const report = readJson(out);
  if (!report) return results.push({ suite: label, passed: 0, failed: 1, skipped: 0, seconds, note: `no report (exit ${status})` });
  const s = report.stats;
  const failed = s.unexpected + (status !== 0 && s.unexpected === 0 ? 1 : 0);
  const reasons = new Set();
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) for (const a of t.annotations ?? []) if (a.type === 'skip' && a.description) reasons.add(a.description);
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report.suites ?? []) walk(suite);
  const failedTitles = [];
  const flakyTitles = [];
  const walkFailed = (suite) => {
    for (const spec of suite.specs ?? []) {
      if (!spec.ok) failedTitles.push(`${spec.file}:${spec.line} ${spec.title}`);
      else if ((spec.tests ?? []).some((t) => t.status === 'flaky')) flakyTitles.push(`${spec.file}:${spec.line} ${spec.title}`);
    }
    for (const child of suite.suites ?? []) walkFailed(child);
  };
  for (const suite of report.suites ?? []) walkFailed(suite);
  const note = [reasons.size ? `skipped: ${[...reasons].join('; ')}` : '', failedTitles.length ? `FAILED: ${failedTitles.join('; ')}` : '', flakyTitles.length ? `flaky (failed, then passed on its retry): ${flakyTitles.join('; ')}` : ''].filter(Boolean).join('\n    ') || undefined;
  results.push({ suite: label, passed: s.expected + s.flaky, failed, skipped: s.skipped, seconds, note });
}

check('types (node)', 'npx', ['tsc', '-p', 'tsconfig.json']);
check('types (renderer)', 'npx', ['tsc', '-p', 'renderer/tsconfig.json']);
check('types (browser tests)', 'npx', ['tsc', '-p', 'tests/tsconfig.json']);
check('lint (with the dependency rules)', 'npx', ['eslint', '.']);
check('build (electron-vite)', 'npx', ['electron-vite', 'build']);
vitest();
if (existsSync('out/renderer/kiosk/index.html')) {
  playwright('browser end to end (Playwright, Chromium)', 'tests/e2e-web/playwright.config.ts', 'test-results/e2e-web.json');
} else {
  results.push({ suite: 'browser end to end', passed: 0, failed: 1, skipped: 0, seconds: '0', note: 'the build failed, nothing to test' });
}
playwright('Electron end to end (Playwright _electron)', 'tests/e2e-electron/playwright.config.ts', 'test-results/e2e-electron.json');

const total = results.reduce((t, r) => ({ passed: t.passed + r.passed, failed: t.failed + r.failed, skipped: t.skipped + r.skipped }), { passed: 0, failed: 0, skipped: 0 });
console.log('\nsuite                                          passed  failed  skipped  seconds');
for (const r of results) {
  console.log(`${r.suite.padEnd(46)} ${String(r.passed).padStart(6)}  ${String(r.failed).padStart(6)}  ${String(r.skipped).padStart(7)}  ${String(r.seconds).padStart(7)}`);
  if (r.note) console.log(`    ${r.note}`);
}
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 ? 1 : 0);
