// Small DOM helpers: elements built from data (never HTML strings, so a movie title cannot inject
// markup), toasts, modal dialogs, posters and the one mapping from an API failure to a sentence.

import { ApiError, apiResponse, refusal } from './api.js';
import { t, translateApiMessage } from './i18n.js';

// h('button', {class: 'x', onclick: f, 'aria-label': 'y'}, 'text', child...)
export function h(tag, properties = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(properties)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'class') element.className = value;
    else if (name in element && typeof value !== 'string') element[name] = value;
    else element.setAttribute(name, value === true ? '' : value);
  }
  element.append(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));
  return element;
}

export function clear(element, ...children) {
  element.replaceChildren(...children.flat().filter(Boolean));
  return element;
}

// What the user reads when a call fails.
export function failureMessage(error) {
  if (error instanceof ApiError) {
    if (error.status === 429) {
      const seconds = Number.parseInt(error.retryAfter, 10);
      return Number.isFinite(seconds) ? t('tooMany', { seconds }) : t('tooManyLater');
    }
    if (error.status >= 500) return t('serverError');
    const body = error.body;
    if (body && typeof body === 'object') {
      const first = body.detail ?? body.error ?? body.non_field_errors?.[0] ?? firstFieldMessage(body);
      if (typeof first === 'string') return translateApiMessage(first);
    }
    return t('toastFailed');
  }
  if (error?.name === 'TypeError') return t('offline');
  return t('toastFailed');
}

function firstFieldMessage(body) {
  for (const value of Object.values(body)) {
    if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  }
  return undefined;
}

// Field errors of a DRF-shaped 400 shown under their inputs; returns whether any field matched.
export function showFieldErrors(form, error) {
  form.querySelectorAll('.field-error').forEach((node) => node.remove());
  form.querySelectorAll('[aria-invalid]').forEach((node) => node.removeAttribute('aria-invalid'));
  if (!(error instanceof ApiError) || error.status !== 400 || !error.body) return false;
  let shown = false;
  for (const [name, messages] of Object.entries(error.body)) {
    const input = form.elements.namedItem(name);
    if (!input || !Array.isArray(messages)) continue;
    addFieldError(input, messages.map(translateApiMessage).join(' '));
    shown = true;
  }
  form.querySelector('[aria-invalid]')?.focus();
  return shown;
}

export function addFieldError(input, message) {
  const id = `${input.id}-error`;
  input.setAttribute('aria-invalid', 'true');
  input.setAttribute('aria-describedby', id);
  input.closest('.field').append(h('p', { class: 'field-error', id }, message));
}

export function toast(message, { type = 'info', action } = {}) {
  const region = document.getElementById('toasts');
  const item = h('div', { class: `toast toast-${type}` }, h('span', {}, message));
  const dismiss = () => item.remove();
  if (action) {
    item.append(
      h('button', { type: 'button', class: 'link-button', onclick: () => { dismiss(); action.run(); } }, action.label),
    );
  }
  region.append(item);
  setTimeout(dismiss, action ? 8000 : 4000);
}

export function toastFailure(error) {
  toast(failureMessage(error), { type: 'error' });
}

// A modal <dialog>: the browser traps focus in it and closes it on Escape. Resolves with the value of
// the button that closed it, or null.
function modal(title, body, buttons) {
  const dialog = h(
    'dialog',
    { class: 'dialog', 'aria-labelledby': 'dialog-title' },
    h('form', { method: 'dialog' }, h('h2', { id: 'dialog-title' }, title), body, h('div', { class: 'dialog-actions' }, buttons)),
  );
  document.body.append(dialog);
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(dialog.returnValue && dialog.returnValue !== 'cancel' ? dialog.returnValue : null);
    });
  });
}

export async function confirmDialog(title, text, confirmLabel) {
  const answer = await modal(title, h('p', {}, text), [
    h('button', { value: 'cancel', class: 'button' }, t('cancel')),
    h('button', { value: 'yes', class: 'button danger' }, confirmLabel),
  ]);
  return answer === 'yes';
}

// Ten radio buttons: keyboard users move with the arrow keys, as in any radio group.
export async function ratingDialog(title, current) {
  const choices = h(
    'fieldset',
    { class: 'stars' },
    h('legend', {}, t('ratingHint')),
    Array.from({ length: 10 }, (_, index) => {
      const value = index + 1;
      return h(
        'label',
        { class: 'star' },
        h('input', { type: 'radio', name: 'rating', value: String(value), checked: value === current, 'aria-label': t('stars', { n: value }) }),
        h('span', { 'aria-hidden': 'true' }, String(value)),
      );
    }),
  );
  const submit = h('button', { value: 'rate', class: 'button primary', disabled: !current }, t('rate'));
  choices.addEventListener('change', () => {
    submit.disabled = false;
  });
  const answer = await modal(title, choices, [h('button', { value: 'cancel', class: 'button' }, t('cancel')), submit]);
  if (answer !== 'rate') return null;
  return Number(choices.querySelector('input:checked')?.value) || null;
}

// Grid posters at TMDB's 342-px size rather than the original file, which can be megabytes.
export function posterUrl(path) {
  return path ? path.replace('/t/p/original/', '/t/p/w342/') : null;
}

// The poster box keeps its 2:3 shape while the image loads, so nothing below it moves.
export function poster(movie, className = 'poster') {
  const url = posterUrl(movie.poster_path);
  const box = h('div', { class: `${className} placeholder`, 'aria-hidden': url ? null : 'true' });
  if (url) {
    const image = h('img', { src: url, alt: t('posterOf', { title: movie.primary_title }), loading: 'lazy', decoding: 'async' });
    image.addEventListener('load', () => box.classList.remove('placeholder'));
    image.addEventListener('error', () => image.remove());
    box.append(image);
  } else {
    box.append(h('span', {}, movie.primary_title));
  }
  return box;
}

export function platformBadge(platform) {
  return h('span', { class: `badge platform-${platform.slug ?? 'other'}` }, platform.name);
}

// Saves an authenticated download (a CSV or JSON export) as a file: the answer needs the session's token, so
// it is fetched, then handed to the browser under the server's file name (`fallback` without one).
// Resolves to the name it was saved under.
export async function saveDownload(path, { accept = '*/*', fallback = path.split('/').pop() } = {}) {
  const response = await apiResponse(path, { accept });
  if (!response.ok) throw await refusal(response);
  const name = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? fallback;
  const url = URL.createObjectURL(await response.blob());
  const link = h('a', { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
