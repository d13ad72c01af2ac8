// Import and export: bring ratings and a watchlist from IMDb or Letterboxd, and take everything away.
//
// An import is previewed first (a dry run: exactly what would change, what is skipped and why, which rows
// are malformed), then applied. Letterboxd names films by title and year; the ones that fit no single movie
// come back for review, where the user picks the movie (or searches for it) and the choices are applied.

import { api } from '../api.js';
import { clear, failureMessage, h, saveDownload, toast } from '../dom.js';
import { t } from '../i18n.js';

const LETTERBOXD_FILES = ['watched.csv', 'watchlist.csv', 'diary.csv', 'ratings.csv'];
// Long lists are cut on the page; the counts above them stay whole.
const SHOWN_ROWS = 100;

export function render({ fillPage }) {
  const main = fillPage(t('importTitle'), t('importSubtitle'));
  main.classList.add('narrow');
  const results = h('div', { id: 'import-results', 'aria-live': 'polite' });
  main.append(importCard(results), results, exportCard());
}

function importCard(results) {
  const source = h(
    'fieldset',
    { class: 'checks' },
    h('legend', {}, t('importSource')),
    ...[['imdb', 'IMDb'], ['letterboxd', 'Letterboxd']].map(([value, label], index) =>
      h('label', { class: 'field check' }, h('input', { type: 'radio', name: 'source', value, checked: index === 0 }), label),
    ),
  );
  const file = h('input', { type: 'file', id: 'import-file', name: 'file', accept: '.csv,.zip,text/csv,application/zip', required: true });
  const hint = h('p', { class: 'muted', id: 'import-hint' });
  // A single Letterboxd CSV: which of its files it is (watched.csv and watchlist.csv look alike).
  const which = h('select', { id: 'import-which', name: 'which' }, ...LETTERBOXD_FILES.map((name) => h('option', { value: name }, name)));
  const whichField = h('div', { class: 'field', hidden: true }, h('label', { for: 'import-which' }, t('importWhich')), which);
  const preview = h('button', { type: 'submit', class: 'button primary' }, t('importPreview'));
  const form = h(
    'form',
    { class: 'card form', novalidate: true },
    h('h2', {}, t('importHeading')),
    source,
    h('div', { class: 'field' }, h('label', { for: 'import-file' }, t('importFile')), file),
    hint,
    whichField,
    preview,
  );
  const chosenSource = () => form.querySelector('input[name=source]:checked').value;
  const update = () => {
    const picked = file.files[0];
    const letterboxdCsv = chosenSource() === 'letterboxd' && picked && !/\.zip$/i.test(picked.name);
    whichField.hidden = !letterboxdCsv;
    if (letterboxdCsv && LETTERBOXD_FILES.includes(picked.name.toLowerCase())) which.value = picked.name.toLowerCase();
    hint.textContent = t(chosenSource() === 'imdb' ? 'importHintImdb' : 'importHintLetterboxd');
  };
  form.addEventListener('change', update);
  update();

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const picked = file.files[0];
    if (!picked) {
      toast(t('importNoFile'), { type: 'error' });
      return;
    }
    const query = new URLSearchParams({ source: chosenSource() });
    if (!whichField.hidden) query.set('file', which.value);
    preview.disabled = true;
    try {
      const summary = await upload(query, picked, true);
      clear(results, previewSection(summary, async (button) => {
        button.disabled = true;
        try {
          const done = await upload(query, picked, false);
          clear(results, doneSection(done, results));
          toast(t('importDone', { added: done.added, updated: done.updated }), { type: 'success' });
        } catch (error) {
          toast(failureMessage(error), { type: 'error' });
          button.disabled = false;
        }
      }));
      results.querySelector('h2')?.focus();
    } catch (error) {
      clear(results);
      toast(failureMessage(error), { type: 'error' });
    } finally {
      preview.disabled = false;
    }
  });
  return form;
}

