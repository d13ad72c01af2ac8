// Staff see the administration page with the server's recent job runs; other users never see it. The
// availability sync on the same page has its own spec (availability.spec.js).
const { test, expect, apiAs, logIn, staff } = require('./support/fixtures');
const { artifacts } = require('./support/environment');

test('staff read the recent job runs and filter them', async ({ page, request }) => {
  // A staff account is an account: its platforms come first.
  await (await apiAs(request, staff))('PATCH', '/api/me/', { platforms: [1, 2] });
  await logIn(page, staff);
  await expect(page).toHaveURL(/\/app\/watchlist$/);
  await page.getByRole('link', { name: 'Admin' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Administration');
  // Another spec may sync meanwhile: its run can be the newest.
  const housekeeping = page.locator('table tbody tr', { hasText: 'housekeeping' }).first();
  await expect(housekeeping).toContainText('cli');
  await expect(housekeeping.locator('.badge')).toHaveText('succeeded');
  await page.screenshot({ path: `${artifacts}/desktop-admin.png`, fullPage: true });
  await page.getByLabel('Job').selectOption('posters');
  await expect(page).toHaveURL(/job=posters/);
  await expect(page.getByText('No job has run yet.')).toBeVisible();
});

test('other users have no admin link, and the page sends them home', async ({ page, account }) => {
  await account.call('PATCH', '/api/me/', { platforms: [1] });
  await logIn(page, account);
  await expect(page).toHaveURL(/\/app\/watchlist$/);
  await expect(page.getByRole('link', { name: 'Admin' })).toHaveCount(0);
  await page.goto('/app/admin');
  await expect(page).toHaveURL(/\/app\/watchlist$/);
});
