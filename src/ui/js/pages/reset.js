// Setting a new password through a reset link (/auth/reset-password?uid=...&token=...): the link is checked
// on arrival, so a used or expired one says so before anything is typed; then the new password, twice.

import { api, session } from '../api.js';
import { failureMessage, h, showFieldErrors } from '../dom.js';
import { t } from '../i18n.js';
import { passwordField, passwordRules, repeatDiffers } from './auth.js';

export async function render({ params, navigate, fillPage }) {
  const main = fillPage(t('resetTitle'), t('resetSubtitle'));
  main.classList.add('narrow');
  const link = { uid: params.get('uid') ?? '', token: params.get('token') ?? '' };
  try {
    await api('/api/password-reset/validate_token/', { method: 'POST', auth: false, body: link });
  } catch (error) {
    // Any refusal means the same to the reader: this link cannot be used.
    const reason = error.status === 400 ? t('resetLinkInvalid') : failureMessage(error);
    main.append(h('p', { class: 'alert alert-error', role: 'alert' }, reason), h('p', {}, h('a', { href: '/auth/login' }, t('logIn'))));
    return;
  }
  const password = passwordField('new_password', t('newPassword'), 'new-password');
  const repeat = passwordField('repeat', t('repeatPassword'), 'new-password');
  const submit = h('button', { type: 'submit', class: 'button primary wide' }, t('resetSubmit'));
  const alert = h('div', { class: 'alert alert-error', role: 'alert', tabindex: '-1', hidden: true });
  const form = h('form', { class: 'card form', novalidate: true }, password, passwordRules(password.querySelector('input')), repeat, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    alert.hidden = true;
    const values = Object.fromEntries(new FormData(form));
    if (repeatDiffers(form, values.new_password)) return;
    submit.disabled = true;
    try {
      await api('/api/password-reset/confirm/', { method: 'POST', auth: false, body: { ...link, new_password: values.new_password } });
      // The reset ended every session of the account, this browser's too.
      session.end('reset');
      navigate('/auth/login?reset=1', { replace: true });
    } catch (error) {
      if (!showFieldErrors(form, error)) {
        alert.textContent = error.status === 400 ? t('resetLinkInvalid') : failureMessage(error);
        alert.hidden = false;
        alert.focus();
      }
      submit.disabled = false;
    }
  });
  main.append(alert, form);
  form.querySelector('input').focus();
}
