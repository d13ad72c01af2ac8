// Staff: how the service is used (figures, sign-ups and retention drawn without a chart library), the most
// wanted and most watched movies, and the integration error log with its filters; both lists download as
// CSV through an authenticated request.

import { api, query } from '../api.js';
import { clear, failureMessage, h, saveDownload, toast, toastFailure } from '../dom.js';
import { formatDate, t } from '../i18n.js';

const BASE = '/admin/analytics/api/';
const API_TYPES = ['tmdb', 'watchmode', 'gemini', 'openai', 'smtp'];
const LOG_PAGE_SIZE = 50;

export function analyticsSections() {
  return [metricsSection(), topMoviesSection(), errorLogSection()];
}

// A region that shows its content, or why it could not be loaded with a way to try again.
function loader(load) {
  const region = h('div', { 'aria-busy': 'true' });
  const run = async () => {
    region.setAttribute('aria-busy', 'true');
    try {
      clear(region, ...[await load()].flat());
    } catch (error) {
      const retry = h('button', { type: 'button', class: 'button small', onclick: run }, t('retry'));
      clear(region, h('p', { class: 'alert alert-error', role: 'alert' }, failureMessage(error), ' ', retry));
    }
    region.setAttribute('aria-busy', 'false');
  };
  run();
  return { region, reload: run };
}

function number(value, digits = 1) {
  return new Intl.NumberFormat(document.documentElement.lang, { maximumFractionDigits: digits }).format(value);
}

function metricsSection() {
  const { region } = loader(async () => {
    const m = await api(`${BASE}metrics/`);
    const card = (label, value, note) => h('div', { class: 'metric' }, h('span', { class: 'metric-label' }, label), h('strong', {}, value), note ? h('span', { class: 'muted' }, note) : null);
    return [
      h(
        'div',
        { class: 'metrics' },
        card(t('metricUsers'), number(m.total_users, 0)),
        card(t('metricNewUsers'), number(m.new_users.today, 0), t('metricNewUsersNote', { week: m.new_users.last_7_days, month: m.new_users.last_30_days })),
        card(t('metricRetention7'), `${number(m.retention_7d_percent)}%`),
        card(t('metricRetention30'), `${number(m.retention_30d_percent)}%`),
        card(t('metricAverage'), number(m.avg_movies_per_user, 2)),
        card(t('metricTenMovies'), `${number(m.pct_users_with_min_10_movies)}%`),
        card(t('metricUsedAi'), `${number(m.pct_users_used_ai)}%`),
        card(t('metricAddedAi'), `${number(m.pct_users_added_ai_movies)}%`),
      ),
      h(
        'div',
        { class: 'charts' },
        barChart(t('chartSignUps'), m.new_users_timeseries.map((day) => ({ label: day.date, values: [day.count] }))),
        barChart(
          t('chartRetention'),
          m.retention_timeseries.map((week) => ({ label: week.date, values: [week.retention_7d, week.retention_30d] })),
          { unit: '%', max: 100, series: [t('within7'), t('within30')] },
        ),
      ),
      h('p', { class: 'muted' }, t('metricsAsOf', { at: formatDate(m.last_updated_at) })),
    ];
  });
  return h('section', { class: 'card', 'aria-labelledby': 'metrics-title' }, h('h2', { id: 'metrics-title' }, t('metricsTitle')), region);
}

// Bars in plain elements; the same numbers are in a table under the chart for screen readers.
function barChart(title, points, { unit = '', max, series } = {}) {
  const top = max ?? Math.max(1, ...points.flatMap((point) => point.values));
  const bars = points.map((point) =>
    h(
      'div',
      { class: 'bar-group', title: `${point.label}: ${point.values.map((value) => `${number(value)}${unit}`).join(' / ')}` },
      point.values.map((value, index) => {
        const bar = h('span', { class: `bar series-${index}` });
        bar.style.height = `${(value / top) * 100}%`;  // through the CSSOM: the CSP refuses style attributes
        return bar;
      }),
    ),
  );
  const table = h(
    'table',
    { class: 'visually-hidden' },
    h('caption', {}, title),
    h('tbody', {}, points.map((point) => h('tr', {}, h('th', { scope: 'row' }, point.label), point.values.map((value) => h('td', {}, `${number(value)}${unit}`))))),
  );
  const legend = series ? h('p', { class: 'legend muted', 'aria-hidden': 'true' }, series.map((name, index) => h('span', { class: `key series-${index}` }, name))) : null;
  return h(
    'figure',
    { class: 'chart' },
    h('figcaption', {}, title),
    points.length ? h('div', { class: 'bars', 'aria-hidden': 'true' }, bars) : h('p', { class: 'muted' }, t('chartEmpty')),
    legend,
    table,
  );
}

// Downloads an authenticated CSV and says under which name it was saved.
async function downloadCsv(path) {
  const name = await saveDownload(path, { accept: 'text/csv', fallback: 'export.csv' });
  toast(t('csvSaved', { name }), { type: 'success' });
}

