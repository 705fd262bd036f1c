// A paste's Markdown to safe nodes: DOMPurify keeps only the shared allow-list's elements and attributes
// (src/markup/allow-list.ts), then each kept element goes through the same elementFate as on the server.
// A paste is written by a stranger: images load only from the paste itself (data:image/…), never from
// this site's paths nor from elsewhere; any other image is replaced by its alternative text.
import DOMPurify from 'dompurify';
import { elementFate, MARKUP_ATTRIBUTE_NAMES, MARKUP_TAGS, type MarkupContext } from '../../src/markup/allow-list.js';

const CONTEXT: MarkupContext = { sameSiteImages: false };

export function sanitizeMarkup(html: string): DocumentFragment {
  const fragment = DOMPurify.sanitize(html, {
    ALLOWED_TAGS: [...MARKUP_TAGS],
    ALLOWED_ATTR: MARKUP_ATTRIBUTE_NAMES,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    RETURN_DOM_FRAGMENT: true,
  });
  for (const element of [...fragment.querySelectorAll('*')]) {
    const attributes = Object.fromEntries([...element.attributes].map((a) => [a.name, a.value]));
    const fate = elementFate(element.localName, attributes, CONTEXT);
    if ('text' in fate) {
      element.replaceWith(fate.text);
      continue;
    }
    for (const name of Object.keys(attributes)) element.removeAttribute(name);
    for (const [name, value] of Object.entries(fate.attributes)) element.setAttribute(name, value);
  }
  return fragment;
}
