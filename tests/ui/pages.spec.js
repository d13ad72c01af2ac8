// Pages every visitor can reach: the language switch, an unknown address, the about page, closed sign-up.
const { test, expect } = require('./support/fixtures');

test('Polish from the switch, kept across pages and reloads', async ({ page }) => {
  await page.goto('/auth/login');
  await page.getByLabel('Language').selectOption('pl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Logowanie');
  await page.reload();
  await expect(page.getByRole('button', { name: 'Zaloguj się' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'pl');
  await page.getByLabel('E-mail').fill('nobody@example.com');
  await page.getByLabel('Hasło', { exact: true }).fill('whatever-1234');
  await page.getByRole('button', { name: 'Zaloguj się' }).click();
  await expect(page.getByRole('alert')).toHaveText('Nieprawidłowy email lub hasło.');
  await page.getByLabel('Język').selectOption('en');
});

test('an unknown page says so and offers the way home', async ({ page }) => {
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This page does not exist.');
  await expect(page.getByRole('link', { name: 'Go to the watchlist' })).toBeVisible();
});

test('the about page names the data sources as their terms require', async ({ page }) => {
  await page.goto('/about');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('About myVOD');
  await expect(page.getByText('This product uses the TMDB API but is not endorsed or certified by TMDB.')).toBeVisible();
  await expect(page.getByText('provided by JustWatch')).toBeVisible();
  await expect(page.getByText('Information courtesy of IMDb', { exact: false })).toBeVisible();
});

test('the about page leads to the API reference, a page of every operation that runs no script', async ({ page }) => {
  await page.goto('/about');
  await page.getByRole('link', { name: 'the API reference' }).click();
  await expect(page).toHaveURL(/\/api\/docs\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^myVOD API /);
  await page.getByRole('link', { name: 'POST /api/user-movies/', exact: true }).click();
  const add = page.locator('section[id="POST/api/user-movies/"]');
  await add.screenshot({ path: `${process.env.MYVOD_UI_ARTIFACTS}/desktop-api-docs-operation.png` });
  await expect(add.getByRole('heading', { level: 3 })).toContainText('Add to the watchlist, mark watched or rate');
  await expect(add.getByText('Who may call: a signed-in user')).toBeVisible();
  await add.getByRole('link', { name: 'UserMovie' }).first().click();
  await expect(page).toHaveURL(/#schema-UserMovie$/);
  await expect(page.locator('#schema-UserMovie pre')).toContainText('"watchlisted_at"');
  await page.screenshot({ path: `${process.env.MYVOD_UI_ARTIFACTS}/desktop-api-docs.png` });
});

test('a page whose code cannot be fetched says so and offers a retry, with no blank screen', async ({ page, account, expectedConsole }) => {
  await account.call('PATCH', '/api/me/', { platforms: [1] });
  expectedConsole.push(/ERR_CONNECTION_REFUSED \(.*\/js\/pages\/profile\.js\)$/);
  await page.route('**/js/pages/profile.js', (route) => route.abort('connectionrefused'));
  await page.goto('/auth/login');
  await page.getByLabel('E-mail').fill(account.email);
  await page.getByLabel('Password', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/app\/watchlist$/);
  await page.getByRole('link', { name: 'Profile' }).click();
  await expect(page.getByRole('alert')).toHaveText('The server cannot be reached. Check your connection.');
  await page.unroute('**/js/pages/profile.js');
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Profile');
});

test('with sign-up closed (MYVOD_REGISTRATION=closed), the pages say who creates accounts', async ({ page }) => {
  // The server's refusal is tested against the API; here the page reads the closed flag from /api/config/.
  await page.route('**/api/config/', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, json: { ...(await response.json()), registration: 'closed' } });
  });
  await page.goto('/auth/register');
  await expect(page.getByText('Accounts on this server are created by its operator: ask them for one.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign up' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/auth\/login$/);
  await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Sign up' })).toHaveCount(0);
  await expect(page.getByText('Accounts on this server are created by its operator: ask them for one.')).toBeVisible();
});
