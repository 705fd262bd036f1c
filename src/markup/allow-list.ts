// The one allow-list for markup that visitors and members write (pastes, charters): which elements and
// attributes survive, which links and images. Shared by the server (sanitize-html, portal/charters) and
// the browser (DOMPurify, web/paste): both keep only MARKUP_TAGS, then pass every kept element through
// elementFate. No dependency here, so that both sides import it.
//
// What never survives: `id`, `name`, `form`, `class` (except `language-…` on <code>), `style`, event
// handlers, forms and their fields, frames, objects, scripts, styles. Links keep only web, mail and
// same-site addresses and always get rel="noopener noreferrer nofollow". Images load only from the text
// itself (data:image/…) or, in text written by the chaton's admins, from this site; any other image is
// replaced by its alternative text, so that no page ever requests a third party.

/** Elements kept (any other is removed, its text kept; script, style and the like lose their text too). */
export const MARKUP_TAGS = [
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code', 'em',
  'strong', 'del', 's', 'sup', 'sub', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'abbr', 'dl', 'dt', 'dd',
] as const;

/** Attributes kept, per element (`class` on <code> only for `language-…`). */
export const MARKUP_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  a: ['href', 'title'],
  img: ['src', 'alt', 'title'],
  th: ['align'],
  td: ['align'],
  ol: ['start'],
  abbr: ['title'],
  code: ['class'],
};

/** Every attribute name that MARKUP_ATTRIBUTES keeps somewhere (for sanitizers that take one list). */
export const MARKUP_ATTRIBUTE_NAMES = [...new Set(Object.values(MARKUP_ATTRIBUTES).flat())];

export const LINK_REL = 'noopener noreferrer nofollow';

/** A Markdown task list's box, as text (form fields are never kept): give it to marked's `checkbox`. */
export function taskBox({ checked }: { checked: boolean }): string {
  return checked ? '☑ ' : '☐ ';
}

export interface MarkupContext {
  /** Images from this site's own paths (/assets/logo.png): only for text written by the chaton's admins. */
  sameSiteImages: boolean;
}

/** A same-site path, neither protocol-relative (//host) nor a backslash trick (/\host). */
function isSameSitePath(url: string): boolean {
  return url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\');
}

/** Links: web and mail addresses, and this site's paths (never javascript:, data:, or a #fragment). */
export function isAllowedHref(href: string): boolean {
  const h = href.trim();
  return /^(https?:\/\/|mailto:)/i.test(h) || isSameSitePath(h);
}

/** Images: inline (data:image/… of a raster or SVG type) or, when the context allows, this site's paths. */
export function isAllowedImageSrc(src: string, context: MarkupContext = { sameSiteImages: true }): boolean {
  const s = src.trim();
  if (/^data:image\/(png|gif|jpe?g|webp|avif|svg\+xml)[;,]/i.test(s)) return true;
  return context.sameSiteImages && isSameSitePath(s);
}

/** What becomes of one kept element: these attributes only, or (a refused image) this text instead. */
export type ElementFate = { attributes: Record<string, string> } | { text: string };

export function elementFate(tag: string, attributes: Readonly<Record<string, string>>, context: MarkupContext): ElementFate {
  const kept: Record<string, string> = {};
  for (const name of MARKUP_ATTRIBUTES[tag] ?? []) {
    const value = attributes[name];
    if (value !== undefined) kept[name] = value;
  }
  if (kept.class !== undefined && !/^language-[\w-]+$/.test(kept.class)) delete kept.class;
  if (kept.align !== undefined && !/^(left|center|right)$/.test(kept.align)) delete kept.align;
  if (kept.start !== undefined && !/^\d{1,9}$/.test(kept.start)) delete kept.start;
  if (tag === 'a') {
    if (kept.href !== undefined && !isAllowedHref(kept.href)) delete kept.href;
    kept.rel = LINK_REL;
  }
  if (tag === 'img' && (kept.src === undefined || !isAllowedImageSrc(kept.src, context))) return { text: kept.alt ?? '' };
  return { attributes: kept };
}
