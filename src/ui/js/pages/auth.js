// Log-in and sign-up. The API's field errors appear under their fields; anything else above the form.

import { api, ApiError, session } from '../api.js';
import { lists } from '../actions.js';
import { failureMessage, h, showFieldErrors } from '../dom.js';
import { t } from '../i18n.js';
import { languageSwitch } from './widgets.js';

export function render({ path, params, app, navigate, fillPage }) {
  const register = path === '/auth/register';
  const main = fillPage(t(register ? 'registerTitle' : 'loginTitle'), t(register ? 'registerSubtitle' : 'loginSubtitle'));
  main.classList.add('narrow');
  // With MYVOD_REGISTRATION=closed the operator creates the accounts: the page says so instead of offering a form that is refused.
  const closed = app.config?.registration === 'closed';
  if (register && closed) {
    main.append(h('p', { class: 'alert' }, t('registrationClosed')), h('p', {}, h('a', { href: '/auth/login' }, t('logIn'))));
    return;
  }
  const alert = h('div', { class: 'alert', role: 'alert', tabindex: '-1', hidden: true });
  const showAlert = (message, type = 'error') => {
    alert.textContent = message;
    alert.className = `alert alert-${type}`;
    alert.hidden = false;
    alert.focus();
  };
  if (!register && params.get('registered')) showAlert(t('registered'), 'success');
  if (!register && params.get('reset')) showAlert(t('resetDone'), 'success');

  const email = field('email', t('email'), { type: 'email', autocomplete: 'username', required: true });
  const password = passwordField('password', t('password'), register ? 'new-password' : 'current-password');
  const submit = h('button', { type: 'submit', class: 'button primary wide' }, t(register ? 'signUp' : 'logIn'));
  const form = h('form', { class: 'card form', novalidate: true }, email, password);
  if (register) {
    const repeat = passwordField('repeat', t('repeatPassword'), 'new-password');
    const rules = passwordRules(password.querySelector('input'));
    form.append(rules, repeat);
  }
  form.append(submit);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    alert.hidden = true;
    const values = Object.fromEntries(new FormData(form));
    if (register && repeatDiffers(form, values.password)) return;
    submit.disabled = true;
    submit.textContent = t(register ? 'signingUp' : 'loggingIn');
    try {
      if (register) {
        await api('/api/register/', { method: 'POST', auth: false, body: { email: values.email, password: values.password } });
        navigate(`/auth/login?registered=1&email=${encodeURIComponent(values.email.trim().toLowerCase())}`);
        return;
      }
      const tokens = await api('/api/token/', { method: 'POST', auth: false, body: { email: values.email, password: values.password } });
      app.me = null;
      lists.forgetAll();
      session.store(tokens);
      const next = params.get('next');
      navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/app/watchlist', { replace: true });
    } catch (error) {
      if (!showFieldErrors(form, error)) showAlert(failureMessage(error));
      submit.disabled = false;
      submit.textContent = t(register ? 'signUp' : 'logIn');
    }
  });
  if (params.get('email')) form.elements.namedItem('email').value = params.get('email');

  const other = register
    ? h('p', {}, t('haveAccount'), ' ', h('a', { href: '/auth/login' }, t('logIn')))
    : closed
      ? h('p', { class: 'muted' }, t('registrationClosed'))
      : h('p', {}, t('noAccount'), ' ', h('a', { href: '/auth/register' }, t('signUp')));
  // The reset link comes by mail; without mail the page would promise what cannot happen.
  const forgot = !register && app.config?.mail ? h('p', {}, h('a', { href: '/auth/forgot-password' }, t('forgotLink'))) : null;
  main.append(alert, form, ...(forgot ? [forgot] : []), other, languageSwitch(() => navigate(location.pathname + location.search, { replace: true })));
  form.querySelector('input').focus();
}

// An error in the shape of the API's 400, for checks the page makes itself.
function fieldError(name, message) {
  return new ApiError(400, { [name]: [message] });
}

// Whether the form's "repeat" field differs from `password`; when it does, says so under that field. Every
// form that sets a password asks for it twice.
export function repeatDiffers(form, password) {
  const differs = password !== new FormData(form).get('repeat');
  if (differs) showFieldErrors(form, fieldError('repeat', t('passwordsDiffer')));
  return differs;
}

export function field(name, label, attributes = {}) {
  const id = `field-${name}`;
  return h('div', { class: 'field' }, h('label', { for: id }, label), h('input', { id, name, ...attributes }));
}

// A password input with a show/hide toggle that says what it does.
export function passwordField(name, label, autocomplete) {
  const wrapper = field(name, label, { type: 'password', autocomplete, required: true });
  const input = wrapper.querySelector('input');
  const toggle = h('button', { type: 'button', class: 'reveal', 'aria-controls': input.id }, t('showPassword'));
  toggle.addEventListener('click', () => {
    const shown = input.type === 'password';
    input.type = shown ? 'text' : 'password';
    toggle.textContent = t(shown ? 'hidePassword' : 'showPassword');
  });
  input.after(toggle);
  wrapper.classList.add('password');
  return wrapper;
}

// The API's own rules, checked while typing; the server stays the judge (it also refuses common ones).
export function passwordRules(input) {
  const rules = [
    ['ruleLength', (value) => value.length >= 8],
    ['ruleLetter', (value) => /[a-zA-Z]/.test(value)],
    ['ruleDigit', (value) => /\d/.test(value)],
  ];
  const items = rules.map(([key]) => h('li', {}, t(key)));
  const update = () => rules.forEach(([, check], index) => items[index].classList.toggle('met', check(input.value)));
  input.addEventListener('input', update);
  input.setAttribute('aria-describedby', 'password-rules');
  return h('ul', { class: 'rules', id: 'password-rules' }, items);
}
