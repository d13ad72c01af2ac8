// The web UI in headless Chromium (Debian's), on the sample catalog over SQLite:
//   - time from navigation to a rendered watchlist of 100 movies, cold cache, median of RUNS, next to the
//     time the same page's list request took (the baseline: what any client waits for the data);
//   - bytes of UI code, styles and documents each page loads on a first visit (uncompressed).
// Run through bench/ui.sh, which builds myvod and installs Playwright from tests/ui's lock file.
const { chromium } = require('playwright-core');
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const RUNS = Number(process.env.RUNS || 5);
const binary = process.env.MYVOD_BIN;
const port = Number(process.env.PORT || 18098);
const base = `http://127.0.0.1:${port}`;
const POSTER = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAADCAIAAAA2iEnWAAAAEElEQVR4nGPQiFoARAwoFABEowbNgNGh5AAAAABJRU5ErkJggg==', 'base64');

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

async function call(method, url, body, token) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(base + url, { method, headers, body: body && JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? null : response.json();
}

async function main() {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'myvod-ui-bench-'));
  const database = path.join(directory, 'myvod.db');
  const server = spawn(binary, ['serve'], {
    env: { ...process.env, MYVOD_DATABASE_URL: `sqlite:${database}`, MYVOD_LISTEN: `127.0.0.1:${port}`, MYVOD_LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        if ((await fetch(`${base}/healthz`)).ok) break;
      } catch {
        if (attempt > 300) throw new Error('myvod serve did not start');
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // 100 movies on the watchlist, each with a poster and streaming on one of the user's platforms.
    const tconsts = execFileSync('sqlite3', [database, 'SELECT tconst FROM movie ORDER BY num_votes DESC, tconst LIMIT 100'], { encoding: 'utf8' }).trim().split('\n');
    execFileSync('sqlite3', ['-cmd', '.timeout 5000', database, `
      UPDATE movie SET poster_path = 'https://image.tmdb.org/t/p/original/p' || tconst || '.jpg' WHERE tconst IN (${tconsts.map((t) => `'${t}'`).join(',')});
      INSERT INTO movie_availability (tconst, platform_id, is_available, last_checked, source)
        SELECT tconst, 1 + (abs(random()) % 3), 1, '2026-11-01T00:00:00Z', 'bench' FROM movie WHERE poster_path IS NOT NULL;`]);
    const credentials = { email: 'bench@example.com', password: 'Bench-mark-2026' };
    await call('POST', '/api/register/', credentials);
    const tokens = await call('POST', '/api/token/', credentials);
    await call('PATCH', '/api/me/', { platforms: [1, 2, 3] }, tokens.access);
    for (const tconst of tconsts) await call('POST', '/api/user-movies/', { tconst }, tokens.access);

    const browser = await chromium.launch({
      executablePath: process.env.MYVOD_CHROMIUM || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    });
    const freshPage = async (loggedIn) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-US' });
      if (loggedIn) {
        await context.addInitScript(([access, refresh]) => {
          localStorage.setItem('myvod.access', access);
          localStorage.setItem('myvod.refresh', refresh);
        }, [tokens.access, tokens.refresh]);
      }
      await context.route('**/*', (route) => {
        const url = new URL(route.request().url());
        if (url.origin === base) return route.continue();
        if (url.hostname === 'image.tmdb.org') return route.fulfill({ status: 200, contentType: 'image/png', body: POSTER });
        return route.abort();
      });
      return { context, page: await context.newPage() };
    };

    // Navigation to the moment `count` elements match `selector`, noted by the page itself: asking from
    // here would add the DevTools round trip to the figure.
    const timeTo = async (pagePath, selector, count) => {
      const { context, page } = await freshPage(true);
      await context.addInitScript(([wanted, number]) => {
        new MutationObserver((_, observer) => {
          if (document.querySelectorAll(wanted).length >= number) {
            window.renderedAt = performance.now();
            observer.disconnect();
          }
        }).observe(document, { childList: true, subtree: true });
      }, [selector, count]);
      await page.goto(base + pagePath);
      await page.waitForFunction(() => window.renderedAt !== undefined);
      const figures = await page.evaluate(() => {
        const list = performance.getEntriesByType('resource').find((entry) => entry.name.includes('/api/user-movies/'));
        return { rendered: window.renderedAt, list: list ? list.responseEnd - list.requestStart : 0 };
      });
      await context.close();
      return figures;
    };
    const watchlist = [];
    const shell = [];
    for (let run = 0; run < RUNS; run++) {
      watchlist.push(await timeTo('/app/watchlist', '.grid .card', 100));
      shell.push(await timeTo('/about', '.card', 1));
    }
    const show = (values) => `${median(values).toFixed(0)} ms (runs: ${values.map((value) => value.toFixed(0)).join(', ')})`;
    const rendered = watchlist.map((figures) => figures.rendered);
    console.log(`navigation to a rendered watchlist of 100 movies, cold cache, median of ${RUNS}: ${show(rendered)}`);
    console.log(`  baseline, the about page (the same code and styles, no API call): ${show(shell.map((figures) => figures.rendered))}`);
    console.log(`  the watchlist's list request alone (GET /api/user-movies/?page_size=100): ${show(watchlist.map((figures) => figures.list))}`);
    console.log(`  ratio watchlist / baseline: ${(median(rendered) / median(shell.map((figures) => figures.rendered))).toFixed(2)}`);

    console.log('bytes of UI code, styles and documents per page, first visit (uncompressed):');
    for (const [pagePath, loggedIn, ready] of [
      ['/auth/login', false, 'form'],
      ['/app/watchlist', true, '.grid .card'],
      ['/app/watched', true, '.empty, .grid'],
      ['/app/onvod', true, '.grid .card'],
      ['/app/profile', true, '.danger-zone'],
      ['/about', false, '.card'],
    ]) {
      const { context, page } = await freshPage(loggedIn);
      await page.goto(base + pagePath);
      await page.waitForSelector(ready);
      const bytes = await page.evaluate(() => {
        const own = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
          .filter((entry) => !entry.name.includes('/api/') && !entry.name.includes('image.tmdb.org'));
        return own.reduce((sum, entry) => sum + entry.decodedBodySize, 0);
      });
      console.log(`  ${pagePath.padEnd(16)} ${String(bytes).padStart(7)} bytes`);
      await context.close();
    }
    await browser.close();
  } finally {
    server.kill('SIGTERM');
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
