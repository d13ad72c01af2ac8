// Today's AI picks: from what streams on my platforms, each with its reason, one click to the watchlist.
// The API answers from the day's stored picks after the first request, so only that one waits for the model.

import { addToWatchlist, lists } from '../actions.js';
import { api, ApiError } from '../api.js';
import { clear, failureMessage, h, platformBadge, poster } from '../dom.js';
import { formatDate, t } from '../i18n.js';

export async function render({ app, fillPage }) {
  const main = fillPage(t('suggestionsTitle'), t('suggestionsSubtitle'));
  const region = h('div', { 'aria-live': 'polite', 'aria-busy': 'true' }, h('p', { class: 'muted' }, t('suggestionsLoading')));
  main.append(region);
  const load = async () => {
    region.setAttribute('aria-busy', 'true');
    clear(region, h('p', { class: 'muted' }, t('suggestionsLoading')));
    try {
      const [answer] = await Promise.all([api('/api/suggestions/'), lists.load()]);
      show(region, answer, app, load);
    } catch (error) {
      clear(region, refusal(error) ?? h('div', { class: 'empty' }, h('p', { role: 'alert' }, failureMessage(error)), retryButton(load)));
    }
    region.setAttribute('aria-busy', 'false');
  };
  await load();
}

function retryButton(load) {
  return h('button', { type: 'button', class: 'button', onclick: load }, t('retry'));
}

// The API's two 404s: what to do first, with the way there.
function refusal(error) {
  if (!(error instanceof ApiError) || error.status !== 404) return null;
  const platforms = String(error.body?.error ?? '').includes('VOD platform');
  return h(
    'div',
    { class: 'empty' },
    h('p', {}, t(platforms ? 'suggestionsNeedPlatforms' : 'suggestionsNeedMovies')),
    h('a', { href: platforms ? '/app/profile' : '/app/onvod' }, t(platforms ? 'goToProfile' : 'navOnVod')),
  );
}

function show(region, answer, app, load) {
  if (answer.suggestions.length === 0) {
    clear(region, h('div', { class: 'empty' }, h('p', {}, t('suggestionsNone')), retryButton(load)));
    return;
  }
  clear(
    region,
    h('p', { class: 'count' }, t('suggestionsNext', { time: formatDate(answer.expires_at) })),
    h('ul', { class: 'grid suggestions' }, answer.suggestions.map((suggestion) => card(suggestion, app))),
  );
}

function card(suggestion, app) {
  const title = suggestion.primary_title;
  const meta = [suggestion.start_year, (suggestion.genres ?? []).join(', ')].filter(Boolean).join(' · ');
  const streaming = suggestion.availability.map((row) => app.platformById(row.platform_id)).filter(Boolean);
  const known = lists.of(suggestion.tconst);
  const add = h('button', { type: 'button', class: 'button small primary', disabled: Boolean(known), 'aria-label': t('addWatchlistLabel', { title }) }, known ? t('onWatchlist') : t('addWatchlist'));
  add.addEventListener('click', async () => {
    add.disabled = true;
    const entry = await addToWatchlist(suggestion, { fromSuggestion: true });
    if (entry) add.textContent = t('onWatchlist');
    else add.disabled = false;
  });
  return h(
    'li',
    { class: 'card', 'data-tconst': suggestion.tconst },
    poster(suggestion),
    h(
      'div',
      { class: 'card-body' },
      h('h2', { class: 'card-title' }, title),
      meta ? h('p', { class: 'muted' }, meta) : null,
      h('p', { class: 'justification' }, suggestion.justification),
      streaming.length ? h('p', { class: 'badges', 'aria-label': t('streamsOn', { platforms: streaming.map((platform) => platform.name).join(', ') }) }, streaming.map(platformBadge)) : null,
      h('div', { class: 'actions' }, add),
    ),
  );
}
