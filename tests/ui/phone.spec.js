// A phone-sized screen: nothing wider than the screen, every main page usable; screenshots of the main
// pages on a phone and on a desktop are kept as artefacts.
const { test, expect, logIn, topMovies } = require('./support/fixtures');
const { artifacts } = require('./support/environment');

async function noSidewaysScroll(page) {
  const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(widths[0], 'page width versus screen width').toBeLessThanOrEqual(widths[1]);
}

async function preparedAccount(account, request) {
  await account.call('PATCH', '/api/me/', { platforms: [1, 2, 3] });
  for (const movie of await topMovies(request, 6)) await account.call('POST', '/api/user-movies/', { tconst: movie.tconst });
  const [watched] = await topMovies(request, 1);
  await account.call('POST', '/api/user-movies/', { tconst: watched.tconst, rating: 9 });
}

for (const [device, viewport] of [['phone', { width: 360, height: 740 }], ['desktop', { width: 1280, height: 860 }]]) {
  test(`main pages on a ${device}`, async ({ page, account, request }) => {
    await page.setViewportSize(viewport);
    await preparedAccount(account, request);
    await logIn(page, account);
    await expect(page).toHaveURL(/\/app\/watchlist$/);
    await expect(page.locator('.grid .card')).toHaveCount(5);
    // Posters arrive without moving anything: the box has its size before the image.
    const box = await page.locator('.grid .card .poster').first().boundingBox();
    expect(box.height / box.width).toBeCloseTo(1.5, 1);
    await noSidewaysScroll(page);
    await page.screenshot({ path: `${artifacts}/${device}-watchlist.png`, fullPage: true });

    await page.getByRole('link', { name: 'On VOD now' }).click();
    await expect(page.locator('.grid .card').first()).toBeVisible();
    await noSidewaysScroll(page);
    await page.screenshot({ path: `${artifacts}/${device}-onvod.png` });

    await page.getByLabel('Search movies').fill('star wars');
    await expect(page.locator('#search-results li').first()).toBeVisible();
    await noSidewaysScroll(page);
    await page.screenshot({ path: `${artifacts}/${device}-search.png` });
    await page.getByLabel('Search movies').press('Escape');

    await page.getByRole('link', { name: 'Watched', exact: true }).click();
    await expect(page.locator('.grid .card')).toHaveCount(1);
    await noSidewaysScroll(page);

    await page.getByRole('link', { name: 'Profile' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Profile');
    await expect(page.getByLabel('Language of e-mails')).toHaveValue('pl');
    await noSidewaysScroll(page);
    await page.screenshot({ path: `${artifacts}/${device}-profile.png`, fullPage: true });
  });
}

// The pages reached from a mail or before logging in, on a phone.
test('mailed-link and password pages on a phone', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const [path, heading] of [['/auth/forgot-password', 'Forgotten password'], ['/auth/reset-password?uid=x&token=y', 'New password'],
    ['/mail/confirm?token=x', 'Confirm your e-mail'], ['/mail/unsubscribe?token=x', 'Unsubscribe']]) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await noSidewaysScroll(page);
  }
  await page.screenshot({ path: `${artifacts}/phone-unsubscribe.png` });
});
