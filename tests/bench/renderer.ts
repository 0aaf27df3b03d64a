import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { startPreview } from '../support/preview-process';

const ROOT = resolve(import.meta.dirname, '../..');

/** What a page loads: the scripts, preloads and styles its built index.html names (shared chunks included). */
export function bundleSize(page: 'kiosk' | 'advisor' = 'kiosk'): { files: Array<{ file: string; bytes: number; gzip: number }>; gzipTotal: number } {
  const html = readFileSync(join(ROOT, `out/renderer/${page}/index.html`), 'utf8');
  const names = [...html.matchAll(/(?:src|href)="\.\.\/assets\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  if (names.length === 0) throw new Error(`out/renderer/${page}/index.html names no assets`);
  const files = [...new Set(names)].map((file) => {
    const data = readFileSync(join(ROOT, 'out/renderer/assets', file));
    return { file, bytes: data.length, gzip: gzipSync(data, { level: 9 }).length };
  });
  return { files, gzipTotal: files.reduce((t, f) => t + f.gzip, 0) };
}

/**
 * Time to first render: navigation start to the first welcome screen drawn
 * with the core's data (the app's "tupa:first-render" mark), in Chromium,
 * against the real preview. A fresh page each time.
 */
export async function firstRender(runs = 15): Promise<number[]> {
  const preview = await startPreview({ demo: false, testMode: false });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const samples: number[] = [];
  try {
    for (let i = 0; i < runs + 2; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(preview.url);
      // Anonymous arrows only: tsx wraps named inner functions in a helper the page lacks.
      await page.waitForFunction(() => performance.getEntriesByName('tupa:first-render').length > 0);
      const ms = await page.evaluate(() => performance.getEntriesByName('tupa:first-render')[0]!.startTime);
      if (i >= 2) samples.push(ms); // the first two warm the server's file cache
      await context.close();
    }
  } finally {
    await browser.close();
    await preview.stop();
  }
  return samples;
}
