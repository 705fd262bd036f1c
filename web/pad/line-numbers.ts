// The editor's line numbers: a toggle button (aria-pressed) that numbers the document's top-level blocks
// (CSS counters, pad.css), remembered in this browser.
const KEY = 'chaton.pad.lineNumbers';

function remembered(): boolean {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

export function lineNumbers(button: HTMLElement, editor: HTMLElement): void {
  const apply = (on: boolean) => {
    editor.classList.toggle('line-numbers', on);
    button.setAttribute('aria-pressed', String(on));
  };
  apply(remembered());
  button.addEventListener('click', () => {
    const on = button.getAttribute('aria-pressed') !== 'true';
    apply(on);
    try {
      localStorage.setItem(KEY, on ? '1' : '0');
    } catch {
      // Storage refused (private mode): the choice lasts until the page is left.
    }
  });
}
