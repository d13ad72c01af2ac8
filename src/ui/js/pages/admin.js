// Staff: how the service is used (analytics.js), the availability sync with its live log, and the background
// jobs' recent runs.

import { api, apiResponse, query, refusal } from '../api.js';
import { clear, failureMessage, h, toast, toastFailure } from '../dom.js';
import { formatDate, t } from '../i18n.js';
import { analyticsSections } from './analytics.js';

const JOBS = ['availability-sync', 'housekeeping', 'posters'];

export async function render({ params, navigate, fillPage, app }) {
  const main = fillPage(t('adminTitle'), t('adminSubtitle'));
  const job = JOBS.includes(params.get('job')) ? params.get('job') : '';
  const select = h('select', { id: 'filter-job' }, [['', t('allJobs')], ...JOBS.map((name) => [name, name])].map(([value, label]) => h('option', { value, selected: value === job }, label)));
  select.addEventListener('change', () => navigate(`/app/admin${query({ job: select.value })}`, { replace: true }));
  const region = h('div', { class: 'table-wrap', 'aria-busy': 'true' });
  const loadRuns = async () => {
    region.setAttribute('aria-busy', 'true');
    try {
      const runs = await api(`/api/admin/jobs/${query({ job, limit: 50 })}`);
      clear(region, runs.length ? runsTable(runs) : h('p', { class: 'muted' }, t('noRuns')));
    } catch (error) {
      clear(region, h('p', { class: 'alert alert-error', role: 'alert' }, failureMessage(error)));
    }
    region.setAttribute('aria-busy', 'false');
  };
  main.append(
    ...analyticsSections(),
    syncSection(app, loadRuns),
    h('section', { class: 'card' }, h('h2', {}, t('jobRuns')), h('div', { class: 'filters' }, h('div', { class: 'field inline' }, h('label', { for: 'filter-job' }, t('job')), select)), region),
  );
  await loadRuns();
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
          h('td', {}, countsText(run.counts)),
          h('td', {}, run.error ?? ''),
        ),
      ),
    ),
  );
}

// A sync counts per platform ({"netflix": {"added": 3, ...}}); other jobs count flat.
function countsText(counts) {
  return Object.entries(counts)
    .map(([name, value]) => (value && typeof value === 'object' ? `${name} (${countsText(value)})` : `${name}: ${value}`))
    .join(', ');
}

// Starts a sync and shows its lines as the server sends them: the answer is a text stream. The runs table
// below is read again when it ends, so the new run shows with its counts.
function syncSection(app, synced) {
  const section = h('section', { class: 'card' }, h('h2', {}, t('syncTitle')), h('p', { class: 'muted' }, t('syncText')));
  if (!app.config.availability_sync) {
    section.append(h('p', { class: 'alert' }, t('syncOff')));
    return section;
  }
  const options = [['__all__', t('allPlatforms')], ...app.platforms.map((platform) => [platform.slug, platform.name])];
  const select = h('select', { id: 'sync-platform', name: 'platform_slug' }, options.map(([value, label]) => h('option', { value }, label)));
  const button = h('button', { type: 'submit', class: 'button' }, t('syncStart'));
  const log = h('pre', { class: 'sync-log', id: 'sync-log', tabindex: '0', 'aria-label': t('syncLog'), 'aria-live': 'polite' });
  const form = h('form', { class: 'filters' }, h('div', { class: 'field inline' }, h('label', { for: 'sync-platform' }, t('syncPlatform')), select), button);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    button.disabled = true;
    button.textContent = t('syncRunning');
    log.textContent = '';
    try {
      const response = await apiResponse('/api/admin/tasks/trigger-availability-sync/', {
        method: 'POST',
        body: { platform_slug: select.value },
        accept: 'text/plain',
      });
      if (!response.ok) throw await refusal(response);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        log.textContent += value;
        log.scrollTop = log.scrollHeight;
      }
      const failed = /^ERROR:/m.test(log.textContent);
      toast(failed ? t('syncFinishedWithErrors') : t('syncFinished'), { type: failed ? 'error' : 'success' });
      synced();
    } catch (error) {
      toastFailure(error);
    } finally {
      button.disabled = false;
      button.textContent = t('syncStart');
    }
  });
  section.append(form, log);
  return section;
}
