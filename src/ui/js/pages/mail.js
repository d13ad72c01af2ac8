// The pages mailed links open, without a log-in: confirming the weekly e-mail's address
// (/mail/confirm?token=...) and unsubscribing from it (/mail/unsubscribe?token=...). Each asks first and
// acts on the button, so a mail scanner that opens every link changes nothing.

import { api } from '../api.js';
import { failureMessage, h } from '../dom.js';
import { t } from '../i18n.js';

const pages = {
  '/mail/confirm': { title: 'confirmTitle', text: 'confirmText', submit: 'confirmSubmit', done: 'confirmDone', endpoint: '/api/mail/confirm/' },
  '/mail/unsubscribe': { title: 'unsubscribeTitle', text: 'unsubscribeText', submit: 'unsubscribeSubmit', done: 'unsubscribeDone', endpoint: '/api/mail/unsubscribe/' },
};

export function render({ path, params, fillPage }) {
  const page = pages[path];
  const main = fillPage(t(page.title), '');
  main.classList.add('narrow');
  const alert = h('p', { class: 'alert', role: 'alert', tabindex: '-1', hidden: true });
  const submit = h('button', { type: 'submit', class: 'button primary wide' }, t(page.submit));
  const form = h('form', { class: 'card form' }, h('p', {}, t(page.text)), submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    try {
      await api(page.endpoint, { method: 'POST', auth: false, body: { token: params.get('token') ?? '' } });
      alert.textContent = t(page.done);
      alert.className = 'alert alert-success';
      form.remove();
    } catch (error) {
      alert.textContent = error.status === 400 ? t('mailLinkInvalid') : failureMessage(error);
      alert.className = 'alert alert-error';
      submit.disabled = false;
    }
    alert.hidden = false;
    alert.focus();
  });
  main.append(alert, form, h('p', {}, h('a', { href: '/app/profile' }, t('profileTitle'))));
}
