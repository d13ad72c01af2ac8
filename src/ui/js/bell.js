// The header's notifications link with the unread count. It is asked for on every page change (one small
// request), so a sync that happened meanwhile shows up without a reload.

import { api } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';

let link = null;

export function bell() {
  const count = h('span', { class: 'bell-count', hidden: true });
  link = h('a', { href: '/app/notifications', class: 'bell', 'aria-label': t('navNotifications') }, h('span', { class: 'bell-icon', 'aria-hidden': 'true' }), count);
  return link;
}

export async function refreshBell() {
  if (!link?.isConnected) return;
  const current = link;
  const { count } = await api('/api/notifications/unread-count/');
  if (current !== link) return; // the header was rebuilt meanwhile
  const badge = current.querySelector('.bell-count');
  badge.textContent = count > 99 ? '99+' : String(count);
  badge.hidden = count === 0;
  current.setAttribute('aria-label', count ? `${t('navNotifications')}: ${t('notificationsUnread', { count })}` : t('navNotifications'));
}
