// Global set-up: a fresh SQLite database, `myvod serve` on it (which loads the bundled sample catalog)
// with the fake language model as its Gemini, a staff account made with the CLI, one recorded job run,
// and the catalog's first availability and poster data written straight into the database, because the
// availability sync and the poster fetch need providers that a browser test has no business reaching.
// Returns the teardown.
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { baseURL, binary, fakeModel, port, staff } = require('./environment');

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

// Starts the fake model and resolves with its base URL (the first line it prints).
function startFakeModel(key, log) {
  const model = spawn(fakeModel, [key], { stdio: ['ignore', 'pipe', log] });
  return new Promise((resolve, reject) => {
    model.once('error', reject);
    model.stdout.once('data', (chunk) => resolve({ model, url: chunk.toString().trim() }));
  });
}

module.exports = async function globalSetup() {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'myvod-ui-'));
  const database = path.join(directory, 'myvod.db');
  const log = fs.openSync(path.join(directory, 'server.log'), 'a');
  const modelKey = 'ui-test-model-key';
  const { model, url: modelUrl } = await startFakeModel(modelKey, log);
  const env = {
    ...process.env,
    MYVOD_DATABASE_URL: `sqlite:${database}`,
    MYVOD_LISTEN: `127.0.0.1:${port}`,
    MYVOD_AI_PROVIDER: 'gemini',
    MYVOD_AI_API_KEY: modelKey,
    MYVOD_AI_BASE_URL: `${modelUrl}/v1beta`,
  };
  const server = spawn(binary, ['serve'], { env, stdio: ['ignore', log, log] });
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

  return async () => {
    model.kill('SIGTERM');
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
