// Staff: the background jobs' recent runs. Analytics, the error log and the availability sync get their
// pages here when their APIs exist, not before.

import { api, query } from '../api.js';
import { clear, failureMessage, h } from '../dom.js';
import { formatDate, t } from '../i18n.js';

const JOBS = ['housekeeping', 'posters'];

export async function render({ params, navigate, fillPage }) {
  const main = fillPage(t('adminTitle'), t('adminSubtitle'));
  const job = JOBS.includes(params.get('job')) ? params.get('job') : '';
  const select = h('select', { id: 'filter-job' }, [['', t('allJobs')], ...JOBS.map((name) => [name, name])].map(([value, label]) => h('option', { value, selected: value === job }, label)));
  select.addEventListener('change', () => navigate(`/app/admin${query({ job: select.value })}`, { replace: true }));
  const region = h('div', { class: 'table-wrap', 'aria-busy': 'true' });
  main.append(h('section', { class: 'card' }, h('h2', {}, t('jobRuns')), h('div', { class: 'filters' }, h('div', { class: 'field inline' }, h('label', { for: 'filter-job' }, t('job')), select)), region));
  try {
    const runs = await api(`/api/admin/jobs/${query({ job, limit: 50 })}`);
    clear(region, runs.length ? runsTable(runs) : h('p', { class: 'muted' }, t('noRuns')));
  } catch (error) {
    clear(region, h('p', { class: 'alert alert-error', role: 'alert' }, failureMessage(error)));
  }
  region.setAttribute('aria-busy', 'false');
}

function runsTable(runs) {
  const headings = ['job', 'trigger', 'started', 'finished', 'outcome', 'counts', 'error'];
  return h(
    'table',
    {},
    h('thead', {}, h('tr', {}, headings.map((key) => h('th', { scope: 'col' }, t(key))))),
    h(
      'tbody',
      {},
      runs.map((run) =>
        h(
          'tr',
          {},
          h('td', {}, run.job),
          h('td', {}, run.trigger),
          h('td', {}, formatDate(run.started_at)),
          h('td', {}, formatDate(run.finished_at)),
          h('td', {}, h('span', { class: `badge outcome-${run.outcome}` }, run.outcome)),
          h('td', {}, Object.entries(run.counts).map(([name, value]) => `${name}: ${value}`).join(', ')),
          h('td', {}, run.error ?? ''),
        ),
      ),
    ),
  );
}
