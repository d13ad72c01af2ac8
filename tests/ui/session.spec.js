// The session: shared by tabs, refreshed before it expires without reusing a rotated refresh token, and
// ended cleanly; log-in failures read as sentences.
const { test, expect, logIn } = require('./support/fixtures');

test('two tabs with an expired access token refresh once, and both keep working', async ({ page, account, context }) => {
  await account.call('PATCH', '/api/me/', { platforms: [1] });
  await logIn(page, account);
  await expect(page).toHaveURL(/\/app\/watchlist$/);
  const second = await context.newPage();
  await second.goto('/app/watched');
  await expect(second.getByRole('heading', { level: 1 })).toHaveText('Watched');

  let refreshes = 0;
  context.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/token/refresh/') refreshes += 1;
  });
  // Both tabs share storage: an unreadable access token counts as expired in each.
  await page.evaluate(() => localStorage.setItem('myvod.access', 'expired'));
  await Promise.all([
    page.getByRole('link', { name: 'On VOD now' }).click(),
    second.getByRole('link', { name: 'Watchlist' }).click(),
  ]);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('On VOD now');
  await expect(second.getByRole('heading', { level: 1 })).toHaveText('My watchlist');
  await expect(page.locator('.grid .card').first()).toBeVisible();
  expect(refreshes).toBe(1);
  await second.close();
});

test('a session that cannot be refreshed returns to log-in, and then to the page', async ({ page, account }) => {
  await account.call('PATCH', '/api/me/', { platforms: [1] });
  await logIn(page, account);
  await expect(page).toHaveURL(/\/app\/watchlist$/);
  await expect(page.getByText('Your watchlist is empty.', { exact: false })).toBeVisible();
  await page.evaluate(() => {
    localStorage.setItem('myvod.access', 'expired');
    localStorage.setItem('myvod.refresh', 'revoked');
  });
  await page.getByRole('link', { name: 'Watched', exact: true }).click();
  await expect(page).toHaveURL(/\/auth\/login\?next=%2Fapp%2Fwatched$/);
  await expect(page.getByText('Your session has ended. Log in again.')).toBeVisible();
  await page.getByLabel('E-mail').fill(account.email);
  await page.getByLabel('Password', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/app\/watched$/);
});

test('log-in errors: wrong password in words, and a 429 says when to retry', async ({ page, account }) => {
  await page.goto('/auth/login');
  await page.getByLabel('E-mail').fill(account.email);
  await page.getByLabel('Password', { exact: true }).fill('not-the-password-1');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Wrong e-mail or password.');
  // The real limit counts per client address, which every test here shares: the answer is staged.
  await page.route('**/api/token/', (route) =>
    route.fulfill({ status: 429, headers: { 'Retry-After': '42' }, contentType: 'application/json', body: '{"detail":"Request was throttled."}' }),
  );
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Too many attempts. Try again in 42 s.');
});

test('a password change keeps this tab logged in and ends the other devices; then every session ends on request', async ({ page, account, request }) => {
  await account.call('PATCH', '/api/me/', { platforms: [1] });
  const otherDevice = await (await request.post('/api/token/', { data: { email: account.email, password: account.password } })).json();
  await logIn(page, account);
  await expect(page).toHaveURL(/\/app\/watchlist$/);
  await page.getByRole('link', { name: 'Profile' }).click();
  await page.getByLabel('Current password').fill(account.password);
  await page.getByLabel('New password').fill('Changed-film-night-8');
  await page.getByLabel('Repeat password').fill('Changed-film-night-8');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('Password changed')).toBeVisible();

  // This tab refreshes with the refresh token it got after the change; the other device's is refused.
  await page.evaluate(() => localStorage.setItem('myvod.access', 'expired'));
  await page.getByRole('link', { name: 'Watched', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Watched');
  expect((await request.post('/api/token/refresh/', { data: { refresh: otherDevice.refresh } })).status()).toBe(401);

  const refresh = await page.evaluate(() => localStorage.getItem('myvod.refresh'));
  await page.getByRole('link', { name: 'Profile' }).click();
  await page.getByRole('button', { name: 'End every session' }).click();
  await expect(page).toHaveURL(/\/auth\/login$/);
  await expect(page.getByText('Every session has ended. Log in again.')).toBeVisible();
  expect((await request.post('/api/token/refresh/', { data: { refresh } })).status()).toBe(401);
});
