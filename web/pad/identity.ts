// Who I am on pads: a random author id, a name and a colour, remembered in this browser.
import { colorFor } from '../../src/modules/pad/protocol.js';

export interface Me { author: string; name: string; color: string }

function stored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function store(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Private mode: remembered for this page only.
  }
}

export function me(): Me {
  let author = stored('chaton-pad-author');
  if (!author || !/^[A-Za-z0-9_-]{8,32}$/.test(author)) {
    const bytes = crypto.getRandomValues(new Uint8Array(12));
    author = btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    store('chaton-pad-author', author);
  }
  const color = stored('chaton-pad-color');
  return { author, name: stored('chaton-pad-name') ?? '', color: color && /^#[0-9a-f]{6}$/.test(color) ? color : colorFor(author) };
}

export function remember(m: Me): void {
  store('chaton-pad-name', m.name);
  store('chaton-pad-color', m.color);
}

export function authorColorsOn(): boolean {
  return stored('chaton-pad-author-colors') !== 'off';
}

export function setAuthorColorsOn(on: boolean): void {
  store('chaton-pad-author-colors', on ? 'on' : 'off');
}
