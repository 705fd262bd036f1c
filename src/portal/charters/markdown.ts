// Charter Markdown to safe HTML: marked for the Markdown, sanitize-html for safety. No script, no style,
// no frame, no event handler; links get rel="noopener noreferrer nofollow"; images only from this site
// (a path such as /assets/logo.png) or inline (data:image/…). Headings are shifted so that the text's
// highest one becomes <h2> (or the level asked for): the page keeps a single <h1>, with no level skipped.
import type { Marked } from 'marked';
import type sanitizeHtml from 'sanitize-html';
import { lazy } from '../../lazy.js';
import { markdownTooDeep } from '../../server/nesting.js';

// Both are loaded when a charter is first rendered, not at start.
const loadMarked = lazy<typeof import('marked')>('marked');
const loadSanitizer = lazy<typeof sanitizeHtml>('sanitize-html');
let markedInstance: Marked | undefined;
const marked = () => (markedInstance ??= new (loadMarked().Marked)({ gfm: true, breaks: false }));

const LINK_REL = 'noopener noreferrer nofollow';

/** A same-site path (not protocol-relative) or an inline raster or SVG image. */
export function isAllowedImageSrc(src: string): boolean {
  const s = src.trim();
  if (/^data:image\/(png|gif|jpe?g|webp|svg\+xml)[;,]/i.test(s)) return true;
  return s.startsWith('/') && !s.startsWith('//') && !s.startsWith('/\\');
}

const HEADINGS = [1, 2, 3, 4, 5, 6] as const;

/** Moves every heading by `shift` levels, kept between <h2> and <h6>. */
function headingTransforms(shift: number): Record<string, sanitizeHtml.Transformer> {
  const move = (level: number): sanitizeHtml.Transformer => (_tag, attribs) => ({ tagName: `h${Math.min(Math.max(level + shift, 2), 6)}`, attribs });
  return Object.fromEntries(HEADINGS.map((level) => [`h${level}`, move(level)]));
}

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code', 'em', 'strong', 'del', 's', 'sup', 'sub', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'abbr', 'dl', 'dt', 'dd'],
  allowedAttributes: { a: ['href', 'title', 'rel'], img: ['src', 'alt', 'title'], th: ['align'], td: ['align'], ol: ['start'], abbr: ['title'] },
  allowedClasses: { code: [/^language-[\w-]+$/] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['data'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: LINK_REL } }),
    img: (tagName, attribs) => {
      const { src, ...rest } = attribs;
      return { tagName, attribs: src !== undefined && isAllowedImageSrc(src) ? { ...rest, src } : rest };
    },
  },
  // An image whose source was refused is dropped entirely.
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
};

/** Sanitizes HTML with the charter rules; its highest heading becomes <h{topLevel}> (2 to 6). */
export function sanitizeCharterHtml(html: string, topLevel = 2): string {
  const levels = [...html.matchAll(/<h([1-6])[\s>]/gi)].map((m) => Number(m[1]));
  const shift = levels.length ? Math.min(Math.max(topLevel, 2), 6) - Math.min(...levels) : 0;
  return loadSanitizer()(html, { ...OPTIONS, transformTags: { ...OPTIONS.transformTags, ...headingTransforms(shift) } });
}

/** How deeply a charter's quotes and lists may nest: deeper is refused when it is written (marked parses
 * recursively and would overflow the stack on every page that shows it). */
export const CHARTER_MAX_DEPTH = 100;

/** Whether a charter text nests too deeply to be rendered. */
export function charterTooDeep(md: string): boolean {
  return markdownTooDeep(md, CHARTER_MAX_DEPTH);
}

/** Renders charter Markdown to sanitized HTML (headings from <h{topLevel}>, by default <h2>); a text
 * nesting too deeply (only one stored before the limit) is shown as plain text. */
export function renderCharterHtml(md: string, topLevel = 2): string {
  const key = `${topLevel}\n${md}`;
  let html = rendered.get(key);
  if (html === undefined) {
    html = charterTooDeep(md) ? `<pre>${escapeHtml(md)}</pre>` : sanitizeCharterHtml(marked().parse(md, { async: false }), topLevel);
    // Published versions never change, so a few recent renderings are kept (oldest dropped first).
    if (rendered.size >= RENDERED_MAX) rendered.delete(rendered.keys().next().value!);
    rendered.set(key, html);
  }
  return html;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const RENDERED_MAX = 32;
const rendered = new Map<string, string>();
