// Message formatting shared by the server and the browser bundles (no server-only import here).
// Syntax, a small subset of ICU MessageFormat:
//   {name}                                  the parameter as given
//   {name, number}                          the number formatted for the language (1 234 / 1,234)
//   {name, plural, one {# pad} other {# pads}}   the branch chosen by Intl.PluralRules; '#' is the
//                                           formatted number; '=0 {…}' matches one exact value.
// French counts 0 and 1 as "one" (0 pad, 1 pad, 2 pads); English only 1.
export type FormatLang = 'fr' | 'en';
export type FormatParams = Record<string, string | number>;

export function localeOf(lang: string): string {
  return lang === 'en' || lang.startsWith('en-') ? 'en-GB' : 'fr-FR';
}

export function formatNumber(n: number, lang: string): string {
  return new Intl.NumberFormat(localeOf(lang)).format(n);
}

export function pluralCategory(n: number, lang: string): Intl.LDMLPluralRule {
  return new Intl.PluralRules(localeOf(lang)).select(n);
}

/** The index just after the brace that closes the one opened at `open`, or -1. */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i + 1;
  }
  return -1;
}

/** Parses "one {…} other {…}" into its selectors and bodies. */
function options(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  while (i < text.length) {
    const m = /^\s*(=?[\w]+)\s*/.exec(text.slice(i));
    if (!m?.[1]) break;
    const open = i + m[0].length;
    if (text[open] !== '{') break;
    const end = closing(text, open);
    if (end < 0) break;
    out.set(m[1], text.slice(open + 1, end - 1));
    i = end;
  }
  return out;
}

function plural(value: string | number | undefined, body: string, params: FormatParams, lang: string): string | undefined {
  const n = typeof value === 'number' ? value : Number(value);
  if (value === undefined || !Number.isFinite(n)) return undefined;
  const opts = options(body);
  const branch = opts.get(`=${n}`) ?? opts.get(pluralCategory(n, lang)) ?? opts.get('other');
  if (branch === undefined) return undefined;
  const shown = formatNumber(n, lang);
  // '#' stands for the number only at this level, not inside a nested plural.
  let out = '';
  for (let i = 0; i < branch.length; i++) {
    const c = branch[i];
    if (c === '{') {
      const end = closing(branch, i);
      if (end < 0) { out += branch.slice(i); break; }
      out += branch.slice(i, end);
      i = end - 1;
    } else out += c === '#' ? shown : c;
  }
  return formatMessage(out, params, lang);
}

/** Formats a catalogue text with its parameters in the given language; unknown placeholders stay. */
export function formatMessage(text: string, params: FormatParams | undefined, lang: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{', i);
    if (open < 0) { out += text.slice(i); break; }
    out += text.slice(i, open);
    const end = closing(text, open);
    if (end < 0) { out += text.slice(open); break; }
    const inner = text.slice(open + 1, end - 1);
    const m = /^\s*(\w+)\s*(?:,\s*(\w+)\s*(?:,([\s\S]*))?)?$/.exec(inner);
    const name = m?.[1];
    const value = name !== undefined && params && name in params ? params[name] : undefined;
    let replaced: string | undefined;
    if (m && value !== undefined) {
      if (m[2] === undefined) replaced = String(value);
      else if (m[2] === 'number') replaced = typeof value === 'number' ? formatNumber(value, lang) : String(value);
      else if (m[2] === 'plural' && m[3] !== undefined) replaced = plural(value, m[3], params ?? {}, lang);
    }
    out += replaced ?? text.slice(open, end);
    i = end;
  }
  return out;
}

/** "1 file" / "2 files": a count with its noun, for texts built outside the catalogues (CLI output). */
export function countOf(n: number, lang: string, one: string, other: string): string {
  return formatMessage(`{n, plural, one {# ${one}} other {# ${other}}}`, { n }, lang);
}
