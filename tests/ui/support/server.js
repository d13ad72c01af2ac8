// Global set-up: a fresh SQLite database, `myvod serve` on it (which loads the bundled sample catalog)
// with the fake language model as its Gemini, the fake Watchmode as its availability source and the fake
// SMTP server (STARTTLS, the test CA) as its mail relay, a staff
// account made with the CLI, one recorded job run, and the catalog's first availability and poster data
// written straight into the database, so that every spec finds movies streaming without running a sync.
// The fake Watchmode lists for Netflix exactly those rows plus ten more movies, so the one spec that syncs
// Netflix takes nothing away from the others; the first of the ten is in MYVOD_UI_ARRIVING for it.
// Returns the teardown.
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { baseURL, binary, fakeModel, fakeSmtp, fakeWatchmode, port, staff } = require('./environment');

async function waitForHealth(server) {
  for (let attempt = 0; attempt < 300; attempt++) {
    if (server.exitCode !== null) throw new Error(`myvod serve exited with ${server.exitCode}`);
    try {
      const response = await fetch(`${baseURL}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('myvod serve did not become healthy within 30 s');
}

function sqlite(database, statements) {
  execFileSync('sqlite3', ['-cmd', '.timeout 10000', database, statements], { stdio: 'pipe' });
}

// Starts a fake provider and resolves with it and its base URL (the first line it prints).
function startFake(program, args, log) {
  const fake = spawn(program, args, { stdio: ['ignore', 'pipe', log] });
  return new Promise((resolve, reject) => {
    fake.once('error', reject);
    fake.stdout.once('data', (chunk) => resolve({ fake, url: chunk.toString().trim() }));
  });
}

function sqliteRows(database, statement) {
  return execFileSync('sqlite3', ['-cmd', '.timeout 10000', database, statement], { encoding: 'utf8' }).trim().split('\n');
}

module.exports = async function globalSetup() {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'myvod-ui-'));
  const database = path.join(directory, 'myvod.db');
  const log = fs.openSync(path.join(directory, 'server.log'), 'a');
  const modelKey = 'ui-test-model-key';
  const { fake: model, url: modelUrl } = await startFake(fakeModel, [modelKey], log);
  const mailDirectory = path.join(directory, 'mail');
  fs.mkdirSync(mailDirectory);
  const smtpCa = path.join(directory, 'smtp-ca.pem');
  const { fake: smtp, url: smtpUrl } = await startFake(fakeSmtp, [mailDirectory, smtpCa], log);
  // For support/mail.js, and for specs that run the CLI with the server's mail settings.
  process.env.MYVOD_UI_MAIL_DIRECTORY = mailDirectory;
  const env = {
    ...process.env,
    MYVOD_DATABASE_URL: `sqlite:${database}`,
    MYVOD_LISTEN: `127.0.0.1:${port}`,
    MYVOD_AI_PROVIDER: 'gemini',
    MYVOD_AI_API_KEY: modelKey,
    MYVOD_AI_BASE_URL: `${modelUrl}/v1beta`,
    MYVOD_PUBLIC_URL: baseURL,
    MYVOD_SMTP_URL: smtpUrl,
    MYVOD_SMTP_CA_FILE: smtpCa,
    MYVOD_DIGEST_SCHEDULE: 'off',
  };
  process.env.MYVOD_UI_SMTP_URL = smtpUrl;
  process.env.MYVOD_UI_SMTP_CA_FILE = smtpCa;
  // The catalogue is loaded by the server's first start, so the fake Watchmode starts after it.
  let server = spawn(binary, ['serve'], { env, stdio: ['ignore', log, log] });
  await waitForHealth(server);

  execFileSync(binary, ['create-staff-user', '--email', staff.email], { env: { ...env, MYVOD_STAFF_PASSWORD: staff.password }, stdio: 'pipe' });
  execFileSync(binary, ['run-job', 'housekeeping'], { env, stdio: 'pipe' });
  // The 60 most-voted movies stream somewhere: one in three on Netflix, HBO Max or Disney+, in turn.
  // The 30 most-voted have a poster; the rest show the placeholder.
  sqlite(
    database,
    `INSERT INTO movie_availability (tconst, platform_id, is_available, last_checked, source)
       SELECT tconst, 1 + (rank % 3), 1, '2026-11-01T00:00:00Z', 'test'
       FROM (SELECT tconst, ROW_NUMBER() OVER (ORDER BY num_votes DESC, tconst) AS rank FROM movie) WHERE rank <= 60;
     UPDATE movie SET poster_path = 'https://image.tmdb.org/t/p/original/poster-' || tconst || '.jpg'
       WHERE tconst IN (SELECT tconst FROM movie ORDER BY num_votes DESC, tconst LIMIT 30);`,
  );
  const ranked = `SELECT tconst, ROW_NUMBER() OVER (ORDER BY num_votes DESC, tconst) AS rank FROM movie`;
  const netflix = sqliteRows(database, `SELECT tconst FROM (${ranked}) WHERE rank <= 60 AND rank % 3 = 0`);
  const arriving = sqliteRows(database, `SELECT tconst FROM (${ranked}) WHERE rank BETWEEN 61 AND 70 ORDER BY rank`);
  const listing = path.join(directory, 'netflix.txt');
  fs.writeFileSync(listing, [...netflix, ...arriving].map((tconst) => `203 ${tconst}\n`).join(''));
  process.env.MYVOD_UI_ARRIVING = arriving[0];
  // For specs that run the CLI against the same database (`myvod users reset-link`).
  process.env.MYVOD_UI_DATABASE_URL = env.MYVOD_DATABASE_URL;
  const watchmodeKey = 'ui-test-watchmode-key';
  const { fake: watchmode, url: watchmodeUrl } = await startFake(fakeWatchmode, [watchmodeKey, '20', '0', listing], log);
  server.kill('SIGTERM');
  await new Promise((resolve) => (server.exitCode !== null ? resolve() : server.once('exit', resolve)));
  server = spawn(binary, ['serve'], {
    env: { ...env, MYVOD_WATCHMODE_API_KEY: watchmodeKey, MYVOD_WATCHMODE_BASE_URL: watchmodeUrl, MYVOD_SYNC_SCHEDULE: 'off' },
    stdio: ['ignore', log, log],
  });
  await waitForHealth(server);

  return async () => {
    model.kill('SIGTERM');
    watchmode.kill('SIGTERM');
    smtp.kill('SIGTERM');
    server.kill('SIGTERM');
    await new Promise((resolve) => (server.exitCode !== null ? resolve() : server.once('exit', resolve)));
    fs.closeSync(log);
    if (server.exitCode !== 0 && server.signalCode === null) {
      process.stderr.write(fs.readFileSync(path.join(directory, 'server.log'), 'utf8'));
      throw new Error(`myvod serve exited with ${server.exitCode}`);
    }
    fs.rmSync(directory, { recursive: true, force: true });
  };
};
