// Staff read how the service is used: figures and charts, the top movies and the integration error log,
// each list also downloaded as CSV. The figures count the whole shared server, so the checks are about
// what the page shows for what the API answers, not about fixed numbers.
const fs = require('fs');
const { test, expect, apiAs, logIn, staff, topMovies } = require('./support/fixtures');
const { artifacts } = require('./support/environment');

async function downloaded(page, button) {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return { name: download.suggestedFilename(), text: fs.readFileSync(await download.path(), 'utf8') };
}

test('staff see the usage figures, the top movies and the error log, and download both lists', async ({ page, request, account }) => {
  const [movie] = await topMovies(request, 1);
  await account.call('POST', '/api/user-movies/', { tconst: movie.tconst, action: 'mark_as_watched' });
  // A staff account is an account: its platforms come first.
  await (await apiAs(request, staff))('PATCH', '/api/me/', { platforms: [1, 2] });
  await logIn(page, staff);
  await expect(page).toHaveURL(/\/app\/watchlist$/);
  await page.goto('/app/admin');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Administration');

  const usage = page.getByRole('region', { name: 'Usage' });
  const users = usage.locator('.metric', { hasText: 'Active users' }).locator('strong');
  await expect(users).toHaveText(/^\d[\d,]*$/);
  expect(Number((await users.textContent()).replace(/,/g, ''))).toBeGreaterThanOrEqual(2);
  await expect(usage.getByRole('figure', { name: 'Sign-ups per day, last 30 days' }).locator('.bar')).toHaveCount(30);
  await page.screenshot({ path: `${artifacts}/desktop-admin-analytics.png`, fullPage: true });

  // Watched in the last 7 days: the movie this test marked is there, and the CSV holds the same rows.
  const top = page.getByRole('region', { name: 'Top 10 movies' });
  await top.getByLabel('List').selectOption('watched');
  const row = top.locator('tbody tr', { hasText: movie.primary_title });
  await expect(row).toBeVisible();
  const shown = await top.locator('tbody tr').count();
  const csv = await downloaded(page, top.getByRole('button', { name: 'Export CSV' }));
  expect(csv.name).toBe('top-movies-watched-7d.csv');
  const lines = csv.text.split('\r\n').filter(Boolean);
  expect(lines[0]).toBe('Pozycja,Tytuł,Rok,Liczba');
  expect(lines).toHaveLength(shown + 1);
  expect(csv.text).toContain(movie.primary_title);
  await expect(page.getByText('Saved top-movies-watched-7d.csv')).toBeVisible();

  // The error log: a refused filter says why; a filter nothing matches says so; the export has its header.
  const logs = page.getByRole('region', { name: 'Integration errors' });
  await logs.getByLabel('User ID').fill('42');
  await logs.getByRole('button', { name: 'Filter' }).click();
  await expect(logs.getByRole('alert')).toContainText('Invalid user_id format. Must be a valid UUID');
  await logs.getByLabel('User ID').fill('0b6c2f4e-2d4f-4c55-9a4c-6f1f0d2b9e11');
  await logs.getByLabel('smtp').check();
  await logs.getByRole('button', { name: 'Filter' }).click();
  await expect(logs.getByText('No errors match.')).toBeVisible();
  const export_ = await downloaded(page, logs.getByRole('button', { name: 'Export CSV' }));
  expect(export_.name).toMatch(/^error-logs-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(export_.text).toBe('Data,Typ API,Komunikat,ID użytkownika\r\n');
});
