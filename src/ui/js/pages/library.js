// The three poster grids: the watchlist, the watched history and what streams on my platforms now.
// Filters and order live in the page's URL (in the API's own parameter names), so a reload or a shared
// link shows the same list; the server filters, sorts and counts, so the count is always the truth.

import { addAsWatched, addToWatchlist, markWatched, rateMovie, removeEntry, restoreToWatchlist } from '../actions.js';
import { api, nextPath, query } from '../api.js';
import { failureMessage, h, platformBadge, poster } from '../dom.js';
import { t } from '../i18n.js';

// The API allows 100 a page: a watchlist of that size arrives in one answer.
const PAGE_SIZE = 100;

const userMovieOrderings = [
  ['-watchlisted_at', 'orderWatchlisted'],
  ['-watched_at', 'orderWatchedAt'],
  ['-user_rating', 'orderUserRating'],
  ['-tconst__avg_rating', 'orderImdb'],
  ['-tconst__start_year', 'orderYearDesc'],
  ['tconst__start_year', 'orderYearAsc'],
];

const kinds = {
  '/app/watchlist': {
    title: 'watchlistTitle',
    subtitle: 'watchlistSubtitle',
    endpoint: '/api/user-movies/',
    fixed: { status: 'watchlist' },
    orderings: userMovieOrderings,
    toggles: [['is_available', 'availableNow']],
    empty: 'emptyWatchlist',
  },
  '/app/watched': {
    title: 'watchedTitle',
    subtitle: 'watchedSubtitle',
    endpoint: '/api/user-movies/',
    fixed: { status: 'watched' },
    orderings: [userMovieOrderings[1], ...userMovieOrderings.filter((_, index) => index !== 1)],
    toggles: [],
    empty: 'emptyWatched',
  },
  '/app/onvod': {
    title: 'onVodTitle',
    subtitle: 'onVodSubtitle',
    endpoint: '/api/on-vod-movies/',
    fixed: {},
    orderings: [
      ['added_desc', 'orderAvailability'],
      ['imdb_desc', 'orderImdb'],
      ['year_desc', 'orderYearDesc'],
      ['year_asc', 'orderYearAsc'],
    ],
    toggles: [
      ['exclude_watched', 'excludeWatched'],
      ['exclude_watchlisted', 'excludeWatchlisted'],
      ['exclude_unassigned', 'onlyMine'],
    ],
    empty: 'emptyOnVod',
  },
};

let genres = null;

