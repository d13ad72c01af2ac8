// The tests' `test`: every page runs without network (only the server under test answers; TMDB's image
// host gets a local picture), and every test fails if any page logged a console error or threw.
const base = require('@playwright/test');
const { baseURL, staff } = require('./environment');

// A 2x3-pixel PNG: a poster-shaped picture that needs no file.
const POSTER = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAADCAIAAAA2iEnWAAAAEElEQVR4nGPQiFoARAwoFABEowbNgNGh5AAAAABJRU5ErkJggg==',
  'base64',
);

let counter = 0;
// An address no other test (or earlier run against the same database) uses.
function uniqueEmail(prefix) {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${process.pid}-${counter}@example.com`;
}

const test = base.test.extend({
  // Console lines a test provokes on purpose (a request it makes fail), as regular expressions.
  expectedConsole: async ({}, use) => {
    await use([]);
  },

  page: async ({ page, expectedConsole }, use) => {
    const problems = [];
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      // Chromium logs every 4xx answer as "Failed to load resource". From the API that is the expected
      // answer to a refused input (shown to the user as a message); from anything else it is a defect.
      const refusedByApi = /^Failed to load resource: the server responded with a status of 4\d\d/.test(message.text()) &&
        /^\/(admin\/analytics\/)?api\//.test(new URL(message.location().url, baseURL).pathname);
      if (!refusedByApi) problems.push(`console: ${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.origin === baseURL) return route.continue();
      if (url.hostname === 'image.tmdb.org') return route.fulfill({ status: 200, contentType: 'image/png', body: POSTER });
      return route.abort('blockedbyclient');
    });
    await use(page);
    const unexpected = problems.filter((problem) => !expectedConsole.some((pattern) => pattern.test(problem)));
    base.expect(unexpected, 'console errors or uncaught exceptions').toEqual([]);
  },

  // A user made through the API, for tests that start past sign-up; `call` speaks the API as them.
  account: async ({ request }, use) => {
    const email = uniqueEmail('user');
    const password = 'Movie-night-2026';
    base.expect((await request.post('/api/register/', { data: { email, password } })).status()).toBe(201);
    await use({ email, password, call: await apiAs(request, { email, password }) });
  },
});

async function apiAs(request, { email, password }) {
  const { access } = await (await request.post('/api/token/', { data: { email, password } })).json();
  const headers = { Authorization: `Bearer ${access}` };
  return async (method, url, data) => {
    const response = await request.fetch(url, { method, data, headers });
    base.expect(response.ok(), `${method} ${url}: ${response.status()}`).toBeTruthy();
    return response.status() === 204 ? null : response.json();
  };
}

async function logIn(page, { email, password }) {
  await page.goto('/auth/login');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

// Well-known movies of the sample catalog, found by title: all are among the 60 most-voted, which set-up
// makes stream on Netflix, HBO Max or Disney+.
async function topMovies(request, count) {
  const movies = [];
  for (const title of ['The Dark Knight', 'Inception', 'Pulp Fiction', 'Fight Club', 'Forrest Gump', 'The Matrix']) {
    const found = await (await request.get(`/api/movies/?search=${encodeURIComponent(title)}`)).json();
    movies.push(found[0]);
    if (movies.length === count) break;
  }
  return movies;
}

module.exports = { test, expect: base.expect, apiAs, logIn, uniqueEmail, topMovies, staff };
