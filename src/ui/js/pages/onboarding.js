// First step for a new user: which services they pay for. Nothing else makes sense without it.

import { api } from '../api.js';
import { failureMessage, h } from '../dom.js';
import { t } from '../i18n.js';
import { platformPicker } from './widgets.js';

export function render({ app, navigate, fillPage }) {
  const main = fillPage(t('onboardingTitle'), t('onboardingText'));
  main.classList.add('narrow');
  const selected = new Set(app.me.platforms.map((platform) => platform.id));
  const alert = h('p', { class: 'alert alert-error', role: 'alert', tabindex: '-1', hidden: true });
  const submit = h('button', { type: 'submit', class: 'button primary wide' }, t('continue'));
  const form = h('form', { class: 'card form' }, platformPicker(app.platforms, selected), alert, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (selected.size === 0) {
      alert.textContent = t('onboardingPick');
      alert.hidden = false;
      alert.focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = t('saving');
    try {
      app.me = await api('/api/me/', { method: 'PATCH', body: { platforms: [...selected].sort((a, b) => a - b) } });
      navigate('/app/onvod');
    } catch (error) {
      alert.textContent = failureMessage(error);
      alert.hidden = false;
      alert.focus();
      submit.disabled = false;
      submit.textContent = t('continue');
    }
  });
  main.append(form);
}
