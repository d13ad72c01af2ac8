// The one way the UI talks to the server: the public JSON API, with the session's tokens.
//
// Tokens live in localStorage so that every open tab shares one session. The server rotates the refresh
// token on every use and refuses a used one, so two tabs must never refresh with the same token: a
// refresh runs under a Web Lock shared by the tabs (when the page is a secure context). localStorage
// alone cannot hand the new pair over, because Chromium copies it to other tabs' processes a moment
// later, so a tab that waited for the lock may still read the old pair. IndexedDB is consistent across
// tabs, so the refreshing tab also records there which token it used and what replaced it, before it
// lets go of the lock; the next holder reads that first.

const ACCESS_KEY = 'myvod.access';
const REFRESH_KEY = 'myvod.refresh';
// Refresh this long before the access token expires, so that no request is sent with a dying token.
const REFRESH_MARGIN_SECONDS = 60;

export class ApiError extends Error {
  constructor(status, body, retryAfter) {
    super(`HTTP ${status}`);
    this.status = status;
    this.body = body;
    this.retryAfter = retryAfter;
  }
}

const sessionListeners = new Set();

export const session = {
  get access() {
    return localStorage.getItem(ACCESS_KEY);
  },
  get refresh() {
    return localStorage.getItem(REFRESH_KEY);
  },
  get loggedIn() {
    return Boolean(localStorage.getItem(REFRESH_KEY));
  },
  store({ access, refresh }) {
    localStorage.setItem(ACCESS_KEY, access);
    localStorage.setItem(REFRESH_KEY, refresh);
  },
  end(reason) {
    const wasLoggedIn = this.loggedIn;
    localStorage.removeItem(ACCESS_KEY);
    localStorage.removeItem(REFRESH_KEY);
    forgetRotation().catch(() => {});
    if (wasLoggedIn) sessionListeners.forEach((listener) => listener(reason));
  },
  // Called when this tab's session ends, here or in another tab.
  onEnd(listener) {
    sessionListeners.add(listener);
  },
};

window.addEventListener('storage', (event) => {
  if (event.key === REFRESH_KEY && !event.newValue && event.oldValue)
    sessionListeners.forEach((listener) => listener('elsewhere'));
});

function expiresAt(token) {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(payload)).exp ?? 0;
  } catch {
    return 0;
  }
}

function expiringSoon(token) {
  return !token || expiresAt(token) - REFRESH_MARGIN_SECONDS <= Date.now() / 1000;
}

let refreshInFlight = null;

// The last rotation: {used, access, refresh}, one record in IndexedDB.
function rotationStore(mode, operation) {
  return new Promise((resolve, reject) => {
    const opening = indexedDB.open('myvod', 1);
    opening.onupgradeneeded = () => opening.result.createObjectStore('session');
    opening.onerror = () => reject(opening.error);
    opening.onsuccess = () => {
      const database = opening.result;
      const transaction = database.transaction('session', mode);
      const request = operation(transaction.objectStore('session'));
      transaction.oncomplete = () => {
        database.close();
        resolve(request.result);
      };
      transaction.onerror = () => reject(transaction.error);
    };
  });
}
const lastRotation = () => rotationStore('readonly', (store) => store.get('rotation'));
const recordRotation = (rotation) => rotationStore('readwrite', (store) => store.put(rotation, 'rotation'));
const forgetRotation = () => rotationStore('readwrite', (store) => store.delete('rotation'));

// Makes sure the stored access token is fresh. `staleAccess` is the token a request was refused with,
// if any: when storage already holds another one, some tab has refreshed meanwhile.
function refreshSession(staleAccess) {
  refreshInFlight ??= withRefreshLock(async () => {
    const access = session.access;
    if (access && access !== staleAccess && !expiringSoon(access)) return;
    let refresh = session.refresh;
    if (!refresh) throw new ApiError(401, { detail: 'session over' });
    const last = await lastRotation();
    if (last?.used === refresh) {
      // Another tab rotated this token; its successor has not reached this tab's localStorage yet.
      session.store(last);
      if (!expiringSoon(last.access)) return;
      refresh = last.refresh;
    }
    const response = await fetch('/api/token/refresh/', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ refresh }),
    });
    if (response.ok) {
      const tokens = await response.json();
      await recordRotation({ used: refresh, access: tokens.access, refresh: tokens.refresh });
      session.store(tokens);
      return;
    }
    // Only a refused token ends the session; a server hiccup leaves it for the next try.
    if (response.status === 401 && session.refresh === refresh) session.end('expired');
    throw new ApiError(response.status, await readBody(response), response.headers.get('Retry-After'));
  }).finally(() => {
    refreshInFlight = null;
  });
  return refreshInFlight;
}

function withRefreshLock(work) {
  return navigator.locks ? navigator.locks.request('myvod.refresh', work) : work();
}

async function readBody(response) {
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) return response.json().catch(() => null);
  return response.text();
}

// `auth`: send the session's token; a 401 then means the session is over (after one refresh).
export async function api(path, options = {}) {
  const response = await apiResponse(path, options);
  const data = await readBody(response);
  if (!response.ok) throw new ApiError(response.status, data, response.headers.get('Retry-After'));
  return data;
}

// The response itself, its body unread: for an answer that streams (the availability sync's log).
export async function apiResponse(path, { method = 'GET', body, signal, auth = true, accept = 'application/json' } = {}) {
  const send = async () => {
    const headers = { Accept: accept };
    // A Blob (an uploaded file) goes as it is, with its own type; anything else as JSON.
    const raw = body instanceof Blob;
    if (body !== undefined) headers['Content-Type'] = raw ? body.type || 'application/octet-stream' : 'application/json';
    let token = null;
    if (auth) {
      if (expiringSoon(session.access)) await refreshSession(session.access);
      token = session.access;
      headers.Authorization = `Bearer ${token}`;
    }
    const response = await fetch(path, {
      method,
      headers,
      signal,
      body: body === undefined || raw ? body : JSON.stringify(body),
    });
    return { response, token };
  };
  let { response, token } = await send();
  if (response.status === 401 && auth) {
    await refreshSession(token);
    ({ response } = await send());
    if (response.status === 401) session.end('expired');
  }
  return response;
}

// A refused answer as an ApiError (for callers of apiResponse).
export async function refusal(response) {
  return new ApiError(response.status, await readBody(response), response.headers.get('Retry-After'));
}

// Every page of a paginated list; `next` is the server's absolute URL, so only its path and query are used.
export async function everyPage(path, { signal } = {}) {
  const results = [];
  let next = path;
  while (next) {
    const page = await api(next, { signal });
    results.push(...page.results);
    next = nextPath(page);
  }
  return results;
}

// The path and query of a paginated answer's next page (the server sends an absolute URL), or null.
export function nextPath(page) {
  if (!page.next) return null;
  const url = new URL(page.next);
  return url.pathname + url.search;
}

// A query string; a list repeats its key (api_type=tmdb&api_type=smtp), empty values are left out.
export function query(parameters) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== null && item !== '' && item !== false) search.append(name, String(item));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
