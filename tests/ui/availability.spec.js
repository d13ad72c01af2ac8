// The availability sync end to end: staff start it from the admin page and read its log as the server
// streams it; a user who watchlisted a movie that arrives on their platform sees the bell count it and
// reads the notification. The fake Watchmode's Netflix listing is set up by support/server.js.
const { test, expect, apiAs, logIn, staff } = require('./support/fixtures');
const { artifacts } = require('./support/environment');

test('a staff sync of Netflix streams its log, and a watcher is told the movie now streams', async ({ page, request, account }) => {
  const arriving = process.env.MYVOD_UI_ARRIVING;
  await account.call('PATCH', '/api/me/', { platforms: [1] });
  await account.call('POST', '/api/user-movies/', { tconst: arriving });
  await (await apiAs(request, staff))('PATCH', '/api/me/', { platforms: [1, 2] });

  await logIn(page, staff);
  await expect(page).toHaveURL(/\/app\/watchlist$/);
  await page.getByRole('link', { name: 'Admin' }).click();
  // The watchlist's filters are labelled alike: act only once the admin page is there.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Administration');
  await page.getByLabel('Platform', { exact: true }).selectOption('netflix');
  await page.getByRole('button', { name: 'Start sync' }).click();
  const log = page.getByLabel('Sync log');
  await expect(log).toContainText('Processing platform: netflix (Source ID: 203)');
  await expect(log).toContainText('Adding or updating 10 titles...');
  await expect(log).toContainText('Synchronization for netflix completed successfully.');
  await expect(page.getByText('Sync finished.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start sync' })).toBeEnabled();
  // The run is recorded, with what it changed, and the table below shows it.
  const run = page.locator('table tbody tr', { hasText: 'availability-sync' }).first();
  await expect(run).toContainText('staff');
  await expect(run).toContainText('netflix (outcome: succeeded, added: 10, kept: 20');
  await page.screenshot({ path: `${artifacts}/desktop-admin-sync.png`, fullPage: true });
  await page.getByRole('button', { name: 'Log out' }).click();

  await logIn(page, account);
  const bell = page.getByRole('link', { name: 'Notifications: 1 unread' });
  await expect(bell).toBeVisible();
  await bell.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Notifications');
  const unread = page.locator('.notification.unread');
  await expect(unread).toHaveCount(1);
  await expect(unread).toContainText('now streaming on');
  await expect(unread.locator('.badge')).toHaveText('Netflix');
  await page.screenshot({ path: `${artifacts}/desktop-notifications.png`, fullPage: true });
  await unread.getByRole('button', { name: 'Mark as read' }).click();
  await expect(page.locator('.notification.unread')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Notifications', exact: true })).toBeVisible();
  await page.getByLabel('Unread only').check();
  await expect(page).toHaveURL(/unread=true/);
  await expect(page.getByText('Nothing new yet.')).toBeVisible();
});

test('a second sync while one runs is refused with a clear message', async ({ page, request }) => {
  // The API answers 409 while any sync holds the lease; the page shows the contract's message translated.
  const call = await apiAs(request, staff);
  await call('PATCH', '/api/me/', { platforms: [1, 2] });
  await logIn(page, staff);
  await expect(page).toHaveURL(/\/app\/watchlist$/);
  await page.route('**/api/admin/tasks/trigger-availability-sync/', (route) =>
    route.fulfill({ status: 409, contentType: 'application/json', body: '{"error":"Synchronization already running."}' }),
  );
  await page.goto('/app/admin');
  await page.getByRole('button', { name: 'Start sync' }).click();
  await expect(page.getByText('A sync is already running.')).toBeVisible();
});
