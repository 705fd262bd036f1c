// Author colours without inline styles (the CSP forbids them): one constructed style sheet whose rules
// colour each author's text, selections and cursors, keyed by the author id (letters, digits, - and _).
const sheet = new CSSStyleSheet();
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
const known = new Map<string, string>();

export function setAuthorColor(author: string, color: string): void {
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(author) || !/^#[0-9a-f]{6}$/i.test(color) || known.get(author) === color) return;
  known.set(author, color);
  const rules = [
    `.authors-on span.author[data-author="${author}"] { background-color: ${color}; }`,
    `.pad-remote-sel[data-author="${author}"] { background-color: ${color}80; }`,
  ];
  // Replace the author's old rules, if any.
  for (let i = sheet.cssRules.length - 1; i >= 0; i--) if (sheet.cssRules[i]?.cssText.includes(`"${author}"`)) sheet.deleteRule(i);
  for (const rule of rules) sheet.insertRule(rule, sheet.cssRules.length);
}

/** A colour swatch element (its colour set through the CSSOM, which the CSP allows). */
export function swatch(color: string): HTMLElement {
  const span = document.createElement('span');
  span.className = 'swatch';
  span.setAttribute('aria-hidden', 'true');
  span.style.setProperty('background-color', color);
  return span;
}
