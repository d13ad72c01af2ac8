// Importing and exporting lists in the browser: an IMDb ratings file previewed (nothing written), then
// imported; a Letterboxd CSV whose film with a year off by one is picked on the review step; and the
// exports saved as files that hold what was imported.
const fs = require('node:fs');
const { test, expect, logIn } = require('./support/fixtures');
const { artifacts } = require('./support/environment');

async function find(account, title) {
  const [movie] = await account.call('GET', `/api/movies/?search=${encodeURIComponent(title)}`);
  return movie;
}

test('import from IMDb and Letterboxd, review a film, export the lists', async ({ page, account }) => {
  await account.call('PATCH', '/api/me/', { platforms: [1] });
  const pulp = await find(account, 'Pulp Fiction');
  const watchedCount = async () => (await account.call('GET', '/api/user-movies/?status=watched')).count;

  await logIn(page, account);
  await expect(page).toHaveURL(/\/app\/watchlist$/);
  await page.goto('/app/profile');
  await expect(page.getByRole('link', { name: 'Import or export' })).toHaveAttribute('href', '/app/import');
  // A newcomer's empty watchlist points to the import.
  await page.getByRole('link', { name: 'Watchlist', exact: true }).click();
  await page.getByRole('link', { name: 'Import your ratings and lists from IMDb or Letterboxd' }).click();
  await expect(page).toHaveURL(/\/app\/import$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Import and export');

  // IMDb: a rated movie and a TV series, which is skipped and said so.
  const imdb = [
    '\uFEFFConst,Your Rating,Date Rated,Title,Original Title,URL,Title Type,IMDb Rating,Runtime (mins),Year,Genres,Num Votes,Release Date,Directors',
    `${pulp.tconst},9,2019-05-01,Pulp Fiction,Pulp Fiction,https://www.imdb.com/title/${pulp.tconst}/,Movie,8.9,154,1994,"Crime, Drama",2000000,1994-10-14,Quentin Tarantino`,
    'tt0903747,10,2019-05-02,Breaking Bad,Breaking Bad,https://www.imdb.com/title/tt0903747/,TV Series,9.5,49,2008,Drama,2000000,2008-01-20,',
  ].join('\r\n');
  await page.getByLabel('IMDb', { exact: true }).check();
  await page.getByLabel('File', { exact: true }).setInputFiles({ name: 'ratings.csv', mimeType: 'text/csv', buffer: Buffer.from(imdb) });
  await page.getByRole('button', { name: 'Preview' }).click();
  const preview = page.locator('#import-preview');
  await expect(preview.getByRole('heading')).toHaveText('Preview: nothing has changed yet');
  await expect(preview.locator('#import-changes tbody tr')).toHaveCount(1);
  await expect(preview.locator('#import-changes tbody tr')).toContainText(['Pulp Fiction (1994)added']);
  await expect(preview.locator('#import-changes tbody tr td').nth(4)).toHaveText('9/10');
  await preview.getByText('Skipped (1)').click();
  await expect(preview.locator('#import-skipped li')).toHaveText('ratings, line 3: Breaking Bad (2008): not a movie');
  expect(await watchedCount()).toBe(0);
  await page.screenshot({ path: `${artifacts}/desktop-import-preview.png`, fullPage: true });
  await preview.getByRole('button', { name: 'Import these changes (1)' }).click();
  await expect(page.locator('#import-done').getByRole('heading')).toHaveText('Imported');
  await expect(page.getByText('Imported: 1 added, 0 updated.')).toBeVisible();
  expect(await watchedCount()).toBe(1);

  // Letterboxd: one film matches; the other's year is one off, so it waits for the user's pick.
  const letterboxd = 'Date,Name,Year,Letterboxd URI\n2020-02-02,Inception,2010,https://boxd.it/1\n2020-02-03,The Matrix,1998,https://boxd.it/2\n';
  await page.getByLabel('Letterboxd', { exact: true }).check();
  await page.getByLabel('File', { exact: true }).setInputFiles({ name: 'watched.csv', mimeType: 'text/csv', buffer: Buffer.from(letterboxd) });
  await expect(page.getByLabel('Which Letterboxd file is it?')).toHaveValue('watched.csv');
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.locator('#import-preview')).toContainText('1 films fit several movies or none: after the import you pick them.');
  await page.getByRole('button', { name: 'Import these changes (1)' }).click();
  const review = page.locator('#import-review');
  await expect(review.getByRole('group', { name: 'The Matrix (1998)' })).toBeVisible();
  await page.screenshot({ path: `${artifacts}/desktop-import-review.png`, fullPage: true });
  await review.getByLabel('The Matrix (1999)').check();
  await review.getByRole('button', { name: 'Apply my choices' }).click();
  await expect(page.locator('#import-resolved').getByRole('heading')).toHaveText('Your choices are applied');
  expect(await watchedCount()).toBe(3);

  // The exports are files holding what was imported, in IMDb's format.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Ratings and watched (CSV)' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^myvod-ratings-\d{4}-\d{2}-\d{2}\.csv$/);
  const ratings = fs.readFileSync(await download.path(), 'utf8');
  expect(ratings.split('\r\n')[0]).toBe('Const,Your Rating,Date Rated,Title,Original Title,URL,Title Type,IMDb Rating,Runtime (mins),Year,Genres,Num Votes,Release Date,Directors');
  expect(ratings).toContain(`${pulp.tconst},9,2019-05-01,Pulp Fiction,`);
  expect(ratings).toContain(',2020-02-03,The Matrix,');
  const [data] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'All my data (JSON)' }).click()]);
  const owned = JSON.parse(fs.readFileSync(await data.path(), 'utf8'));
  expect(owned.profile.email).toBe(account.email);
  expect(owned.movies.map((movie) => movie.primary_title).sort()).toEqual(['Inception', 'Pulp Fiction', 'The Matrix']);
});
