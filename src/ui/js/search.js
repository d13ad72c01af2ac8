// Search as you type, in the header of every app page. Each keystroke waits a moment (typing fast sends
// one request, not ten) and cancels the request still running for older text, so a slow answer never
// overwrites a newer one. Results act on the spot: add, mark watched, rate; a result already on a list
// says so. Keyboard: arrow down from the box into the results, up and down between them, Escape back.

import { addAsWatched, addToWatchlist, lists, rateMovie } from './actions.js';
import { api, query } from './api.js';
import { clear, failureMessage, h, poster } from './dom.js';
import { t } from './i18n.js';

const DEBOUNCE_MS = 250;
const MIN_LENGTH = 2;

export function searchBox() {
  const input = h('input', {
    id: 'search-input',
    type: 'search',
    autocomplete: 'off',
    placeholder: t('searchPlaceholder'),
    'aria-controls': 'search-results',
    'aria-expanded': 'false',
  });
  const status = h('p', { class: 'visually-hidden', 'aria-live': 'polite' });
  const results = h('div', { id: 'search-results', class: 'search-results', hidden: true });
  const box = h('div', { class: 'search', role: 'search' }, h('label', { for: 'search-input', class: 'visually-hidden' }, t('searchLabel')), input, status, results);
  let timer = null;
  let running = null;
  let lastMovies = [];

  const close = () => {
    results.hidden = true;
    input.setAttribute('aria-expanded', 'false');
  };
  const open = () => {
    results.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  };

  // Puts the keyboard back on the button with this label in the movie's row, or the row's first live
  // button, or the search box when the row is gone.
  const refocus = (tconst, label) => {
    const row = results.querySelector(`li[data-tconst="${CSS.escape(tconst)}"]`);
    const same = row?.querySelector(`button[aria-label="${CSS.escape(label)}"]:not(:disabled)`);
    (same ?? row?.querySelector('button:not(:disabled)') ?? input).focus();
  };
  // A redraw keeps the keyboard where it was: an answer for the last keystrokes can arrive after the
  // user has already arrowed down into the results of the ones before.
  const show = (movies) => {
    const focused = results.contains(document.activeElement) ? document.activeElement : null;
    lastMovies = movies;
    status.textContent = movies.length ? t('searchCount', { n: movies.length }) : t('searchNone');
    clear(results, movies.length ? h('ul', {}, movies.map((movie) => resultRow(movie, afterAction))) : h('p', { class: 'muted' }, t('searchNone')));
    open();
    if (focused) refocus(focused.closest('li')?.dataset.tconst ?? '', focused.getAttribute('aria-label') ?? '');
  };
  // Redraws the results with the movie's new state and keeps the keyboard on the same action; the page
  // underneath (a watchlist, say) hears of the change and reloads.
  const afterAction = (tconst, label) => {
    show(lastMovies);
    refocus(tconst, label);
    document.dispatchEvent(new CustomEvent('myvod:lists-changed'));
  };

  const search = async (text) => {
    running?.abort();
    const controller = new AbortController();
    running = controller;
    input.parentElement.classList.add('busy');
    try {
      const [movies] = await Promise.all([api(`/api/movies/${query({ search: text })}`, { signal: controller.signal }), lists.load()]);
      if (running === controller) show(movies);
    } catch (error) {
      if (error.name === 'AbortError') return;
      clear(results, h('p', { class: 'error', role: 'alert' }, failureMessage(error)));
      open();
    } finally {
      if (running === controller) input.parentElement.classList.remove('busy');
    }
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    const text = input.value.trim();
    if (text.length < MIN_LENGTH) {
      running?.abort();
      close();
      return;
    }
    timer = setTimeout(() => search(text), DEBOUNCE_MS);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' && !results.hidden) {
      event.preventDefault();
      results.querySelector('button:not(:disabled)')?.focus();
    } else if (event.key === 'Escape') {
      close();
    }
  });
  input.addEventListener('focus', () => {
    if (lastMovies.length && input.value.trim().length >= MIN_LENGTH) open();
  });
  results.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      input.focus();
      close();
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const rows = [...results.querySelectorAll('li')];
    const current = rows.indexOf(document.activeElement.closest('li'));
    const next = rows[current + (event.key === 'ArrowDown' ? 1 : -1)];
    if (next) next.querySelector('button:not(:disabled)')?.focus();
    else if (event.key === 'ArrowUp') input.focus();
  });
  document.addEventListener('click', (event) => {
    if (!box.contains(event.target)) close();
  });
  box.addEventListener('focusout', (event) => {
    if (!box.contains(event.relatedTarget) && event.relatedTarget) close();
  });
  return box;
}

function resultRow(movie, afterAction) {
  const known = lists.of(movie.tconst);
  const title = movie.primary_title;
  const run = (action) => async (event) => {
    const label = event.currentTarget.getAttribute('aria-label');
    const row = event.currentTarget.closest('li');
    row.querySelectorAll('button').forEach((button) => (button.disabled = true));
    await action();
    afterAction(movie.tconst, label);
  };
  const state = known?.state === 'watched'
    ? h('span', { class: 'badge state' }, known.rating ? `${t('watchedBadge')} · ★ ${known.rating}` : t('watchedBadge'))
    : known?.state === 'watchlist'
      ? h('span', { class: 'badge state' }, t('onWatchlist'))
      : null;
  return h(
    'li',
    { class: 'result', 'data-tconst': movie.tconst },
    poster(movie, 'thumb'),
    h('div', { class: 'result-text' }, h('strong', {}, title), h('span', { class: 'muted' }, [movie.start_year, movie.avg_rating ? `★ ${movie.avg_rating}` : t('noRating')].filter(Boolean).join(' · ')), state),
    h(
      'div',
      { class: 'result-actions' },
      h('button', { type: 'button', class: 'button small', disabled: Boolean(known), 'aria-label': t('addWatchlistLabel', { title }), onclick: run(() => addToWatchlist(movie)) }, t('addWatchlist')),
      h('button', { type: 'button', class: 'button small', disabled: known?.state === 'watched', 'aria-label': t('addWatchedLabel', { title }), onclick: run(() => addAsWatched(movie)) }, t('addWatched')),
      h('button', { type: 'button', class: 'button small', 'aria-label': t('rateLabel', { title }), onclick: run(() => rateMovie(movie, known?.rating)) }, t('rate')),
    ),
  );
}
