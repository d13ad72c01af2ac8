// What myVOD is, and the attributions its data sources require.

import { h } from '../dom.js';
import { t } from '../i18n.js';

export function render({ fillPage }) {
  const main = fillPage(t('aboutTitle'), '');
  main.classList.add('narrow');
  main.append(
    h(
      'section',
      { class: 'card' },
      h('p', {}, t('aboutText')),
      h('p', {}, h('a', { href: 'https://www.themoviedb.org/', rel: 'noopener' }, 'TMDB'), ': ', t('attributionTmdb')),
      h('p', {}, h('a', { href: 'https://www.justwatch.com/', rel: 'noopener' }, 'JustWatch'), ': ', t('attributionJustWatch')),
      h('p', {}, h('a', { href: 'https://www.imdb.com/', rel: 'noopener' }, 'IMDb'), ': ', t('attributionImdb')),
      h('p', {}, t('aboutApi'), ' ', h('a', { href: '/api/docs/' }, t('aboutApiLink')), '.'),
    ),
  );
}