export async function render({ path, params, app, navigate, fillPage }) {
  const kind = kinds[path];
  const main = fillPage(t(kind.title), t(kind.subtitle));
  const mine = app.me.platforms.map((platform) => platform.id);
  const filters = {
    ordering: kind.orderings.some(([value]) => value === params.get('ordering')) ? params.get('ordering') : kind.orderings[0][0],
    platform_ids: mine.includes(Number(params.get('platform_ids'))) ? params.get('platform_ids') : '',
    genres: params.get('genres') ?? '',
    ...Object.fromEntries(kind.toggles.map(([name]) => [name, params.get(name) === 'true'])),
  };
  // The genre names (for the filter) and the first page are asked for together.
  genres ??= api('/api/movies/genres/').then(
    (list) => list.map((genre) => genre.name),
    (error) => {
      genres = null;
      throw error;
    },
  );

  const count = h('p', { class: 'count', 'aria-live': 'polite' });
  const grid = h('ul', { class: 'grid', 'aria-busy': 'true' });
  const more = h('button', { type: 'button', class: 'button wide', hidden: true }, t('loadMore'));
  const sentinel = h('div', { class: 'sentinel' });
  const bar = filterBar(kind, filters, app, (changed) => navigate(path + query({ ...filters, ...changed }), { replace: true }));
  main.append(bar, count, grid, more, sentinel);

  let next = null;
  let total = 0;
  let loading = false;
  const apiFilters = {
    ...kind.fixed,
    ...filters,
    // On VOD means on MY platforms unless one is picked; the API alone would list every platform.
    platform_ids: filters.platform_ids || (path === '/app/onvod' ? mine.join(',') : ''),
    page_size: PAGE_SIZE,
  };
  const showCount = () => {
    count.textContent = t('shown', { shown: grid.children.length, count: total });
  };
  const load = async (url) => {
    loading = true;
    grid.setAttribute('aria-busy', 'true');
    try {
      const page = await api(url);
      total = page.count;
      next = nextPath(page);
      grid.append(...page.results.map((entry) => card(entry, context)));
      if (grid.children.length === 0) grid.replaceWith(emptyState(kind, filters));
      showCount();
    } catch (error) {
      grid.after(h('p', { class: 'alert alert-error', role: 'alert' }, failureMessage(error)));
    } finally {
      loading = false;
      grid.setAttribute('aria-busy', 'false');
      more.hidden = !next;
    }
  };
  const reload = () => navigate(location.pathname + location.search, { replace: true });
  const context = {
    page: path,
    mine,
    app,
    reload,
    // The entry left this list: its card goes at once, the count follows.
    dropped: (item) => {
      item.remove();
      total -= 1;
      showCount();
      if (grid.children.length === 0 && !next) grid.replaceWith(emptyState(kind, filters));
    },
  };

  more.addEventListener('click', () => next && !loading && load(next));
  // Endless scroll for pointer users; the button above does the same for keyboards.
  const observer = new IntersectionObserver((seen) => {
    if (seen.some((entry) => entry.isIntersecting) && next && !loading) load(next);
  }, { rootMargin: '600px' });
  observer.observe(sentinel);
  document.addEventListener('myvod:lists-changed', reload);

  // The genre choices join their select when they arrive; the bar itself is there from the start, so
  // nothing below it moves.
  const fillGenres = genres.then((names) => {
    const select = bar.querySelector('#filter-genre');
    select.append(...names.map((name) => h('option', { value: name }, name)));
    select.value = filters.genres;
  });
  await Promise.all([fillGenres, load(kind.endpoint + query(apiFilters))]);
  return () => {
    observer.disconnect();
    document.removeEventListener('myvod:lists-changed', reload);
  };
}

function filterBar(kind, filters, app, apply) {
  const select = (id, label, options, value, name) => {
    const control = h('select', { id }, options.map(([optionValue, text]) => h('option', { value: optionValue, selected: optionValue === value }, text)));
    control.addEventListener('change', () => apply({ [name]: control.value }));
    return h('div', { class: 'field inline' }, h('label', { for: id }, label), control);
  };
  const toggles = kind.toggles.map(([name, label]) => {
    const input = h('input', { type: 'checkbox', id: `filter-${name}`, checked: filters[name] });
    input.addEventListener('change', () => apply({ [name]: input.checked }));
    return h('div', { class: 'field check' }, input, h('label', { for: `filter-${name}` }, t(label)));
  });
  return h(
    'div',
    { class: 'filters' },
    select('filter-platform', t('platforms'), [['', t('allPlatforms')], ...app.me.platforms.map((platform) => [String(platform.id), platform.platform_name])], filters.platform_ids, 'platform_ids'),
    select('filter-genre', t('genre'), [['', t('allGenres')]], filters.genres, 'genres'),
    select('filter-ordering', t('ordering'), kind.orderings.map(([value, label]) => [value, t(label)]), filters.ordering, 'ordering'),
    toggles,
  );
}

function emptyState(kind, filters) {
  const filtered = filters.platform_ids || filters.genres || Object.values(filters).some((value) => value === true);
  // An empty watchlist or history (not an empty filter) is where a newcomer may bring their lists from elsewhere.
  const bringLists = !filtered && kind.empty !== 'emptyOnVod' ? h('p', {}, h('a', { href: '/app/import' }, t('emptyImport'))) : '';
  return h('div', { class: 'empty' }, h('p', {}, t(filtered ? 'emptyFiltered' : kind.empty)), bringLists);
}

