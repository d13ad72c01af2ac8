// What a user does to a movie, in one place for every page: the API call, the toast in the original
// client's tone, and an undo where the API can take the step back. Each action also updates `lists`,
// which search results read to show that a movie is already on a list.

import { api, ApiError, everyPage } from './api.js';
import { ratingDialog, toast, toastFailure } from './dom.js';
import { t } from './i18n.js';

// tconst -> {id, state: 'watchlist' | 'watched', rating}
const entries = new Map();
let loading = null;

export const lists = {
  load() {
    loading ??= Promise.all([
      everyPage('/api/user-movies/?status=watchlist&page_size=100'),
      everyPage('/api/user-movies/?status=watched&page_size=100'),
    ]).then(([watchlist, watched]) => [...watchlist, ...watched].forEach(remember), (error) => {
      loading = null;
      throw error;
    });
    return loading;
  },
  of(tconst) {
    return entries.get(tconst) ?? null;
  },
  forgetAll() {
    entries.clear();
    loading = null;
  },
};

function remember(entry) {
  const state = entry.watched_at ? 'watched' : entry.watchlisted_at ? 'watchlist' : null;
  if (state) entries.set(entry.movie.tconst, { id: entry.id, state, rating: entry.user_rating });
  else entries.delete(entry.movie.tconst);
  return entry;
}

// Runs one call; on failure shows why and answers null, so callers can put the screen back.
async function attempt(call, success) {
  try {
    const entry = await call();
    if (entry) remember(entry);
    success?.(entry);
    return entry;
  } catch (error) {
    toastFailure(error);
    return null;
  }
}

// A 409 is not a failure to the user: the movie is where they wanted it. `fromSuggestion` marks an add
// from today's AI picks (the server counts those).
export async function addToWatchlist(movie, { fromSuggestion = false } = {}) {
  const body = fromSuggestion ? { tconst: movie.tconst, added_from_ai_suggestion: true } : { tconst: movie.tconst };
  try {
    const entry = remember(await api('/api/user-movies/', { method: 'POST', body }));
    toast(t('toastAdded', { title: movie.primary_title }), { type: 'success' });
    return entry;
  } catch (error) {
    if (error instanceof ApiError && error.status === 409) toast(t('toastAlready', { title: movie.primary_title }));
    else toastFailure(error);
    return null;
  }
}

export function addAsWatched(movie) {
  return attempt(
    () => api('/api/user-movies/', { method: 'POST', body: { tconst: movie.tconst, action: 'mark_as_watched' } }),
    () => toast(t('toastWatched', { title: movie.primary_title }), { type: 'success' }),
  );
}

// One call for both cases: rating a watched movie changes the rating, rating any other marks it watched
// too (the API's rule for POST with a rating).
export async function rateMovie(movie, current) {
  const rating = await ratingDialog(t('ratingTitle', { title: movie.primary_title }), current);
  if (!rating) return null;
  return attempt(
    () => api('/api/user-movies/', { method: 'POST', body: { tconst: movie.tconst, rating } }),
    () => toast(t('toastRated', { title: movie.primary_title, rating }), { type: 'success' }),
  );
}

// The POST that makes a movie watched again, with the rating it had.
function watchedAgain(entry) {
  const tconst = entry.movie.tconst;
  return entry.user_rating ? { tconst, rating: entry.user_rating } : { tconst, action: 'mark_as_watched' };
}

function patch(entry, action) {
  return () => api(`/api/user-movies/${entry.id}/`, { method: 'PATCH', body: { action } });
}

// `onUndone` puts the entry back on the page that removed it.
export function markWatched(entry, onUndone) {
  const title = entry.movie.primary_title;
  return attempt(patch(entry, 'mark_as_watched'), () =>
    toast(t('toastWatched', { title }), {
      type: 'success',
      action: { label: t('undo'), run: () => attempt(patch(entry, 'restore_to_watchlist'), onUndone) },
    }),
  );
}

export function restoreToWatchlist(entry, onUndone) {
  const title = entry.movie.primary_title;
  return attempt(patch(entry, 'restore_to_watchlist'), () =>
    toast(t('toastRestored', { title }), {
      type: 'success',
      action: {
        label: t('undo'),
        run: () => attempt(() => api('/api/user-movies/', { method: 'POST', body: watchedAgain(entry) }), onUndone),
      },
    }),
  );
}

// Removing from the watchlist can be undone (adding again restores the row); removing from the watched
// history can be undone by marking it watched again with the same rating.
export async function removeEntry(entry, onUndone) {
  const title = entry.movie.primary_title;
  try {
    await api(`/api/user-movies/${entry.id}/`, { method: 'DELETE' });
  } catch (error) {
    toastFailure(error);
    return false;
  }
  entries.delete(entry.movie.tconst);
  const body = entry.watched_at ? watchedAgain(entry) : { tconst: entry.movie.tconst };
  toast(t('toastRemoved', { title }), {
    type: 'success',
    action: { label: t('undo'), run: () => attempt(() => api('/api/user-movies/', { method: 'POST', body }), onUndone) },
  });
  return true;
}