function upload(query, picked, dryRun) {
  query.set('dry_run', dryRun ? 'true' : 'false');
  const type = picked.type || (/\.zip$/i.test(picked.name) ? 'application/zip' : 'text/csv');
  return api(`/api/imports/?${query}`, { method: 'POST', body: new Blob([picked], { type }) });
}

function counts(summary) {
  const figure = (key, value) => h('div', { class: 'figure' }, h('strong', {}, String(value)), h('span', {}, t(key)));
  return h(
    'div',
    { class: 'figures' },
    figure('importAdded', summary.added),
    figure('importUpdated', summary.updated),
    figure('importUnchanged', summary.unchanged),
    figure('importSkipped', summary.skipped.length),
    figure('importMalformed', summary.error_count),
    figure('importReview', summary.needs_review.length),
  );
}

function movieLabel(title, year) {
  return year ? `${title} (${year})` : title;
}

function changeTable(changes) {
  if (changes.length === 0) return h('p', { class: 'muted' }, t('importNothingChanges'));
  const rows = changes.slice(0, SHOWN_ROWS).map((change) =>
    h(
      'tr',
      {},
      h('td', {}, movieLabel(change.primary_title, change.start_year)),
      h('td', {}, t(change.change === 'added' ? 'importChangeAdded' : 'importChangeUpdated')),
      h('td', {}, t(change.list === 'watched' ? 'navWatched' : 'navWatchlist')),
      h('td', {}, (change.watched_at ?? change.watchlisted_at ?? '').slice(0, 10)),
      h('td', {}, change.user_rating ? `${change.user_rating}/10` : ''),
    ),
  );
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { id: 'import-changes' },
      h('thead', {}, h('tr', {}, ...['importColMovie', 'importColChange', 'importColList', 'importColDate', 'importColRating'].map((key) => h('th', {}, t(key))))),
      h('tbody', {}, rows),
    ),
    more(changes.length),
  );
}

function more(total) {
  return total > SHOWN_ROWS ? h('p', { class: 'muted' }, t('importMore', { count: total - SHOWN_ROWS })) : '';
}

function problemList(summary) {
  const skipped = summary.skipped.map((row) =>
    h('li', {}, `${row.file}, ${t('importLine', { line: row.line })}: ${movieLabel(row.title || row.tconst, row.year)}: ${t(row.reason === 'not_a_movie' ? 'importNotAMovie' : 'importNotInCatalog')}`),
  );
  const malformed = summary.errors.map((problem) => h('li', {}, `${problem.file}, ${t('importLine', { line: problem.line })}: ${problem.message}`));
  return [
    skipped.length ? h('details', { id: 'import-skipped' }, h('summary', {}, t('importSkippedList', { count: skipped.length })), h('ul', {}, skipped.slice(0, SHOWN_ROWS)), more(skipped.length)) : '',
    malformed.length
      ? h('details', { id: 'import-malformed' }, h('summary', {}, t('importMalformedList', { count: summary.error_count })), h('ul', {}, malformed.slice(0, SHOWN_ROWS)), more(summary.error_count))
      : '',
  ];
}

function previewSection(summary, apply) {
  const changing = summary.added + summary.updated;
  const button = h('button', { type: 'button', class: 'button primary', id: 'import-apply', disabled: changing === 0 && summary.needs_review.length === 0 }, t('importApply', { count: changing }));
  button.addEventListener('click', () => apply(button));
  return h(
    'section',
    { class: 'card', id: 'import-preview' },
    h('h2', { tabindex: '-1' }, t('importPreviewHeading')),
    counts(summary),
    summary.needs_review.length ? h('p', {}, t('importReviewLater', { count: summary.needs_review.length })) : '',
    changeTable(summary.changes),
    problemList(summary),
    button,
  );
}

function doneSection(summary, results) {
  return h(
    'section',
    { class: 'card', id: 'import-done' },
    h('h2', { tabindex: '-1' }, t('importDoneHeading')),
    counts(summary),
    summary.needs_review.length ? reviewForm(summary.needs_review, results) : '',
  );
}

