// A forgotten password, on a server without mail: the operator prints a reset link with
// `myvod users reset-link`, the user sets a new password through it, and the link is then spent.
const { execFileSync } = require('child_process');
const { test, expect, logIn } = require('./support/fixtures');
const { binary } = require('./support/environment');

function resetLink(email) {
  const env = { ...process.env, MYVOD_DATABASE_URL: process.env.MYVOD_UI_DATABASE_URL };
  const url = new URL(execFileSync(binary, ['users', 'reset-link', email], { env, encoding: 'utf8' }).trim());
  return url.pathname + url.search;
}

test('a reset link sets a new password once', async ({ page, account }) => {
  const link = resetLink(account.email);
  expect(link).toMatch(/^\/auth\/reset-password\?uid=[\w-]+&token=[0-9a-z]+-[0-9a-f]{32}$/);
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('New password');
  await page.getByLabel('New password').fill('Fresh-start-2027');
  await page.getByLabel('Repeat password').fill('Fresh-start-2026');
  await page.getByRole('button', { name: 'Set the new password' }).click();
  await expect(page.getByText('The passwords differ.')).toBeVisible();
  await page.getByLabel('Repeat password').fill('Fresh-start-2027');
  await page.getByRole('button', { name: 'Set the new password' }).click();
  await expect(page).toHaveURL(/\/auth\/login\?reset=1$/);
  await expect(page.getByRole('alert')).toHaveText('Your password was changed. Log in with the new one; other devices must log in again too.');
  await logIn(page, { email: account.email, password: 'Fresh-start-2027' });
  await expect(page).toHaveURL(/\/(app\/watchlist|onboarding\/platforms)$/);

  // Spent: the same link now says so before anything is typed.
  await page.goto(link);
  await expect(page.getByRole('alert')).toHaveText('This reset link is invalid, used or expired. Ask for a new one.');
  await expect(page.getByLabel('New password')).toHaveCount(0);
});
