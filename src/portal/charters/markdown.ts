// Charter Markdown to safe HTML: marked for the Markdown, sanitize-html with the shared allow-list
// (src/markup/allow-list.ts) for safety. No script, no style, no frame, no form, no id or name, no event
// handler; links get rel="noopener noreferrer nofollow"; images only from this site (a path such as
// /assets/logo.png) or inline (data:image/…), any other replaced by its alternative text. Headings are
// shifted so that the text's highest one becomes <h2> (or the level asked for): the page keeps a single
// <h1>, with no level skipped.
import type { Marked } from 'marked';
import type sanitizeHtml from 'sanitize-html';
import { lazy } from '../../lazy.js';
import { elementFate, MARKUP_ATTRIBUTES, MARKUP_TAGS, taskBox, type MarkupContext } from '../../markup/allow-list.js';
import { markdownTooDeep } from '../../server/nesting.js';

// Both are loaded when a charter is first rendered, not at start.
const loadMarked = lazy<typeof import('marked')>('marked');
const loadSanitizer = lazy<typeof sanitizeHtml>('sanitize-html');
let markedInstance: Marked | undefined;
const marked = () => (markedInstance ??= new (loadMarked().Marked)({ gfm: true, breaks: false, renderer: { checkbox: taskBox } }));

// Charters are written by the chaton's admins: images from this site's paths are allowed there.
const CONTEXT: MarkupContext = { sameSiteImages: true };

const HEADINGS = [1, 2, 3, 4, 5, 6] as const;

/** Moves every heading by `shift` levels, kept between <h2> and <h6>. */
function headingTransforms(shift: number): Record<string, sanitizeHtml.Transformer> {
  const move = (level: number): sanitizeHtml.Transformer => (_tag, attribs) => ({ tagName: `h${Math.min(Math.max(level + shift, 2), 6)}`, attribs });
  return Object.fromEntries(HEADINGS.map((level) => [`h${level}`, move(level)]));
}

// A refused image is marked here, then replaced by its alternative text once sanitized (sanitize-html
// cannot swap an element for text itself); only this transform writes the marker.
const REFUSED = 'data-refused-image';
const REFUSED_IMAGE = new RegExp(`<img ${REFUSED}="([^"]*)" />`, 'g');

/** The shared allow-list decides each element's attributes. */
const applyAllowList: sanitizeHtml.Transformer = (tagName, attribs) => {
  const fate = elementFate(tagName, attribs, CONTEXT);
  return 'text' in fate ? { tagName, attribs: { [REFUSED]: fate.text } } : { tagName, attribs: fate.attributes };
};

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: MARKUP_TAGS.filter((tag) => tag !== 'h1'),
  allowedAttributes: { ...Object.fromEntries(Object.entries(MARKUP_ATTRIBUTES).map(([tag, names]) => [tag, [...names]])), a: [...(MARKUP_ATTRIBUTES.a ?? []), 'rel'], img: [...(MARKUP_ATTRIBUTES.img ?? []), REFUSED] },
  allowedClasses: { code: [/^language-[\w-]+$/] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['data'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: { '*': applyAllowList },
};

/** Sanitizes HTML with the charter rules; its highest heading becomes <h{topLevel}> (2 to 6). */
export function sanitizeCharterHtml(html: string, topLevel = 2): string {
  const levels = [...html.matchAll(/<h([1-6])[\s>]/gi)].map((m) => Number(m[1]));
  const shift = levels.length ? Math.min(Math.max(topLevel, 2), 6) - Math.min(...levels) : 0;
  const clean = loadSanitizer()(html, { ...OPTIONS, transformTags: { ...OPTIONS.transformTags, ...headingTransforms(shift) } });
  // The marker's value is already escaped as an attribute, so it is safe as text.
  return clean.replace(REFUSED_IMAGE, '$1');
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
