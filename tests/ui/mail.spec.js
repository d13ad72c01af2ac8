// Mail through the web UI, with the fake SMTP server as the relay: a forgotten password set again from
// the mailed link; the weekly e-mail turned on, its address confirmed from the confirmation mail, its
// digest sent by `myvod run-job mail-digest`, and unsubscribed from the page the digest links to.
const { execFileSync } = require('node:child_process');
const { test, expect, logIn } = require('./support/fixtures');
const { artifacts, binary } = require('./support/environment');
const { mailTo, linkTo } = require('./support/mail');

function cli(...args) {
  const env = {
    ...process.env,
    MYVOD_DATABASE_URL: process.env.MYVOD_UI_DATABASE_URL,
    MYVOD_SMTP_URL: process.env.MYVOD_UI_SMTP_URL,
    MYVOD_SMTP_CA_FILE: process.env.MYVOD_UI_SMTP_CA_FILE,
  };
  return execFileSync(binary, args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function sqlite(statement) {
  const database = process.env.MYVOD_UI_DATABASE_URL.replace(/^sqlite:/, '');
  return execFileSync('sqlite3', ['-cmd', '.timeout 10000', database, statement], { encoding: 'utf8' }).trim();
}

test('a forgotten password is set again from the mailed link', async ({ page, account }) => {
  await page.goto('/auth/login');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Forgotten password');
  await page.getByLabel('E-mail').fill(account.email);
  await page.getByRole('button', { name: 'Send me the link' }).click();
  await expect(page.getByRole('alert')).toContainText(`If ${account.email} has an account here, a mail with a reset link is on its way.`);

  const mail = await mailTo(account.email);
  expect(mail.subject).toBe('myVOD: resetowanie hasła'); // the account's mail language: Polish by default
  await page.goto(linkTo(mail.text, '/auth/reset-password'));
  await page.getByLabel('New password').fill('Mailed-reset-2027');
  await page.getByLabel('Repeat password').fill('Mailed-reset-2027');
  await page.getByRole('button', { name: 'Set the new password' }).click();
  await expect(page).toHaveURL(/\/auth\/login\?reset=1$/);
  await logIn(page, { email: account.email, password: 'Mailed-reset-2027' });
  await expect(page).toHaveURL(/\/(app\/watchlist|onboarding\/platforms)$/);
});

test('the weekly e-mail: confirmed from its mail, sent with what is new, unsubscribed from its page', async ({ page, account }) => {
  await account.call('PATCH', '/api/me/', { platforms: [1] });
  await logIn(page, account);
  await expect(page).toHaveURL(/\/app\/watchlist$/);
  await page.goto('/app/profile');
  const weekly = page.getByLabel('Weekly e-mail: movies from my watchlist that arrived on my services');
  await expect(weekly).not.toBeChecked();
  await page.getByLabel('Language of e-mails').selectOption('en');
  await expect(page.getByText('E-mail settings saved').first()).toBeVisible();
  await weekly.check();
  await expect(page.getByText(`We sent a confirmation link to ${account.email}. The weekly e-mail starts once you open it.`)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Send the link again' })).toBeVisible();
  await page.screenshot({ path: `${artifacts}/desktop-profile-mail.png`, fullPage: true });

  const confirmation = await mailTo(account.email);
  expect(confirmation.subject).toBe('myVOD: confirm your e-mail address');
  await page.goto(linkTo(confirmation.text, '/mail/confirm'));
  await page.getByRole('button', { name: 'Confirm my address' }).click();
  await expect(page.getByRole('alert')).toHaveText('Your address is confirmed: the weekly e-mail starts with the next one.');
  await page.goto('/app/profile');
  await expect(page.getByText(`The weekly e-mail goes to ${account.email}.`)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Send the link again' })).toBeHidden();

  // A movie arrives on Netflix for this user (as the availability sync notifies), then the digest runs.
  const title = sqlite(`SELECT primary_title FROM movie ORDER BY num_votes DESC LIMIT 1 OFFSET 90`);
  sqlite(`INSERT INTO notification (user_id, tconst, platform_id, created_at)
            SELECT id, (SELECT tconst FROM movie ORDER BY num_votes DESC LIMIT 1 OFFSET 90), 1,
                   strftime('%Y-%m-%d %H:%M:%f', 'now') || '000+00'
            FROM users_user WHERE email = '${account.email}'`);
  await new Promise((resolve) => setTimeout(resolve, 20)); // the digest's cut-off is after the notification
  expect(cli('run-job', 'mail-digest')).toMatch(/^mail-digest: succeeded .*"sent":1/);
  const digest = await mailTo(account.email, 2);
  expect(digest.subject).toBe('myVOD: 1 new on your services');
  expect(digest.text).toContain(`${title}`);
  expect(digest.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');

  await page.goto(linkTo(digest.text, '/mail/unsubscribe'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Unsubscribe');
  await page.getByRole('button', { name: 'Unsubscribe' }).click();
  await expect(page.getByRole('alert')).toHaveText('Done: no more weekly e-mails.');
  await page.goto('/app/profile');
  await expect(weekly).not.toBeChecked();
});

test('a broken mailed link says so', async ({ page }) => {
  await page.goto('/mail/unsubscribe?token=not-a-token');
  await page.getByRole('button', { name: 'Unsubscribe' }).click();
  await expect(page.getByRole('alert')).toHaveText('This link is not valid: it may have expired. Ask for a new one.');
});