function csvButton(label, path) {
  const button = h('button', { type: 'button', class: 'button' }, label);
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await downloadCsv(path());
    } catch (error) {
      toastFailure(error);
    } finally {
      button.disabled = false;
    }
  });
  return button;
}

function select(id, label, options, value) {
  const element = h('select', { id }, options.map(([key, text]) => h('option', { value: key, selected: key === value }, text)));
  return { element, field: h('div', { class: 'field inline' }, h('label', { for: id }, label), element) };
}

function topMoviesSection() {
  const list = select('top-type', t('topType'), [['watchlist', t('topWatchlist')], ['watched', t('topWatched')]], 'watchlist');
  const range = select('top-range', t('topRange'), [['7d', t('range7')], ['30d', t('range30')], ['all', t('rangeAll')]], '7d');
  const ask = () => query({ type: list.element.value, range: range.element.value });
  const { region, reload } = loader(async () => {
    const answer = await api(`${BASE}top-movies/${ask()}`);
    if (!answer.items.length) return h('p', { class: 'muted' }, t('topNone'));
    return h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        {},
        h('thead', {}, h('tr', {}, ['#', t('title'), t('year'), answer.type === 'watched' ? t('watches') : t('adds')].map((heading) => h('th', { scope: 'col' }, heading)))),
        h('tbody', {}, answer.items.map((movie, index) => h('tr', {}, h('td', {}, String(index + 1)), h('td', {}, movie.primary_title), h('td', {}, movie.start_year ?? ''), h('td', {}, String(movie.count))))),
      ),
    );
  });
  list.element.addEventListener('change', reload);
  range.element.addEventListener('change', reload);
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'top-title' },
    h('h2', { id: 'top-title' }, t('topTitle')),
    h('div', { class: 'filters' }, list.field, range.field, csvButton(t('exportCsv'), () => `${BASE}top-movies/export.csv${ask()}`)),
    region,
  );
}

function errorLogSection() {
  let page = 1;
  const types = API_TYPES.map((type) => h('input', { type: 'checkbox', value: type, id: `log-type-${type}` }));
  const user = h('input', { id: 'log-user', type: 'text', inputmode: 'text', autocomplete: 'off', spellcheck: false, size: 36 });
  const from = h('input', { id: 'log-from', type: 'date' });
  const to = h('input', { id: 'log-to', type: 'date' });
  const filters = () => ({
    api_type: types.filter((box) => box.checked).map((box) => box.value),
    user_id: user.value.trim() || undefined,
    date_from: from.value || undefined,
    date_to: to.value || undefined,
  });
  const { region, reload } = loader(async () => {
    const answer = await api(`${BASE}error-logs/${query({ ...filters(), page, page_size: LOG_PAGE_SIZE })}`);
    if (!answer.total) return h('p', { class: 'muted' }, t('logsNone'));
    const pager = h(
      'nav',
      { class: 'pager', 'aria-label': t('logsPages') },
      h('button', { type: 'button', class: 'button small', disabled: page <= 1, onclick: () => turn(-1) }, t('previous')),
      h('span', {}, t('pageOf', { page: answer.page, pages: answer.total_pages, total: answer.total })),
      h('button', { type: 'button', class: 'button small', disabled: page >= answer.total_pages, onclick: () => turn(1) }, t('next')),
    );
    return [
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          {},
          h('thead', {}, h('tr', {}, [t('when'), t('apiType'), t('message'), t('userId')].map((heading) => h('th', { scope: 'col' }, heading)))),
          h(
            'tbody',
            {},
            answer.items.map((entry) =>
              h('tr', {}, h('td', {}, formatDate(entry.occurred_at)), h('td', {}, entry.api_type), h('td', { class: 'message' }, entry.error_message), h('td', {}, entry.user_id ?? '')),
            ),
          ),
        ),
      ),
      pager,
    ];
  });
  const turn = (step) => {
    page += step;
    reload();
  };
  const form = h(
    'form',
    { class: 'filters' },
    h('fieldset', { class: 'checks' }, h('legend', {}, t('apiType')), types.map((box) => h('label', { for: box.id }, box, ` ${box.value}`))),
    h('div', { class: 'field inline' }, h('label', { for: 'log-user' }, t('userId')), user),
    h('div', { class: 'field inline' }, h('label', { for: 'log-from' }, t('dateFrom')), from),
    h('div', { class: 'field inline' }, h('label', { for: 'log-to' }, t('dateTo')), to),
    h('button', { type: 'submit', class: 'button' }, t('applyFilters')),
    csvButton(t('exportCsv'), () => `${BASE}error-logs/export.csv${query(filters())}`),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    page = 1;
    reload();
  });
  return h('section', { class: 'card', 'aria-labelledby': 'logs-title' }, h('h2', { id: 'logs-title' }, t('logsTitle')), form, region);
}
