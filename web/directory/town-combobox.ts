// SPDX-License-Identifier: AGPL-3.0-or-later
// "Near" as a combobox (WAI-ARIA 1.2 pattern, list autocomplete): as one types, towns of the gazetteer
// are suggested by this server (/api/directory/towns); up and down arrows move through them, Enter or a
// click takes one (its GeoNames id goes in the hidden `town` field, so the server needs not guess between
// towns of one name), Escape closes the list. Without JavaScript the field is a plain text input and the
// server answers what was written.
import { formatMessage } from '../../src/i18n/format.js';

interface TownSuggestion { id: number; name: string; label: string; population: number }

const DEBOUNCE_MS = 150;

export function townCombobox(): void {
  const input = document.querySelector<HTMLInputElement>('input[data-suggest]');
  const town = input?.form?.elements.namedItem('town');
  if (!input || !(town instanceof HTMLInputElement)) return;
  const lang = document.documentElement.lang;
  const listbox = document.createElement('ul');
  listbox.id = `${input.id}-towns`;
  listbox.setAttribute('role', 'listbox');
  listbox.className = 'town-list';
  listbox.hidden = true;
  const label = input.labels?.[0];
  if (label) {
    label.id ||= `${input.id}-label`;
    listbox.setAttribute('aria-labelledby', label.id);
  }
  const status = document.createElement('p');
  status.setAttribute('role', 'status');
  status.className = 'visually-hidden';
  input.after(listbox, status);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', listbox.id);

  let towns: TownSuggestion[] = [];
  let active = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked = 0;

  const options = (): HTMLElement[] => [...listbox.querySelectorAll<HTMLElement>('[role=option]')];
  const close = (): void => {
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const highlight = (i: number): void => {
    const all = options();
    active = all.length ? (i + all.length) % all.length : -1;
    all.forEach((o, j) => o.setAttribute('aria-selected', String(j === active)));
    const current = all[active];
    if (current) {
      input.setAttribute('aria-activedescendant', current.id);
      current.scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  };
  const choose = (i: number): void => {
    const t = towns[i];
    if (!t) return;
    input.value = t.name;
    town.value = String(t.id);
    close();
    status.textContent = t.label;
  };
  const show = (list: TownSuggestion[]): void => {
    towns = list;
    listbox.replaceChildren(
      ...list.map((t, i) => {
        const li = document.createElement('li');
        li.id = `${listbox.id}-${i}`;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        li.textContent = t.label;
        // mousedown, not click: the input keeps its focus.
        li.addEventListener('mousedown', (e) => {
          e.preventDefault();
          choose(i);
        });
        return li;
      }),
    );
    active = -1;
    listbox.hidden = list.length === 0;
    input.setAttribute('aria-expanded', String(list.length > 0));
    status.textContent = formatMessage(input.dataset.count ?? '{n}', { n: list.length }, lang);
  };
  const ask = async (q: string): Promise<void> => {
    const mine = ++asked;
    const country = (input.form?.elements.namedItem('country') as HTMLSelectElement | null)?.value ?? '';
    const params = new URLSearchParams({ q, ...(country ? { country } : {}) });
    try {
      const res = await fetch(`${input.dataset.suggest ?? ''}?${params.toString()}`, { headers: { accept: 'application/json' } });
      if (!res.ok || mine !== asked) return;
      const body = (await res.json()) as { towns: TownSuggestion[] };
      if (mine === asked && document.activeElement === input) show(body.towns);
    } catch {
      // No suggestions: the form still works as typed.
    }
  };

  input.addEventListener('input', () => {
    town.value = '';
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 2) {
      asked++;
      show([]);
      status.textContent = '';
      return;
    }
    timer = setTimeout(() => void ask(q), DEBOUNCE_MS);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (listbox.hidden) {
        if (towns.length) show(towns);
        else return;
      }
      e.preventDefault();
      highlight(active === -1 && e.key === 'ArrowUp' ? -1 : active + (e.key === 'ArrowDown' ? 1 : -1));
    } else if (e.key === 'Enter' && !listbox.hidden && active >= 0) {
      e.preventDefault();
      choose(active);
    } else if (e.key === 'Escape' && !listbox.hidden) {
      e.preventDefault();
      close();
    }
  });
  input.addEventListener('blur', close);
}