// Which of my platforms stream it now: the API lists rows of every state, and falls back to other
// platforms when mine have none.
function streamingOnMine(entry, context) {
  return entry.availability
    .filter((row) => row.is_available === true && context.mine.includes(row.platform_id))
    .map((row) => context.app.platformById(row.platform_id))
    .filter(Boolean);
}

function card(entry, context) {
  const movie = entry.movie;
  const title = movie.primary_title;
  const streaming = streamingOnMine(entry, context);
  const item = h('li', { class: 'card', 'data-tconst': movie.tconst });
  const meta = [movie.start_year, (movie.genres ?? []).join(', ')].filter(Boolean).join(' · ');
  item.append(
    poster(movie),
    h(
      'div',
      { class: 'card-body' },
      h('h2', { class: 'card-title' }, title),
      meta ? h('p', { class: 'muted' }, meta) : null,
      h('p', { class: 'ratings' }, h('span', { class: 'imdb' }, movie.avg_rating ? `★ ${t('imdb', { rating: movie.avg_rating })}` : t('noRating')), entry.user_rating ? h('span', { class: 'mine' }, t('yourRating', { rating: entry.user_rating })) : null),
      streaming.length
        ? h('p', { class: 'badges', 'aria-label': t('streamsOn', { platforms: streaming.map((platform) => platform.name).join(', ') }) }, streaming.map(platformBadge))
        : h('p', { class: 'muted small' }, t('notStreaming')),
      h('div', { class: 'actions' }, actionsFor(entry, item, context)),
    ),
  );
  return item;
}

function button(label, ariaLabel, onclick, className = '') {
  return h('button', { type: 'button', class: `button small ${className}`, 'aria-label': ariaLabel, onclick }, label);
}

// The buttons a card offers depend on the page and on where the movie stands for me.
function actionsFor(entry, item, context) {
  const movie = entry.movie;
  const title = movie.primary_title;
  // Runs an action with the card's buttons disabled; `after` gets the API's new entry.
  const act = (action, after) => async () => {
    item.querySelectorAll('button').forEach((control) => (control.disabled = true));
    const result = await action();
    if (result) after(result);
    else item.querySelectorAll('button').forEach((control) => (control.disabled = false));
  };
  const drop = () => context.dropped(item);
  const replace = (updated) => item.replaceWith(card({ ...entry, ...updated }, context));
  const rate = button(t('rate'), t('rateLabel', { title }), act(() => rateMovie(movie, entry.user_rating), context.page === '/app/watchlist' ? drop : replace));

  if (context.page === '/app/watchlist') {
    return [
      button(t('markWatched'), t('markWatchedLabel', { title }), act(() => markWatched(entry, context.reload), drop), 'primary'),
      rate,
      button(t('remove'), t('removeLabel', { title }), act(() => removeEntry(entry, context.reload), drop), 'danger'),
    ];
  }
  if (context.page === '/app/watched') {
    return [
      rate,
      button(t('restore'), t('restoreLabel', { title }), act(() => restoreToWatchlist(entry, context.reload), drop)),
      button(t('remove'), t('removeLabel', { title }), act(() => removeEntry(entry, context.reload), drop), 'danger'),
    ];
  }
  if (entry.watched_at) return [h('span', { class: 'badge state' }, t('watchedBadge')), rate];
  if (entry.watchlisted_at) {
    return [
      h('span', { class: 'badge state' }, t('onWatchlist')),
      button(t('markWatched'), t('markWatchedLabel', { title }), act(() => markWatched(entry, context.reload), replace), 'primary'),
    ];
  }
  return [
    button(t('addWatchlist'), t('addWatchlistLabel', { title }), act(() => addToWatchlist(movie), replace), 'primary'),
    button(t('addWatched'), t('addWatchedLabel', { title }), act(() => addAsWatched(movie), replace)),
    rate,
  ];
}
