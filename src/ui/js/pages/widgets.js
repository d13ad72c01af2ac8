// Controls that several pages share: the language switch and the platform picker.

import { h } from '../dom.js';
import { currentLanguage, languages, setLanguage, t } from '../i18n.js';

// `onChange` redraws the page in the new language.
export function languageSwitch(onChange) {
  const select = h(
    'select',
    { id: 'language-select' },
    languages.map(([code, name]) => h('option', { value: code, selected: code === currentLanguage(), lang: code }, name)),
  );
  select.addEventListener('change', () => {
    setLanguage(select.value);
    onChange();
  });
  return h('div', { class: 'field inline' }, h('label', { for: 'language-select' }, t('language')), select);
}

// One labelled checkbox per platform in its own colours; `selected` is a Set of platform ids.
export function platformPicker(platforms, selected, onChange) {
  return h(
    'fieldset',
    { class: 'platform-picker' },
    h('legend', {}, t('platforms')),
    platforms.map((platform) => {
      const input = h('input', { type: 'checkbox', name: 'platforms', value: String(platform.id), checked: selected.has(platform.id) });
      input.addEventListener('change', () => {
        if (input.checked) selected.add(platform.id);
        else selected.delete(platform.id);
        onChange?.();
      });
      return h('label', { class: `platform-choice platform-${platform.slug}` }, input, h('span', { class: 'platform-logo', 'aria-hidden': 'true' }, platform.name.slice(0, 1)), h('span', {}, platform.name));
    }),
  );
}
