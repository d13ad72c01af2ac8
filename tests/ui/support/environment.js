// Where the server under test listens, which binary it is and where artefacts go; scripts/test.sh sets
// these, and the defaults suit a developer running `npx playwright test` after a build in ./build.
const path = require('node:path');

const repository = path.resolve(__dirname, '..', '..', '..');
const port = Number(process.env.MYVOD_UI_PORT || 18765);

module.exports = {
  repository,
  port,
  baseURL: `http://127.0.0.1:${port}`,
  binary: process.env.MYVOD_BIN || path.join(repository, 'build', 'myvod'),
  // The fake language model from tests/fakes, built beside myvod: suggestions without a real provider.
  fakeModel: process.env.MYVOD_FAKE_MODEL || path.join(repository, 'build', 'tests', 'fake-model'),
  // The fake Watchmode, for the availability sync the staff trigger from the admin page.
  fakeWatchmode: process.env.MYVOD_FAKE_WATCHMODE || path.join(repository, 'build', 'tests', 'fake-watchmode'),
  // The fake SMTP server: the server's mails land as files the specs read (support/mail.js).
  fakeSmtp: process.env.MYVOD_FAKE_SMTP || path.join(repository, 'build', 'tests', 'fake-smtp'),
  artifacts: process.env.MYVOD_UI_ARTIFACTS || path.join(repository, 'build', 'ui-artifacts'),
  staff: { email: 'staff@example.com', password: 'Staff-password-42' },
};
