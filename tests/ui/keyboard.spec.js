// Keyboard alone: log in, move between pages, search and add, rate, with the focus always visible.
const { test, expect } = require('./support/fixtures');

async function tabTo(page, locator, { backwards = false, limit = 40 } = {}) {
  for (let step = 0; step < limit; step++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    if (await locator.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${locator}`);
}

test('log in, navigate, search, add and rate without a mouse', async ({ page, account }) => {
  await account.call('PATCH', '/api/me/', { platforms: [1, 2] });
  await page.goto('/auth/login');
  // The e-mail field has the focus on arrival.
  await expect(page.getByLabel('E-mail')).toBeFocused();
  await page.keyboard.type(account.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(account.password);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/app\/watchlist$/);
  // Focus lands on the page's title, so the next Tab starts from the page.
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();

  const onVod = page.getByRole('link', { name: 'On VOD now' });
  await tabTo(page, onVod, { backwards: true });
  const outline = await onVod.evaluate((element) => getComputedStyle(element).outlineStyle);
  expect(outline).toBe('solid');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/app\/onvod$/);
  await expect(onVod).toHaveAttribute('aria-current', 'page');

  const search = page.getByLabel('Search movies');
  await tabTo(page, search, { backwards: true });
  await page.keyboard.type('pulp fiction');
  const results = page.locator('#search-results');
  const firstAdd = results.getByRole('button', { name: 'Add “Pulp Fiction” to the watchlist' });
  await expect(firstAdd).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(firstAdd).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('“Pulp Fiction” added to the watchlist')).toBeVisible();
  // The keyboard stays in the results, on the same movie's next possible action.
  await expect(results.getByRole('button', { name: 'Add “Pulp Fiction” to watched' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(results.getByRole('button', { name: 'Rate “Pulp Fiction”' })).toBeFocused();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Rate “Pulp Fiction”' });
  await expect(dialog).toBeVisible();
  // Radio buttons: the dialog opens on the first, arrows pick, Escape cancels.
  await expect(dialog.getByLabel('1 of 10')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(dialog.getByLabel('4 of 10')).toBeChecked();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  // Focus went back to the Rate button, which opens the dialog again. Each key waits for the page to be
  // ready for it: a key pressed while the dialog is still opening lands elsewhere.
  await expect(results.getByRole('button', { name: 'Rate “Pulp Fiction”' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog.getByLabel('1 of 10')).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(dialog.getByLabel('10 of 10')).toBeChecked();
  await dialog.getByRole('button', { name: 'Rate' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('“Pulp Fiction” rated 10/10')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(search).toBeFocused();
  await expect(results).toBeHidden();

  await page.goto('/app/watched');
  await expect(page.locator('.grid .card').filter({ hasText: 'Pulp Fiction' }).getByText('Your rating: 10/10')).toBeVisible();
});
