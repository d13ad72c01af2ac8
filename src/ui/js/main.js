// The web UI's entry: routes, the session check and the app shell. Each page is a module loaded on
// first visit, so the first screen downloads only what it shows.

import { api, session } from './api.js';
import { bell, refreshBell } from './bell.js';
import { clear, failureMessage, h, toast } from './dom.js';
import { currentLanguage, t } from './i18n.js';
import { searchBox } from './search.js';

const routes = {
  '/auth/login': { page: () => import('./pages/auth.js'), access: 'guest' },
  '/auth/register': { page: () => import('./pages/auth.js'), access: 'guest' },
  '/auth/forgot-password': { page: () => import('./pages/forgot.js'), access: 'guest' },
  '/auth/reset-password': { page: () => import('./pages/reset.js'), access: 'anyone', bare: true },
  '/mail/confirm': { page: () => import('./pages/mail.js'), access: 'anyone', bare: true },
  '/mail/unsubscribe': { page: () => import('./pages/mail.js'), access: 'anyone', bare: true },
  '/onboarding/platforms': { page: () => import('./pages/onboarding.js'), access: 'user', bare: true },
  '/app/watchlist': { page: () => import('./pages/library.js'), access: 'user', nav: 'navWatchlist' },
  '/app/watched': { page: () => import('./pages/library.js'), access: 'user', nav: 'navWatched' },
  '/app/onvod': { page: () => import('./pages/library.js'), access: 'user', nav: 'navOnVod' },
  '/app/suggestions': { page: () => import('./pages/suggestions.js'), access: 'user', nav: 'navSuggestions', needs: 'suggestions' },
  '/app/notifications': { page: () => import('./pages/notifications.js'), access: 'user', nav: 'navNotifications' },
  '/app/profile': { page: () => import('./pages/profile.js'), access: 'user', nav: 'navProfile' },
  '/app/import': { page: () => import('./pages/import.js'), access: 'user', nav: 'navProfile' },
  '/app/admin': { page: () => import('./pages/admin.js'), access: 'staff', nav: 'navAdmin' },
  '/about': { page: () => import('./pages/about.js'), access: 'anyone', nav: 'navAbout' },
};

// What the pages share: who is logged in, the platforms and what the server has configured.
export const app = {
  me: null,
  platforms: [],
  config: {},
  async loadMe() {
    this.me = await api('/api/me/');
    return this.me;
  },
  platformById(id) {
    return this.platforms.find((platform) => platform.id === id);
  },
};

const root = document.getElementById('app');
let renderCount = 0;
let leavePage = null;

export function navigate(path, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  render();
}

// Same-origin links navigate inside the app; a modified click (new tab) is left to the browser.
document.addEventListener('click', (event) => {
  const link = event.target.closest('a[href]');
  if (!link || link.target || link.origin !== location.origin || link.hasAttribute('download')) return;
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  if (link.pathname.startsWith('/api/')) return;
  event.preventDefault();
  navigate(link.pathname + link.search);
});
window.addEventListener('popstate', () => render());

session.onEnd((reason) => {
  app.me = null;
  if (reason === 'expired' || reason === 'elsewhere') toast(t('sessionOver'), { type: 'error' });
  const next = location.pathname.startsWith('/auth/') ? '' : `?next=${encodeURIComponent(location.pathname + location.search)}`;
  navigate(`/auth/login${reason === 'logout' ? '' : next}`, { replace: true });
});

// A failure nobody handled still reaches the user as a sentence, never as a silent console error.
window.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  toast(failureMessage(event.reason), { type: 'error' });
});

