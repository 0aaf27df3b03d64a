import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { measureSessionEndLateness } from './session-end';
import { bundleSize, firstRender } from './renderer';
import { chromiumAvailable, CHROMIUM_PATH } from '../support/chromium';

// npm run bench: speed and size targets, as a table and as JSON.
const ROOT = resolve(import.meta.dirname, '../..');

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? NaN;
}

interface Row {
  metric: string;
  value: number;
  unit: string;
  goal: string;
  met: boolean | null;
  detail: string;
}

async function main() {
  const build = spawnSync(process.execPath, [resolve(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: ROOT, stdio: 'ignore' });
  if (build.status !== 0) throw new Error('the build failed; run "npm run build" to see why');

  const rows: Row[] = [];
  const lateness = await measureSessionEndLateness();
  const p50 = percentile(lateness.samples, 50);
  const p99 = percentile(lateness.samples, 99);
  const detail = `${lateness.samples.length} sessions on ${lateness.pcs} PCs at once, node-schedule, SQLite`;
  rows.push({ metric: 'session end lateness p50', value: p50, unit: 'ms', goal: '', met: null, detail });
  rows.push({ metric: 'session end lateness p99', value: p99, unit: 'ms', goal: '≤ 1000 ms', met: p99 <= 1000, detail });
  rows.push({ metric: 'session end lateness max', value: Math.max(...lateness.samples), unit: 'ms', goal: '', met: null, detail });

  const bundle = bundleSize();
  rows.push({
    metric: 'kiosk renderer bundle (gzip)',
    value: Math.round(bundle.gzipTotal / 102.4) / 10,
    unit: 'KB',
    goal: '≤ 250 KB',
    met: bundle.gzipTotal <= 250 * 1024,
    detail: bundle.files.map((f) => `${f.file} ${Math.round(f.gzip / 1024)} KB`).join(', '),
  });

  if (chromiumAvailable) {
    const render = await firstRender();
    const median = Math.round(percentile(render, 50));
    const detail = `${render.length} fresh pages in Chromium, navigation start to the welcome screen drawn with the core's data`;
    rows.push({ metric: 'first render (median)', value: median, unit: 'ms', goal: '≤ 300 ms', met: median <= 300, detail });
    rows.push({ metric: 'first render p95', value: Math.round(percentile(render, 95)), unit: 'ms', goal: '', met: null, detail });
  } else {
    rows.push({ metric: 'first render', value: NaN, unit: 'ms', goal: '≤ 300 ms', met: null, detail: `skipped: no Chromium at ${CHROMIUM_PATH}` });
  }

  const width = (k: keyof Row) => Math.max(k.length, ...rows.map((r) => String(r[k]).length));
  const cols: Array<keyof Row> = ['metric', 'value', 'unit', 'goal', 'met'];
  const line = (r: Record<string, unknown>) => cols.map((c) => String(r[c] ?? '').padEnd(width(c))).join('  ');
  console.log(line({ metric: 'metric', value: 'value', unit: 'unit', goal: 'goal', met: 'met' }));
  for (const r of rows) console.log(line({ ...r, met: r.met === null ? '' : r.met ? 'yes' : 'NO' }));

  const out = resolve(ROOT, 'bench-results');
  mkdirSync(out, { recursive: true });
  const report = {
    when: new Date().toISOString(),
    node: process.version,
    machine: { cpus: (await import('node:os')).cpus().length, platform: process.platform },
    rows,
  };
  writeFileSync(resolve(out, 'bench.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nwritten: bench-results/bench.json`);
  if (rows.some((r) => r.met === false)) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
