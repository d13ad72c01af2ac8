// Today's AI picks, from the fake model (which picks from the prompt's own candidates, as a good model does).
const { test, expect, logIn, topMovies } = require('./support/fixtures');
const { artifacts } = require('./support/environment');

test('picks with their reasons and platforms, one click to the watchlist', async ({ page, account, request }) => {
  await account.call('PATCH', '/api/me/', { platforms: [1, 2, 3] });
  const [seen] = await topMovies(request, 1);
  await account.call('POST', '/api/user-movies/', { tconst: seen.tconst, rating: 8 });
  await logIn(page, account);
  await page.getByRole('link', { name: 'Suggestions' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Today’s picks');
  const cards = page.locator('.grid .card');
  await expect(cards.first()).toBeVisible();
  // Three picks for each of the three platforms; never the watched movie.
  await expect(cards).toHaveCount(9);
  await expect(cards.filter({ hasText: seen.primary_title })).toHaveCount(0);
  await expect(cards.first().getByText('Świetny wybór na dziś wieczór.')).toBeVisible();
  await expect(cards.first().locator('.badges')).toHaveAttribute('aria-label', /Streams on/);
  await expect(page.getByText(/New picks after/)).toBeVisible();
  await page.screenshot({ path: `${artifacts}/desktop-suggestions.png`, fullPage: true });

  const title = await cards.first().locator('.card-title').textContent();
  await cards.first().getByRole('button', { name: `Add “${title}” to the watchlist` }).click();
  await expect(page.getByText(`“${title}” added to the watchlist`)).toBeVisible();
  await expect(cards.first().getByRole('button', { name: `Add “${title}” to the watchlist` })).toHaveText('On watchlist');
  await page.getByRole('link', { name: 'Watchlist' }).click();
  await expect(page.locator('.grid .card').filter({ hasText: title })).toHaveCount(1);
  // The rest of the day, the same picks come back at once, with the added one marked.
  await page.getByRole('link', { name: 'Suggestions' }).click();
  await expect(cards).toHaveCount(9);
  await expect(cards.first().getByRole('button', { name: `Add “${title}” to the watchlist` })).toBeDisabled();
});

test('a user without movies is told what to do first', async ({ page, account }) => {
  await account.call('PATCH', '/api/me/', { platforms: [1] });
  await logIn(page, account);
  await page.getByRole('link', { name: 'Suggestions' }).click();
  await expect(page.getByText('Add a few movies to your watchlist or mark some as watched first', { exact: false })).toBeVisible();
  await page.getByRole('link', { name: 'On VOD now' }).last().click();
  await expect(page).toHaveURL(/\/app\/onvod$/);
});
