// "Now streaming on your services": the movies from the user's watchlist that a sync found on one of their
// platforms, newest first, unread ones marked, with mark-as-read one by one or all at once.

import { api, nextPath, query } from '../api.js';
import { refreshBell } from '../bell.js';
import { failureMessage, h, platformBadge, poster, toastFailure } from '../dom.js';
import { formatDate, t } from '../i18n.js';

const PAGE_SIZE = 50;

export async function render({ path, params, navigate, fillPage, app }) {
  const unreadOnly = params.get('unread') === 'true';
  const toggle = h('input', { type: 'checkbox', id: 'notifications-unread', checked: unreadOnly });
  toggle.addEventListener('change', () => navigate(path + query({ unread: toggle.checked }), { replace: true }));
  const markAll = h('button', { type: 'button', class: 'button quiet' }, t('notificationsMarkAll'));
  const list = h('ul', { class: 'notifications', 'aria-busy': 'true' });
  const more = h('button', { type: 'button', class: 'button wide', hidden: true }, t('loadMore'));
  fillPage(
    t('notificationsTitle'),
    t('notificationsSubtitle'),
    h('div', { class: 'filters' }, h('div', { class: 'field inline' }, toggle, h('label', { for: 'notifications-unread' }, t('notificationsUnreadOnly'))), markAll),
    list,
    more,
  );

  const markRead = async (body) => {
    await api('/api/notifications/mark-read/', { method: 'POST', body });
    refreshBell().catch(() => {});
  };
  const item = (notification) => {
    const platform = app.platformById(notification.platform.id) ?? { slug: notification.platform.platform_slug, name: notification.platform.platform_name };
    const movie = notification.movie;
    const node = h(
      'li',
      { class: `notification${notification.read_at ? '' : ' unread'}`, 'data-id': notification.id },
      poster(movie, 'thumb'),
      h(
        'div',
        { class: 'notification-text' },
        h('p', {}, h('strong', {}, movie.primary_title), movie.start_year ? ` (${movie.start_year}) ` : ' ', t('notificationNowOn'), platformBadge(platform)),
        h('p', { class: 'muted' }, h('time', { datetime: notification.created_at }, formatDate(notification.created_at))),
      ),
    );
    if (!notification.read_at) {
      const button = h('button', { type: 'button', class: 'button quiet' }, t('notificationsMarkRead'));
      button.addEventListener('click', async () => {
        button.disabled = true;
        try {
          await markRead({ ids: [notification.id] });
          node.classList.remove('unread');
          button.remove();
          if (unreadOnly) node.remove();
        } catch (error) {
          button.disabled = false;
          toastFailure(error);
        }
      });
      node.append(button);
    }
    return node;
  };

  let next = null;
  const load = async (url) => {
    list.setAttribute('aria-busy', 'true');
    try {
      const page = await api(url);
      next = nextPath(page);
      list.append(...page.results.map(item));
      if (list.children.length === 0) list.replaceWith(h('p', { class: 'empty' }, t('notificationsNone')));
    } catch (error) {
      list.after(h('p', { class: 'alert alert-error', role: 'alert' }, failureMessage(error)));
    } finally {
      list.setAttribute('aria-busy', 'false');
      more.hidden = !next;
    }
  };
  more.addEventListener('click', () => next && load(next));
  markAll.addEventListener('click', async () => {
    markAll.disabled = true;
    try {
      await markRead({ all: true });
      navigate(path + query({ unread: unreadOnly }), { replace: true });
    } catch (error) {
      markAll.disabled = false;
      toastFailure(error);
    }
  });
  await load(`/api/notifications/${query({ unread: unreadOnly, page_size: PAGE_SIZE })}`);
}