// One fieldset per film: its candidates, "search for it" and "skip". The choice is applied to every row
// that named the film, through the stateless resolve call.
function reviewForm(items, results) {
  const choices = new Map();
  const fieldsets = items.map((item, index) => {
    const name = `review-${index}`;
    const options = h('div', { class: 'review-options' });
    const option = (value, label) => h('label', { class: 'field check' }, h('input', { type: 'radio', name, value, checked: value === '' }), label);
    const addCandidate = (movie) => options.append(option(movie.tconst, candidateLabel(movie)));
    options.append(option('', t('importSkipFilm')));
    item.candidates.forEach(addCandidate);
    const search = h('input', { type: 'search', 'aria-label': t('importSearchFor', { title: item.title }), placeholder: t('importSearch') });
    const find = h('button', { type: 'button', class: 'button' }, t('importFind'));
    find.addEventListener('click', async () => {
      try {
        const found = await api(`/api/movies/?search=${encodeURIComponent(search.value || item.title)}`);
        const known = new Set([...options.querySelectorAll('input')].map((input) => input.value));
        found.filter((movie) => !known.has(movie.tconst)).slice(0, 5).forEach(addCandidate);
        if (found.length === 0) toast(t('importNothingFound'), { type: 'error' });
      } catch (error) {
        toast(failureMessage(error), { type: 'error' });
      }
    });
    options.addEventListener('change', (event) => choices.set(index, event.target.value));
    const rows = item.rows.map((row) => `${t(row.list === 'watchlist' ? 'navWatchlist' : 'navWatched')} ${row.date}${row.rating ? `, ${row.rating}/10` : ''}`);
    return h(
      'fieldset',
      { class: 'card review' },
      h('legend', {}, movieLabel(item.title, item.year)),
      h('p', { class: 'muted' }, `${item.rows[0].file}, ${t('importLine', { line: item.rows[0].line })}: ${rows.join('; ')}`),
      item.candidates.length ? '' : h('p', {}, t('importNoCandidates')),
      options,
      h('div', { class: 'field inline' }, search, find),
    );
  });
  const submit = h('button', { type: 'submit', class: 'button primary' }, t('importApplyChoices'));
  const form = h('form', { id: 'import-review' }, h('h3', {}, t('importReviewHeading')), fieldsets, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const entries = [];
    for (const [index, tconst] of choices) {
      if (!tconst) continue;
      for (const row of items[index].rows) entries.push({ tconst, list: row.list, rating: row.rating, date: row.date });
    }
    if (entries.length === 0) {
      toast(t('importNothingChosen'), { type: 'error' });
      return;
    }
    submit.disabled = true;
    try {
      const done = await api('/api/imports/resolve/', { method: 'POST', body: { entries } });
      clear(results, h('section', { class: 'card', id: 'import-resolved' }, h('h2', { tabindex: '-1' }, t('importResolvedHeading')), counts(done)));
      toast(t('importDone', { added: done.added, updated: done.updated }), { type: 'success' });
    } catch (error) {
      toast(failureMessage(error), { type: 'error' });
      submit.disabled = false;
    }
  });
  return form;
}

function candidateLabel(movie) {
  const label = movieLabel(movie.primary_title, movie.start_year);
  return movie.original_title && movie.original_title !== movie.primary_title ? `${label}, ${movie.original_title}` : label;
}

function exportCard() {
  const download = (path, label) => {
    const button = h('button', { type: 'button', class: 'button' }, label);
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        await saveDownload(path);
      } catch (error) {
        toast(failureMessage(error), { type: 'error' });
      } finally {
        button.disabled = false;
      }
    });
    return button;
  };
  return h(
    'section',
    { class: 'card', id: 'export' },
    h('h2', {}, t('exportHeading')),
    h('p', { class: 'muted' }, t('exportText')),
    h(
      'div',
      { class: 'actions' },
      download('/api/exports/ratings.csv', t('exportRatings')),
      download('/api/exports/watchlist.csv', t('exportWatchlist')),
      download('/api/exports/my-data.json', t('exportData')),
    ),
  );
}
