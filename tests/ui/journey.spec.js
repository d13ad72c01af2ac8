// A new user's whole journey, in the browser, as a person would do it.
const { test, expect, uniqueEmail } = require('./support/fixtures');
const { artifacts } = require('./support/environment');

test('sign up, pick platforms, search, add, watch, rate, restore, remove, profile, log out', async ({ page }) => {
  const email = uniqueEmail('journey');
  const password = 'Popcorn-and-2-films';

  await page.goto('/');
  await expect(page).toHaveURL(/\/auth\/login$/);
  await page.getByRole('link', { name: 'Create account' }).click();

  // The API's field errors appear at their fields.
  await page.getByLabel('E-mail').fill('not-an-email');
  await page.getByLabel('Password', { exact: true }).fill('12345678');
  await page.getByLabel('Repeat password').fill('12345678');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Enter a valid e-mail address.')).toBeVisible();
  await expect(page.getByText('This password is too common.')).toBeVisible();
  await expect(page.getByLabel('E-mail')).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Repeat password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Account created.')).toBeVisible();
  await expect(page.getByLabel('E-mail')).toHaveValue(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();

  // Platforms before anything else.
  await expect(page).toHaveURL(/\/onboarding\/platforms$/);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert')).toHaveText('Pick at least one platform.');
  await page.getByLabel('Netflix').check();
  await page.getByLabel('HBO Max').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/app\/onvod$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('On VOD now');
  await expect(page.locator('.grid .card').first()).toBeVisible();

  // Search as you type, and add straight from the result.
  const search = page.getByLabel('Search movies');
  await search.fill('incepton');
  const result = page.locator('#search-results li').filter({ hasText: 'Inception' }).first();
  await expect(result).toBeVisible();
  await result.getByRole('button', { name: 'Add “Inception” to the watchlist' }).click();
  await expect(page.getByText('“Inception” added to the watchlist')).toBeVisible();
  await expect(result.getByText('On watchlist')).toBeVisible();
  await expect(result.getByRole('button', { name: 'Add “Inception” to the watchlist' })).toBeDisabled();
  await search.fill('the matrix');
  const matrix = page.locator('#search-results li').filter({ hasText: 'The Matrix' }).first();
  await matrix.getByRole('button', { name: 'Add “The Matrix” to the watchlist' }).click();
  await expect(page.getByText('“The Matrix” added to the watchlist')).toBeVisible();
  await search.press('Escape');

  // The watchlist shows both, with where they stream.
  await page.getByRole('link', { name: 'Watchlist' }).click();
  await expect(page).toHaveURL(/\/app\/watchlist$/);
  const cards = page.locator('.grid .card');
  await expect(cards).toHaveCount(2);
  await expect(page.getByText('2 of 2')).toBeVisible();
  const inception = cards.filter({ hasText: 'Inception' });
  await expect(inception.locator('.badges')).toHaveAttribute('aria-label', /Streams on/);
  await page.screenshot({ path: `${artifacts}/desktop-watchlist.png`, fullPage: true });

  // Mark watched, with undo.
  await inception.getByRole('button', { name: 'Mark “Inception” as watched' }).click();
  await expect(page.getByText('“Inception” marked as watched')).toBeVisible();
  await expect(cards).toHaveCount(1);
  await page.locator('.toast').filter({ hasText: 'marked as watched' }).getByRole('button', { name: 'Undo' }).click();
  await expect(cards).toHaveCount(2);
  await cards.filter({ hasText: 'Inception' }).getByRole('button', { name: 'Mark “Inception” as watched' }).click();
  await expect(cards).toHaveCount(1);

  // Rate it on the watched page, by keyboard-friendly radio buttons.
  await page.getByRole('link', { name: 'Watched', exact: true }).click();
  const watched = page.locator('.grid .card').filter({ hasText: 'Inception' });
  await watched.getByRole('button', { name: 'Rate “Inception”' }).click();
  const dialog = page.getByRole('dialog', { name: 'Rate “Inception”' });
  await dialog.getByLabel('8 of 10').check();
  await dialog.getByRole('button', { name: 'Rate' }).click();
  await expect(page.getByText('“Inception” rated 8/10')).toBeVisible();
  await expect(page.locator('.grid .card').filter({ hasText: 'Inception' }).getByText('Your rating: 8/10')).toBeVisible();

  // Restore to the watchlist, then remove it there (undo brings it back, and it goes again).
  await page.locator('.grid .card').filter({ hasText: 'Inception' }).getByRole('button', { name: 'Put “Inception” back on the watchlist' }).click();
  await expect(page.getByText('“Inception” is back on the watchlist')).toBeVisible();
  await expect(page.getByText('You have not marked any movie as watched yet.')).toBeVisible();
  await page.getByRole('link', { name: 'Watchlist' }).click();
  await expect(cards).toHaveCount(2);
  await cards.filter({ hasText: 'Inception' }).getByRole('button', { name: 'Remove “Inception”' }).click();
  await expect(page.getByText('“Inception” removed')).toBeVisible();
  await expect(cards).toHaveCount(1);
  await page.reload();
  await expect(cards).toHaveCount(1);

  // Profile: platforms, password change with the API's errors at their fields.
  await page.getByRole('link', { name: 'Profile' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Profile');
  await page.getByLabel('Disney+').check();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Platforms saved')).toBeVisible();
  await page.getByLabel('Current password').fill('wrong-password-1');
  await page.getByLabel('New password').fill('Another-film-night-7');
  await page.getByLabel('Repeat password').fill('Another-film-night-7');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('The current password is wrong.')).toBeVisible();
  await page.getByLabel('Current password').fill(password);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('Password changed')).toBeVisible();

  // Log out; the app pages now lead to log-in, and the new password works.
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page).toHaveURL(/\/auth\/login$/);
  await page.goto('/app/watchlist');
  await expect(page).toHaveURL(/\/auth\/login\?next=/);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password', { exact: true }).fill('Another-film-night-7');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/app\/watchlist$/);
  await expect(page.locator('.grid .card')).toHaveCount(1);

  // Delete the account, confirmed.
  await page.getByRole('link', { name: 'Profile' }).click();
  await page.getByRole('button', { name: 'Delete account' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Yes, delete my account' }).click();
  await expect(page).toHaveURL(/\/auth\/login$/);
  await expect(page.getByText('Your account was deleted.')).toBeVisible();
});
