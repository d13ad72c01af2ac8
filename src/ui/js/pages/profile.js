// The account: my platforms, the language, importing and exporting lists, the weekly e-mail (when the server
// sends mail), the password, the sessions on other devices, and deleting it all.

import { api, session } from '../api.js';
import { confirmDialog, failureMessage, h, showFieldErrors, toast } from '../dom.js';
import { t } from '../i18n.js';
import { passwordField, repeatDiffers } from './auth.js';
import { languageSwitch, platformPicker } from './widgets.js';

export function render({ app, navigate, fillPage }) {
  const main = fillPage(t('profileTitle'), app.me.email);
  main.classList.add('narrow');
  main.append(
    platformsCard(app),
    h('section', { class: 'card' }, h('h2', {}, t('language')), languageSwitch(() => navigate('/app/profile', { replace: true }))),
    h('section', { class: 'card' }, h('h2', {}, t('importTitle')), h('p', {}, t('importProfileText')), h('a', { class: 'button', href: '/app/import' }, t('importOpen'))),
    app.config.mail ? mailCard(app) : '',
    passwordCard(app),
    sessionsCard(),
    deleteCard(),
  );
  // The e-mail is the login; the field is here for password managers filling the change form.
  main.querySelector('#field-username')?.setAttribute('value', app.me.email);
}

function platformsCard(app) {
  const selected = new Set(app.me.platforms.map((platform) => platform.id));
  const save = h('button', { type: 'submit', class: 'button primary', disabled: true }, t('save'));
  const alert = h('p', { class: 'alert alert-error', role: 'alert', hidden: true });
  const changed = () => {
    const saved = app.me.platforms.map((platform) => platform.id);
    save.disabled = selected.size === 0 || (selected.size === saved.length && saved.every((id) => selected.has(id)));
    alert.hidden = selected.size !== 0;
    alert.textContent = t('onboardingPick');
  };
  const form = h('form', { class: 'card form' }, h('h2', {}, t('myPlatforms')), platformPicker(app.platforms, selected, changed), alert, save);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    save.disabled = true;
    try {
      app.me = await api('/api/me/', { method: 'PATCH', body: { platforms: [...selected].sort((a, b) => a - b) } });
      toast(t('platformsSaved'), { type: 'success' });
    } catch (error) {
      toast(failureMessage(error), { type: 'error' });
      save.disabled = false;
    }
  });
  return form;
}

// The weekly e-mail and the language of mails (/api/me/preferences/). Turning the e-mail on mails a
// confirmation link; until it is opened the card says where it went and offers to send it again.
function mailCard(app) {
  const digest = h('input', { type: 'checkbox', id: 'mail-digest', name: 'email_notifications' });
  const language = h('select', { id: 'mail-language', name: 'language' }, h('option', { value: 'pl' }, 'Polski'), h('option', { value: 'en' }, 'English'));
  const status = h('p', { class: 'muted', 'aria-live': 'polite' });
  const resend = h('button', { type: 'button', class: 'button', hidden: true }, t('mailResend'));
  const card = h(
    'section',
    { class: 'card form', 'aria-busy': 'true' },
    h('h2', {}, t('mailTitle')),
    h('div', { class: 'field check' }, digest, h('label', { for: 'mail-digest' }, t('mailDigest'))),
    h('div', { class: 'field' }, h('label', { for: 'mail-language' }, t('mailLanguage')), language),
    status,
    resend,
  );
  const show = (preferences) => {
    digest.checked = preferences.email_notifications;
    language.value = preferences.language;
    const pending = preferences.email_notifications && !preferences.email_confirmed;
    status.textContent = !preferences.email_notifications ? '' : t(pending ? 'mailPending' : 'mailConfirmed', { email: app.me.email });
    status.hidden = !preferences.email_notifications;
    resend.hidden = !pending;
    card.setAttribute('aria-busy', 'false');
  };
  const save = async (change, message) => {
    try {
      show(await api('/api/me/preferences/', { method: 'PATCH', body: change }));
      toast(message, { type: 'success' });
    } catch (error) {
      toast(failureMessage(error), { type: 'error' });
      load();
    }
  };
  const load = () => api('/api/me/preferences/').then(show, (error) => toast(failureMessage(error), { type: 'error' }));
  digest.addEventListener('change', () => save({ email_notifications: digest.checked }, t('mailSaved')));
  language.addEventListener('change', () => save({ language: language.value }, t('mailSaved')));
  resend.addEventListener('click', () => save({ email_notifications: true }, t('mailResent')));
  load();
  return card;
}

function passwordCard(app) {
  const submit = h('button', { type: 'submit', class: 'button primary' }, t('changePassword'));
  const form = h(
    'form',
    { class: 'card form', novalidate: true },
    h('h2', {}, t('changePassword')),
    h('input', { type: 'email', id: 'field-username', autocomplete: 'username', hidden: true }),
    passwordField('current_password', t('currentPassword'), 'current-password'),
    passwordField('new_password', t('newPassword'), 'new-password'),
    passwordField('repeat', t('repeatPassword'), 'new-password'),
    submit,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(form));
    if (repeatDiffers(form, values.new_password)) return;
    submit.disabled = true;
    try {
      await api('/api/me/change-password/', { method: 'POST', body: { current_password: values.current_password, new_password: values.new_password } });
      // The change ended every session, this one's refresh token included: log this tab in again with the new
      // password, so only the other devices must.
      session.store(await api('/api/token/', { method: 'POST', auth: false, body: { email: app.me.email, password: values.new_password } }));
      showFieldErrors(form, null);
      form.reset();
      toast(t('passwordChanged'), { type: 'success' });
    } catch (error) {
      if (!showFieldErrors(form, error)) toast(failureMessage(error), { type: 'error' });
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

function sessionsCard() {
  const end = h('button', { type: 'button', class: 'button' }, t('logOutEverywhere'));
  end.addEventListener('click', async () => {
    end.disabled = true;
    try {
      await api('/api/me/logout-all/', { method: 'POST' });
      toast(t('loggedOutEverywhere'), { type: 'success' });
      session.end('logout');
    } catch (error) {
      toast(failureMessage(error), { type: 'error' });
      end.disabled = false;
    }
  });
  return h('section', { class: 'card' }, h('h2', {}, t('sessions')), h('p', {}, t('sessionsText')), end);
}

function deleteCard() {
  const remove = h('button', { type: 'button', class: 'button danger' }, t('deleteAccount'));
  remove.addEventListener('click', async () => {
    if (!(await confirmDialog(t('deleteAccount'), t('deleteAccountText'), t('deleteAccountConfirm')))) return;
    try {
      await api('/api/me/', { method: 'DELETE' });
      toast(t('accountDeleted'), { type: 'success' });
      session.end('logout');
    } catch (error) {
      toast(failureMessage(error), { type: 'error' });
    }
  });
  return h('section', { class: 'card danger-zone' }, h('h2', {}, t('deleteAccount')), h('p', {}, t('deleteAccountText')), remove);
}

