// A forgotten password: the account's e-mail, then the same answer whether or not it has an account (the
// server never says which addresses exist). On a server without mail the page says whom to ask instead.

import { api } from '../api.js';
import { failureMessage, h, showFieldErrors } from '../dom.js';
import { t } from '../i18n.js';
import { field } from './auth.js';

export function render({ params, app, fillPage }) {
  const main = fillPage(t('forgotTitle'), t('forgotSubtitle'));
  main.classList.add('narrow');
  const back = h('p', {}, h('a', { href: '/auth/login' }, t('logIn')));
  if (!app.config?.mail) {
    main.append(h('p', { class: 'alert' }, t('forgotNoMail')), back);
    return;
  }
  const alert = h('div', { class: 'alert', role: 'alert', tabindex: '-1', hidden: true });
  const email = field('email', t('email'), { type: 'email', autocomplete: 'username', required: true });
  const submit = h('button', { type: 'submit', class: 'button primary wide' }, t('forgotSubmit'));
  const form = h('form', { class: 'card form', novalidate: true }, email, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    alert.hidden = true;
    const address = new FormData(form).get('email').trim();
    submit.disabled = true;
    try {
      await api('/api/password-reset/', { method: 'POST', auth: false, body: { email: address } });
      showFieldErrors(form, null);
      alert.textContent = t('forgotSent', { email: address });
      alert.className = 'alert alert-success';
    } catch (error) {
      if (showFieldErrors(form, error)) {
        submit.disabled = false;
        return;
      }
      alert.textContent = failureMessage(error);
      alert.className = 'alert alert-error';
    }
    alert.hidden = false;
    alert.focus();
    submit.disabled = false;
  });
  if (params.get('email')) form.elements.namedItem('email').value = params.get('email');
  main.append(alert, form, back);
  form.querySelector('input').focus();
}