async function render() {
  const thisRender = ++renderCount;
  leavePage?.();
  leavePage = null;
  const path = location.pathname.replace(/\/+$/, '') || '/';
  if (path === '/') {
    navigate(session.loggedIn ? '/app/watchlist' : '/auth/login', { replace: true });
    return;
  }
  const route = routes[path];
  if (!route) {
    showShell(null);
    fillPage(t('notFound'), '', h('p', {}, h('a', { href: '/app/watchlist' }, t('goHome'))));
    return;
  }
  if (route.access === 'guest' && session.loggedIn) return navigate('/app/watchlist', { replace: true });
  // The page's module loads while the account is checked, not after.
  const modulePromise = route.page();
  modulePromise.catch(() => {}); // awaited below; a redirect before that must not leave it unhandled
  if (['user', 'staff'].includes(route.access)) {
    if (!session.loggedIn) return navigate(`/auth/login?next=${encodeURIComponent(path + location.search)}`, { replace: true });
    try {
      if (!app.me) await Promise.all([app.loadMe(), loadPlatforms()]);
    } catch (error) {
      if (session.loggedIn) showError(error);
      return;
    }
    if (thisRender !== renderCount) return;
    // Platforms come first: without them nothing can say what streams where.
    if (app.me.platforms.length === 0 && path !== '/onboarding/platforms') return navigate('/onboarding/platforms', { replace: true });
    if (route.access === 'staff' && !app.me.is_staff) return navigate('/app/watchlist', { replace: true });
    if (route.needs && !app.config[route.needs]) return navigate('/app/watchlist', { replace: true });
  } else if (route.access === 'guest') {
    // The log-in and sign-up pages read the server's config (is sign-up open?); without it they offer everything.
    await loadPlatforms().catch(() => {});
    if (thisRender !== renderCount) return;
  }
  root.setAttribute('aria-busy', 'true');
  try {
    const module = await modulePromise;
    if (thisRender !== renderCount) return;
    showShell(route.bare || route.access === 'guest' ? null : route);
    refreshBell().catch(() => {}); // a count that fails to load leaves the bell as it was
    const main = document.getElementById('main');
    leavePage = (await module.render({ main, path, params: new URLSearchParams(location.search), app, navigate, fillPage })) ?? null;
  } catch (error) {
    if (thisRender === renderCount) showError(error);
  }
  root.setAttribute('aria-busy', 'false');
}

function showError(error) {
  showShell(null);
  fillPage(t('toastFailed'), '', h('p', { role: 'alert' }, failureMessage(error)), h('button', { class: 'button', onclick: () => render() }, t('retry')));
}

async function loadPlatforms() {
  if (app.platforms.length === 0) {
    const [platforms, config] = await Promise.all([api('/api/platforms/', { auth: false }), api('/api/config/', { auth: false })]);
    app.platforms = platforms.map((platform) => ({ id: platform.id, slug: platform.platform_slug, name: platform.platform_name }));
    app.config = config;
  }
}

// The header with navigation for app pages, or a bare frame for log-in and onboarding. The app header
// stays from page to page (only the current link changes), so the search box and its results survive
// a page reloading its list underneath.
function showShell(route) {
  document.querySelector('.skip-link').textContent = t('skip');
  const loggedIn = session.loggedIn && app.me;
  const wanted = route && loggedIn ? `app:${app.me.email}:${app.me.is_staff}:${currentLanguage()}` : `bare:${Boolean(loggedIn)}`;
  const header = root.querySelector('.site-header');
  if (header?.dataset.shell === wanted) {
    header.querySelectorAll('.main-nav a').forEach((link) => {
      if (link.pathname === location.pathname) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    });
    clear(document.getElementById('main'));
    return;
  }
  const fresh = h('header', { class: 'site-header', 'data-shell': wanted }, h('a', { href: loggedIn ? '/app/watchlist' : '/auth/login', class: 'brand' }, h('img', { src: '/logo.svg', alt: '', width: 28, height: 28 }), 'myVOD'));
  if (wanted.startsWith('app:')) {
    // A page whose feature this server has not configured is not offered (GET /api/config/).
    const items = ['/app/watchlist', '/app/watched', '/app/onvod', '/app/suggestions', '/app/profile', '/app/admin']
      .filter((path) => routes[path].access !== 'staff' || app.me.is_staff)
      .filter((path) => !routes[path].needs || app.config[routes[path].needs])
      .map((path) => h('li', {}, h('a', { href: path, 'aria-current': location.pathname === path ? 'page' : null }, t(routes[path].nav))));
    fresh.append(
      h('nav', { 'aria-label': t('mainNav'), class: 'main-nav' }, h('ul', {}, items)),
      searchBox(app),
      bell(),
      h('button', { type: 'button', class: 'button quiet', onclick: logOut }, t('logOut')),
    );
  }
  clear(
    root,
    fresh,
    h('main', { id: 'main', tabindex: '-1' }),
    h('footer', { class: 'site-footer' }, h('a', { href: '/about' }, t('navAbout'))),
  );
}

// Every page starts with its title; focus moves there so that keyboard and screen-reader users land on it.
export function fillPage(title, subtitle, ...content) {
  const main = document.getElementById('main');
  const heading = h('h1', { tabindex: '-1' }, title);
  clear(main, h('div', { class: 'page-head' }, heading, subtitle ? h('p', { class: 'subtitle' }, subtitle) : null), ...content);
  document.title = `${title} · myVOD`;
  // A list reloading under the search box (after an add from a result) must not take the keyboard away.
  if (!document.activeElement?.closest('.search')) heading.focus({ preventScroll: true });
  return main;
}

function logOut() {
  session.end('logout');
}

render();
