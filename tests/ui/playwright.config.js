// Browser tests of the web UI: Debian's chromium, driven by Playwright, against a real `myvod serve` on
// SQLite that support/server.js starts (and stops) around the run. No network: only the server's own
// loopback address is reached; TMDB's image host is answered with a local picture (support/fixtures.js).
const { defineConfig } = require('@playwright/test');
const { baseURL, artifacts } = require('./support/environment');

module.exports = defineConfig({
  testDir: '.',
  testMatch: '*.spec.js',
  globalSetup: require.resolve('./support/server.js'),
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: `${artifacts}/results`,
  reporter: [['list']],
  use: {
    baseURL,
    browserName: 'chromium',
    headless: true,
    locale: 'en-US',
    viewport: { width: 1280, height: 860 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.MYVOD_CHROMIUM || '/usr/bin/chromium',
      // Chromium's own background traffic (updates, sync, QUIC probes) has nowhere to go on a test machine.
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    },
  },
});
